// Validate required environment variables before the server starts.
// Usage: require('./checkEnv')() at the top of index.js, or `node checkEnv.js` in CI.

const SPEC = {
  NODE_ENV: { required: true, oneOf: ['development', 'test', 'production'] },
  PORT: { required: false, type: 'port', default: '3000' },
  DATABASE_URL: { required: true, type: 'url', protocols: ['postgres:', 'postgresql:'] },
  REDIS_URL: { required: false, type: 'url', protocols: ['redis:', 'rediss:'] },
  SESSION_SECRET: { required: true, minLength: 32, secret: true },
  LOG_LEVEL: { required: false, oneOf: ['debug', 'info', 'warn', 'error'], default: 'info' },
  SMTP_HOST: { required: false },
  SMTP_PORT: { required: false, type: 'port', requiredWith: 'SMTP_HOST' },
};

function checkOne(name, rule, env) {
  let value = env[name];
  if (value === undefined || value === '') {
    if (rule.requiredWith && env[rule.requiredWith]) {
      return `${name} is required when ${rule.requiredWith} is set`;
    }
    if (rule.required) return `${name} is required`;
    if (rule.default !== undefined) env[name] = rule.default;
    return null;
  }
  value = value.trim();

  if (rule.oneOf && !rule.oneOf.includes(value)) {
    return `${name} must be one of ${rule.oneOf.join(', ')} (got "${value}")`;
  }
  if (rule.minLength && value.length < rule.minLength) {
    return `${name} must be at least ${rule.minLength} characters`;
  }
  if (rule.type === 'port') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return `${name} must be a port number`;
  }
  if (rule.type === 'url') {
    let u;
    try {
      u = new URL(value);
    } catch {
      return `${name} is not a valid URL`;
    }
    if (rule.protocols && !rule.protocols.includes(u.protocol)) {
      return `${name} must use ${rule.protocols.join(' or ')}`;
    }
  }
  return null;
}

function checkEnv(env = process.env, spec = SPEC) {
  const problems = [];
  for (const [name, rule] of Object.entries(spec)) {
    const p = checkOne(name, rule, env);
    if (p) problems.push(p);
  }
  if (env.NODE_ENV === 'production' && /change.?me|secret|password/i.test(env.SESSION_SECRET || '')) {
    problems.push('SESSION_SECRET looks like a placeholder');
  }
  if (problems.length) {
    const err = new Error('invalid environment:\n  - ' + problems.join('\n  - '));
    err.problems = problems;
    throw err;
  }
  return Object.fromEntries(
    Object.entries(spec).map(([k, r]) => [k, r.secret && env[k] ? '***' : env[k]]),
  );
}

module.exports = checkEnv;
module.exports.SPEC = SPEC;

if (require.main === module) {
  try {
    const shown = checkEnv();
    console.log('environment ok');
    for (const [k, v] of Object.entries(shown)) console.log(`  ${k}=${v ?? ''}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
