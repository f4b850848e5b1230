'use strict';

var test = require('tape');
var url = require('../lib/url');

test('split()', function (t) {
    t.test('splits a url with a query and a hash', function (st) {
        st.deepEqual(
            url.split('https://example.com/a?b=c#d'),
            { base: 'https://example.com/a', query: 'b=c', hash: '#d' }
        );
        st.end();
    });

    t.test('returns an empty query when there is none', function (st) {
        st.deepEqual(url.split('/path'), { base: '/path', query: '', hash: '' });
        st.deepEqual(url.split('/path#frag'), { base: '/path', query: '', hash: '#frag' });
        st.end();
    });

    t.test('keeps an empty query', function (st) {
        st.deepEqual(url.split('/path?'), { base: '/path', query: '', hash: '' });
        st.end();
    });

    t.test('treats a ? after the hash as part of the hash', function (st) {
        st.deepEqual(url.split('/a#b?c=d'), { base: '/a', query: '', hash: '#b?c=d' });
        st.end();
    });

    t.test('only splits on the first ?', function (st) {
        st.deepEqual(url.split('/a?b=c?d'), { base: '/a', query: 'b=c?d', hash: '' });
        st.end();
    });

    t.test('throws on a non-string', function (st) {
        st['throws'](function () { url.split(null); }, TypeError);
        st['throws'](function () { url.split({}); }, TypeError);
        st.end();
    });

    t.end();
});

test('extract()', function (t) {
    t.deepEqual(url.extract('/search?q=foo&page=2'), { q: 'foo', page: '2' }, 'parses the query of a path');
    t.deepEqual(url.extract('https://x.test/?a[b]=c#top'), { a: { b: 'c' } }, 'parses nested keys and ignores the hash');
    t.deepEqual(url.extract('/nothing'), {}, 'returns an empty object with no query');
    t.deepEqual(url.extract('/a?a.b=c', { allowDots: true }), { a: { b: 'c' } }, 'passes options to parse');
    t.end();
});

test('replace()', function (t) {
    t.test('replaces the whole query', function (st) {
        st.equal(url.replace('/a?x=1#h', { y: 2 }), '/a?y=2#h');
        st.end();
    });

    t.test('drops the ? when the query is empty', function (st) {
        st.equal(url.replace('/a?x=1', {}), '/a');
        st.equal(url.replace('/a?x=1#h', {}), '/a#h');
        st.end();
    });

    t.test('keeps the ? with keepEmpty', function (st) {
        st.equal(url.replace('/a?x=1', {}, { keepEmpty: true }), '/a?');
        st.end();
    });

    t.test('encodes nested objects the same way as stringify', function (st) {
        st.equal(url.replace('/a', { a: { b: 'c' } }), '/a?a%5Bb%5D=c');
        st.equal(url.replace('/a', { a: { b: 'c' } }, { encodeValuesOnly: true }), '/a?a[b]=c');
        st.end();
    });

    t.test('passes stringify options through', function (st) {
        st.equal(url.replace('/a', { a: ['b', 'c'] }, { arrayFormat: 'brackets', encodeValuesOnly: true }), '/a?a[]=b&a[]=c');
        st.equal(url.replace('/a', { a: { b: 'c' } }, { allowDots: true }), '/a?a.b=c');
        st.end();
    });

    t.test('ignores addQueryPrefix from the options', function (st) {
        st.equal(url.replace('/a', { b: 'c' }, { addQueryPrefix: true }), '/a?b=c');
        st.end();
    });

    t.test('sorts keys when asked', function (st) {
        st.equal(url.replace('/a', { c: 1, a: 2, b: 3 }, { sort: true }), '/a?a=2&b=3&c=1');
        st.equal(
            url.replace('/a', { c: 1, a: 2, b: 3 }, { sort: function (a, b) { return b.localeCompare(a); } }),
            '/a?c=1&b=3&a=2'
        );
        st.end();
    });

    t.test('throws on a bad sort option', function (st) {
        st['throws'](function () { url.replace('/a', {}, { sort: 'yes' }); }, TypeError);
        st.end();
    });

    t.end();
});

test('merge()', function (t) {
    t.test('adds keys to an existing query', function (st) {
        st.equal(url.merge('/a?x=1', { y: 2 }), '/a?x=1&y=2');
        st.end();
    });

    t.test('overwrites existing keys', function (st) {
        st.equal(url.merge('/a?x=1&y=1', { x: 2 }), '/a?x=2&y=1');
        st.end();
    });

    t.test('removes keys set to undefined', function (st) {
        st.equal(url.merge('/a?x=1&y=1', { x: undefined }), '/a?y=1');
        st.equal(url.merge('/a?x=1', { x: undefined }), '/a');
        st.end();
    });

    t.test('replaces nested values rather than merging into them', function (st) {
        st.equal(url.merge('/a?f[a]=1&f[b]=2', { f: { c: 3 } }, { encodeValuesOnly: true }), '/a?f[c]=3');
        st.end();
    });

    t.test('keeps the hash', function (st) {
        st.equal(url.merge('/a?x=1#section', { page: 3 }), '/a?x=1&page=3#section');
        st.end();
    });

    t.test('works without an existing query', function (st) {
        st.equal(url.merge('https://example.com', { q: 'a b' }), 'https://example.com?q=a%20b');
        st.end();
    });

    t.test('does nothing with a null object', function (st) {
        st.equal(url.merge('/a?x=1', null), '/a?x=1');
        st.end();
    });

    t.test('does not pollute the prototype', function (st) {
        url.merge('/a?__proto__[polluted]=yes', {});
        st.equal({}.polluted, undefined);
        st.end();
    });

    t.end();
});

test('omit()', function (t) {
    t.equal(url.omit('/a?x=1&y=2&z=3', ['x', 'z']), '/a?y=2', 'removes a list of keys');
    t.equal(url.omit('/a?x=1&y=2', 'y'), '/a?x=1', 'removes a single key');
    t.equal(url.omit('/a?x=1', 'x'), '/a', 'drops the ? when nothing is left');
    t.equal(url.omit('/a?x=1#h', 'nope'), '/a?x=1#h', 'leaves the url alone when the key is absent');
    t.equal(url.omit('/a', 'x'), '/a', 'works without a query');
    t.end();
});
