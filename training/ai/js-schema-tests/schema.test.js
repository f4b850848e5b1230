const { validate, parse, ValidationError } = require('./schema');

describe('validate', () => {
  describe('primitive types', () => {
    test.each([
      ['string', 'hello'],
      ['number', 3.14],
      ['boolean', false],
      ['integer', 42],
      ['array', [1, 2]],
      ['object', { a: 1 }],
    ])('accepts a valid %s', (type, value) => {
      expect(validate({ type }, value)).toEqual({ ok: true, value });
    });

    test.each([
      ['string', 1, 'expected string, got number'],
      ['number', '1', 'expected number, got string'],
      ['boolean', 'true', 'expected boolean, got string'],
      ['integer', 1.5, 'expected integer, got number'],
      ['array', { length: 0 }, 'expected array, got object'],
      ['object', [], 'expected object, got array'],
      ['object', null, 'expected object, got null'],
    ])('rejects %s when given %p', (type, value, message) => {
      const result = validate({ type }, value);
      expect(result.ok).toBe(false);
      expect(result.issues).toEqual([{ path: '', message }]);
    });
  });

  describe('required, default and nullable', () => {
    it('reports a missing value as required', () => {
      expect(validate({ type: 'string' }, undefined).issues[0].message).toBe('is required');
    });

    it('allows a missing value when required is false', () => {
      expect(validate({ type: 'string', required: false }, undefined)).toEqual({ ok: true, value: undefined });
    });

    it('fills in the default for a missing value', () => {
      expect(validate({ type: 'number', default: 10 }, undefined)).toEqual({ ok: true, value: 10 });
    });

    it('does not replace a provided value with the default', () => {
      expect(validate({ type: 'number', default: 10 }, 0).value).toBe(0);
    });

    it('accepts null only when nullable', () => {
      expect(validate({ type: 'string', nullable: true }, null).ok).toBe(true);
      expect(validate({ type: 'string' }, null).ok).toBe(false);
    });
  });

  describe('string constraints', () => {
    const username = { type: 'string', minLength: 3, maxLength: 8, pattern: '^[a-z0-9_]+$' };

    it('accepts a string within all constraints', () => {
      expect(validate(username, 'ada_99').ok).toBe(true);
    });

    it.each([
      ['ab', 'must be at least 3 characters'],
      ['abcdefghi', 'must be at most 8 characters'],
      ['Ada', 'does not match ^[a-z0-9_]+$'],
    ])('rejects %p: %s', (value, message) => {
      expect(validate(username, value).issues).toContainEqual({ path: '', message });
    });

    it('reports every failed constraint, not just the first', () => {
      const { issues } = validate(username, 'A-');
      expect(issues.map((i) => i.message)).toEqual([
        'must be at least 3 characters',
        'does not match ^[a-z0-9_]+$',
      ]);
    });
  });

  describe('number constraints', () => {
    const pct = { type: 'number', min: 0, max: 100 };

    it.each([0, 50, 100])('accepts boundary value %d', (v) => {
      expect(validate(pct, v).ok).toBe(true);
    });

    it.each([
      [-0.1, 'must be >= 0'],
      [100.5, 'must be <= 100'],
    ])('rejects %d', (v, message) => {
      expect(validate(pct, v).issues[0].message).toBe(message);
    });

    it('applies min/max to integers too', () => {
      expect(validate({ type: 'integer', min: 1 }, 0).ok).toBe(false);
    });
  });

  describe('enum', () => {
    const color = { type: 'string', enum: ['red', 'green', 'blue'] };

    it('accepts a listed value', () => {
      expect(validate(color, 'green').ok).toBe(true);
    });

    it('rejects an unlisted value with the allowed options in the message', () => {
      expect(validate(color, 'purple').issues[0].message).toBe('must be one of red, green, blue');
    });
  });

  describe('arrays', () => {
    const tags = { type: 'array', minItems: 1, items: { type: 'string', minLength: 2 } };

    it('validates every item and reports indexed paths', () => {
      const { issues } = validate(tags, ['ok', 'x', 3]);
      expect(issues).toEqual([
        { path: '[1]', message: 'must be at least 2 characters' },
        { path: '[2]', message: 'expected string, got number' },
      ]);
    });

    it('enforces minItems', () => {
      expect(validate(tags, []).issues[0].message).toBe('must have at least 1 items');
    });
  });

  describe('objects', () => {
    const user = {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        age: { type: 'integer', min: 0, required: false },
        role: { type: 'string', enum: ['admin', 'user'], default: 'user' },
        address: {
          type: 'object',
          required: false,
          properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } },
        },
      },
    };

    it('returns a copy with defaults applied', () => {
      const input = { name: 'Ada' };
      const result = validate(user, input);

      expect(result).toEqual({ ok: true, value: { name: 'Ada', role: 'user' } });
      expect(result.value).not.toBe(input);
      expect(input).toEqual({ name: 'Ada' }); // input is not mutated
    });

    it('reports nested paths with dot notation', () => {
      const { issues } = validate(user, { name: 'Ada', address: { city: 'Paris', zip: '7500' } });
      expect(issues).toEqual([{ path: 'address.zip', message: 'does not match ^\\d{5}$' }]);
    });

    it('collects issues from several properties at once', () => {
      const { issues } = validate(user, { age: -1, role: 'root' });
      expect(issues.map((i) => i.path)).toEqual(['name', 'age', 'role']);
    });

    it('keeps unknown properties by default', () => {
      expect(validate(user, { name: 'Ada', extra: true }).value).toHaveProperty('extra', true);
    });

    it('strips unknown properties when additional is "strip"', () => {
      const result = validate({ ...user, additional: 'strip' }, { name: 'Ada', extra: true });
      expect(result.value).not.toHaveProperty('extra');
    });

    it('rejects unknown properties when additional is false', () => {
      const result = validate({ ...user, additional: false }, { name: 'Ada', extra: true });
      expect(result.issues).toEqual([{ path: 'extra', message: 'is not allowed' }]);
    });
  });
});

describe('parse', () => {
  it('returns the validated value on success', () => {
    expect(parse({ type: 'integer', default: 5 }, undefined)).toBe(5);
  });

  it('throws a ValidationError carrying all issues', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } };
    let error;
    try {
      parse(schema, { a: 1 });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.name).toBe('ValidationError');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe('a: expected string, got number; b: is required');
  });

  it('uses (root) in the message for top-level issues', () => {
    expect(() => parse({ type: 'string' }, 1)).toThrow('(root): expected string, got number');
  });
});
