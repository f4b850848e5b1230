'use strict';

var parse = require('./parse');
var stringify = require('./stringify');
var utils = require('./utils');

var has = Object.prototype.hasOwnProperty;
var isArray = Array.isArray;

var defaults = {
    encodeValuesOnly: false,
    keepEmpty: false,
    sort: false
};

var normalizeUrlOptions = function normalizeUrlOptions(opts) {
    if (!opts) {
        return defaults;
    }

    if (opts.sort !== null && typeof opts.sort !== 'undefined' && typeof opts.sort !== 'boolean' && typeof opts.sort !== 'function') {
        throw new TypeError('The sort option must be a boolean or a comparator function.');
    }

    return {
        encodeValuesOnly: typeof opts.encodeValuesOnly === 'boolean' ? opts.encodeValuesOnly : defaults.encodeValuesOnly,
        keepEmpty: typeof opts.keepEmpty === 'boolean' ? opts.keepEmpty : defaults.keepEmpty,
        sort: opts.sort === true ? function (a, b) { return a.localeCompare(b); } : opts.sort || defaults.sort
    };
};

// Splits a url into the part before the query, the query itself (without
// the leading "?") and the hash (with its leading "#"). A "?" that appears
// after the "#" belongs to the hash, as browsers treat it.
var split = function split(url) {
    if (typeof url !== 'string') {
        throw new TypeError('url must be a string');
    }

    var hashIndex = url.indexOf('#');
    var hash = hashIndex === -1 ? '' : url.slice(hashIndex);
    var rest = hashIndex === -1 ? url : url.slice(0, hashIndex);

    var queryIndex = rest.indexOf('?');
    if (queryIndex === -1) {
        return { base: rest, query: '', hash: hash };
    }

    return {
        base: rest.slice(0, queryIndex),
        query: rest.slice(queryIndex + 1),
        hash: hash
    };
};

var join = function join(parts, query, options) {
    if (query === '' && !options.keepEmpty) {
        return parts.base + parts.hash;
    }

    return parts.base + '?' + query + parts.hash;
};

var extract = function extract(url, opts) {
    return parse(split(url).query, opts);
};

var replace = function replace(url, obj, opts) {
    var options = normalizeUrlOptions(opts);
    var parts = split(url);
    var stringifyOptions = utils.assign({}, opts || {});
    stringifyOptions.addQueryPrefix = false;
    stringifyOptions.encodeValuesOnly = options.encodeValuesOnly;
    stringifyOptions.sort = options.sort || undefined;

    var query = stringify(obj, stringifyOptions);

    return join(parts, query, options);
};

// Values in `obj` win over values already in the url; a value of
// `undefined` removes the key, as stringify() skips undefined values.
var merge = function merge(url, obj, opts) {
    var parts = split(url);
    var current = parse(parts.query, opts);
    var keys = Object.keys(obj || {});

    for (var i = 0; i < keys.length; ++i) {
        var key = keys[i];
        if (typeof obj[key] === 'undefined') {
            delete current[key];
        } else {
            current[key] = obj[key];
        }
    }

    return replace(parts.base + parts.hash, current, opts);
};

var omit = function omit(url, keys, opts) {
    var list = isArray(keys) ? keys : [keys];
    var parts = split(url);
    var current = parse(parts.query, opts);
    var result = {};
    var currentKeys = Object.keys(current);

    for (var i = 0; i < currentKeys.length; ++i) {
        var key = currentKeys[i];
        if (list.indexOf(key) === -1 && has.call(current, key)) {
            result[key] = current[key];
        }
    }

    return replace(parts.base + parts.hash, result, opts);
};

module.exports = {
    extract: extract,
    merge: merge,
    omit: omit,
    replace: replace,
    split: split
};
