'use strict';

class ValidationError extends Error {
  constructor(issues) {
    super(issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function check(schema, value, path, issues) {
  const push = (message) => issues.push({ path, message });

  if (value === undefined) {
    if (schema.required !== false && schema.default === undefined) push('is required');
    return schema.default;
  }
  if (value === null && schema.nullable) return null;

  const t = typeOf(value);
  if (schema.type === 'integer') {
    if (!Number.isInteger(value)) return push(`expected integer, got ${t}`);
  } else if (schema.type && schema.type !== t) {
    return push(`expected ${schema.type}, got ${t}`);
  }

  if (schema.enum && !schema.enum.includes(value)) push(`must be one of ${schema.enum.join(', ')}`);

  if (t === 'string') {
    if (schema.minLength != null && value.length < schema.minLength) push(`must be at least ${schema.minLength} characters`);
    if (schema.maxLength != null && value.length > schema.maxLength) push(`must be at most ${schema.maxLength} characters`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) push(`does not match ${schema.pattern}`);
  }
  if (t === 'number') {
    if (schema.min != null && value < schema.min) push(`must be >= ${schema.min}`);
    if (schema.max != null && value > schema.max) push(`must be <= ${schema.max}`);
  }
  if (t === 'array') {
    if (schema.minItems != null && value.length < schema.minItems) push(`must have at least ${schema.minItems} items`);
    if (schema.items) return value.map((v, i) => check(schema.items, v, `${path}[${i}]`, issues));
  }
  if (t === 'object' && schema.properties) {
    const out = {};
    for (const [k, sub] of Object.entries(schema.properties)) {
      const r = check(sub, value[k], path ? `${path}.${k}` : k, issues);
      if (r !== undefined) out[k] = r;
    }
    for (const k of Object.keys(value)) {
      if (k in schema.properties) continue;
      if (schema.additional === false) issues.push({ path: path ? `${path}.${k}` : k, message: 'is not allowed' });
      else if (schema.additional !== 'strip') out[k] = value[k];
    }
    return out;
  }
  return value;
}

function validate(schema, value) {
  const issues = [];
  const result = check(schema, value, '', issues);
  return issues.length ? { ok: false, issues } : { ok: true, value: result };
}

function parse(schema, value) {
  const r = validate(schema, value);
  if (!r.ok) throw new ValidationError(r.issues);
  return r.value;
}

module.exports = { validate, parse, ValidationError };
