import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify, IniSyntaxError } from './ini.mjs';

// parse() returns null-prototype objects; normalise them for deepEqual.
const plain = (o) => JSON.parse(JSON.stringify(o));

describe('parse', () => {
  it('returns an empty object for empty input', () => {
    assert.deepEqual(plain(parse('')), {});
  });

  it('parses top-level keys', () => {
    assert.deepEqual(plain(parse('name = app\nport = 8080')), { name: 'app', port: '8080' });
  });

  it('parses sections', () => {
    const ini = ['[server]', 'host = localhost', '', '[db]', 'user = admin'].join('\n');
    assert.deepEqual(plain(parse(ini)), {
      server: { host: 'localhost' },
      db: { user: 'admin' },
    });
  });

  it('nests dotted section names', () => {
    const out = plain(parse('[a.b.c]\nx = 1\n[a.b]\ny = 2'));
    assert.deepEqual(out, { a: { b: { c: { x: '1' }, y: '2' } } });
  });

  it('handles CRLF line endings', () => {
    assert.deepEqual(plain(parse('[s]\r\nk = v\r\n')), { s: { k: 'v' } });
  });

  it('ignores full-line comments starting with ; or #', () => {
    const out = plain(parse('; comment\n# another\nk = v'));
    assert.deepEqual(out, { k: 'v' });
  });

  it('strips inline comments preceded by whitespace', () => {
    assert.equal(parse('k = v ; note').k, 'v');
    assert.equal(parse('k = v # note').k, 'v');
  });

  it('keeps # and ; that are part of the value', () => {
    assert.equal(parse('color = #fff').color, '#fff');
    assert.equal(parse('url = http://x/a;b').url, 'http://x/a;b');
  });

  it('keeps comment characters inside quotes', () => {
    assert.equal(parse('k = "a ; b # c"').k, 'a ; b # c');
  });

  it('only splits on the first "="', () => {
    assert.equal(parse('query = a=1&b=2').query, 'a=1&b=2');
  });

  it('allows empty values', () => {
    assert.equal(parse('k =').k, '');
  });

  describe('quoted values', () => {
    it('unquotes double-quoted values and processes escapes', () => {
      assert.equal(parse('k = "line1\\nline2\\t\\"x\\""').k, 'line1\nline2\t"x"');
    });

    it('treats single-quoted values literally', () => {
      assert.equal(parse("k = 'a\\nb'").k, 'a\\nb');
    });

    it('preserves surrounding whitespace inside quotes', () => {
      assert.equal(parse('k = "  padded  "').k, '  padded  ');
    });

    it('throws on an unterminated quote', () => {
      assert.throws(() => parse('k = "oops'), IniSyntaxError);
    });
  });

  it('joins continuation lines ending in a backslash', () => {
    assert.equal(parse('k = one \\\n    two').k, 'one two');
  });

  it('collects key[] entries into an array', () => {
    const out = parse('[s]\npath[] = /a\npath[] = /b');
    assert.deepEqual(out.s.path, ['/a', '/b']);
  });

  describe('types option', () => {
    it('leaves everything as strings by default', () => {
      const out = parse('a = 1\nb = true');
      assert.equal(out.a, '1');
      assert.equal(out.b, 'true');
    });

    for (const [raw, expected] of [
      ['true', true],
      ['Yes', true],
      ['on', true],
      ['false', false],
      ['NO', false],
      ['off', false],
      ['42', 42],
      ['-3.5', -3.5],
      ['1.2.3', '1.2.3'],
      ['0x10', '0x10'],
    ]) {
      it(`coerces ${JSON.stringify(raw)} to ${JSON.stringify(expected)}`, () => {
        assert.equal(parse(`k = ${raw}`, { types: true }).k, expected);
      });
    }

    it('does not coerce quoted values', () => {
      assert.equal(parse('k = "42"', { types: true }).k, '42');
    });
  });

  describe('duplicate keys', () => {
    const ini = 'k = 1\nk = 2';

    it('keeps the last value by default', () => {
      assert.equal(parse(ini).k, '2');
    });

    it('keeps the first value with duplicates: "first"', () => {
      assert.equal(parse(ini, { duplicates: 'first' }).k, '1');
    });

    it('throws with duplicates: "error"', () => {
      assert.throws(() => parse(ini, { duplicates: 'error' }), /Duplicate key "k" \(line 2\)/);
    });
  });

  describe('errors', () => {
    it('reports the line number', () => {
      try {
        parse('a = 1\n\nnot a pair');
        assert.fail('expected a throw');
      } catch (err) {
        assert.ok(err instanceof IniSyntaxError);
        assert.ok(err instanceof SyntaxError);
        assert.equal(err.line, 3);
        assert.match(err.message, /line 3/);
      }
    });

    it('rejects a malformed section header', () => {
      assert.throws(() => parse('[broken'), /Malformed section header/);
    });

    it('rejects empty section segments', () => {
      assert.throws(() => parse('[a..b]'), /Empty section name/);
    });

    it('rejects a missing key', () => {
      assert.throws(() => parse('= value'), /Missing key/);
    });

    it('refuses prototype-polluting keys', () => {
      assert.throws(() => parse('__proto__ = x'), /Illegal key/);
      assert.equal({}.x, undefined);
    });
  });

  it('produces objects without a prototype', () => {
    const out = parse('[s]\nk = v');
    assert.equal(Object.getPrototypeOf(out), null);
    assert.equal(Object.getPrototypeOf(out.s), null);
  });
});

describe('stringify', () => {
  it('writes top-level keys before sections', () => {
    const text = stringify({ sec: { a: '1' }, top: 'x' });
    assert.equal(text, 'top = x\n\n[sec]\na = 1\n');
  });

  it('quotes values that would not round-trip', () => {
    const text = stringify({ a: ' pad ', b: 'x;y', c: 'multi\nline', d: '' });
    assert.match(text, /a = " pad "/);
    assert.match(text, /b = "x;y"/);
    assert.match(text, /c = "multi\\nline"/);
    assert.match(text, /d = ""/);
  });

  it('writes arrays as key[] lines', () => {
    assert.equal(stringify({ p: ['a', 'b'] }), 'p[] = a\np[] = b\n');
  });

  it('skips undefined and function values', () => {
    assert.equal(stringify({ a: undefined, b: () => 1, c: 'ok' }), 'c = ok\n');
  });

  it('uses dotted headers for nested sections', () => {
    const text = stringify({ a: { b: { k: 'v' } } });
    assert.equal(text, '[a.b]\nk = v\n');
  });

  describe('round trip', () => {
    const samples = [
      { name: 'app', server: { host: 'h', port: '80' } },
      { s: { tricky: 'a # b ; c', quote: 'say "hi"', tab: 'a\tb' } },
      { list: ['x', 'y z', ''] },
      { a: { b: { c: { deep: 'yes' } }, shallow: '1' } },
    ];

    for (const [i, sample] of samples.entries()) {
      it(`parse(stringify(x)) equals x — sample ${i + 1}`, () => {
        assert.deepEqual(plain(parse(stringify(sample))), sample);
      });
    }
  });
});
