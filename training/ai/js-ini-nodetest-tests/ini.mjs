export class IniSyntaxError extends SyntaxError {
  constructor(message, line) {
    super(`${message} (line ${line})`);
    this.name = 'IniSyntaxError';
    this.line = line;
  }
}

const unquote = (raw, lineNo) => {
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2) {
    if (raw[raw.length - 1] !== q) throw new IniSyntaxError('Unterminated quoted value', lineNo);
    const inner = raw.slice(1, -1);
    return q === '"'
      ? inner.replace(/\\(["\\nt])/g, (_, c) => ({ n: '\n', t: '\t' })[c] ?? c)
      : inner;
  }
  return raw;
};

const stripInlineComment = (raw) => {
  let quote = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if ((ch === ';' || ch === '#') && i > 0 && /\s/.test(raw[i - 1])) {
      return raw.slice(0, i).trimEnd();
    }
  }
  return raw;
};

const coerce = (v) => {
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
};

export function parse(text, { types = false, duplicates = 'last' } = {}) {
  const result = Object.create(null);
  let section = result;
  const lines = text.split(/\r?\n/);

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i].trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;

    if (line.startsWith('[')) {
      const m = /^\[([^\]]+)\]$/.exec(stripInlineComment(line));
      if (!m) throw new IniSyntaxError(`Malformed section header "${line}"`, lineNo);
      section = result;
      for (const part of m[1].split('.').map((p) => p.trim())) {
        if (!part) throw new IniSyntaxError('Empty section name', lineNo);
        if (typeof section[part] !== 'object' || section[part] === null) {
          section[part] = Object.create(null);
        }
        section = section[part];
      }
      continue;
    }

    // Line continuation with a trailing backslash.
    while (line.endsWith('\\') && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].trim();
    }

    const eq = line.indexOf('=');
    if (eq === -1) throw new IniSyntaxError(`Expected "key = value", got "${line}"`, lineNo);
    const key = line.slice(0, eq).trim();
    if (!key) throw new IniSyntaxError('Missing key before "="', lineNo);
    if (key === '__proto__' || key === 'constructor') {
      throw new IniSyntaxError(`Illegal key "${key}"`, lineNo);
    }
    const raw = stripInlineComment(line.slice(eq + 1).trim());
    const quoted = /^["']/.test(raw);
    let value = unquote(raw, lineNo);
    if (types && !quoted) value = coerce(value);

    const isArrayKey = key.endsWith('[]');
    const name = isArrayKey ? key.slice(0, -2) : key;
    if (isArrayKey) {
      if (!Array.isArray(section[name])) section[name] = [];
      section[name].push(value);
    } else if (name in section) {
      if (duplicates === 'error') throw new IniSyntaxError(`Duplicate key "${name}"`, lineNo);
      if (duplicates === 'last') section[name] = value;
    } else {
      section[name] = value;
    }
  }
  return result;
}

const needsQuotes = (s) => s === '' || /^\s|\s$|[;#"'\n\t\\]/.test(s);
const quote = (s) => `"${s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
const scalar = (v) => {
  const s = String(v);
  return needsQuotes(s) ? quote(s) : s;
};

export function stringify(obj, prefix = '') {
  const lines = [];
  const nested = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || typeof value === 'function') continue;
    if (Array.isArray(value)) {
      for (const item of value) lines.push(`${key}[] = ${scalar(item)}`);
    } else if (value !== null && typeof value === 'object') {
      nested.push([key, value]);
    } else {
      lines.push(`${key} = ${scalar(value ?? '')}`);
    }
  }
  const blocks = [];
  if (lines.length) blocks.push(lines.join('\n'));
  for (const [key, value] of nested) {
    const name = prefix ? `${prefix}.${key}` : key;
    const body = stringify(value, name);
    const hasScalars = Object.values(value).some((v) => v === null || typeof v !== 'object' || Array.isArray(v));
    blocks.push(hasScalars || !body ? `[${name}]\n${body}`.trimEnd() : body);
  }
  return blocks.join('\n\n') + (prefix ? '' : '\n');
}
