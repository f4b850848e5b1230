// Read and write nested values by path: "user.addresses[0].city" or ["user", "addresses", 0, "city"].

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export class PathError extends Error {
  constructor(message, path) {
    super(message);
    this.name = 'PathError';
    this.path = path;
  }
}

export function parsePath(path) {
  if (Array.isArray(path)) return path.slice();
  if (typeof path !== 'string') {
    throw new PathError(`path must be a string or an array, got ${typeof path}`, path);
  }
  if (path === '') return [];

  const segments = [];
  let i = 0;
  let current = '';
  let expectSegment = true;

  while (i < path.length) {
    const ch = path[i];
    if (ch === '\\' && i + 1 < path.length) {
      current += path[i + 1];
      i += 2;
      expectSegment = false;
    } else if (ch === '.') {
      if (expectSegment && current === '') throw new PathError(`empty segment at ${i}`, path);
      if (current !== '') segments.push(current);
      current = '';
      expectSegment = true;
      i += 1;
    } else if (ch === '[') {
      if (current !== '') segments.push(current);
      current = '';
      const close = path.indexOf(']', i);
      if (close === -1) throw new PathError(`unclosed "[" at ${i}`, path);
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) {
        segments.push(Number(inner));
      } else if (/^(["']).*\1$/.test(inner)) {
        segments.push(inner.slice(1, -1));
      } else {
        throw new PathError(`bad index "${inner}" at ${i}`, path);
      }
      i = close + 1;
      expectSegment = false;
    } else {
      current += ch;
      expectSegment = false;
      i += 1;
    }
  }
  if (expectSegment) throw new PathError('path ends with "."', path);
  if (current !== '') segments.push(current);
  return segments;
}

function checkKey(key, path) {
  if (FORBIDDEN.has(String(key))) throw new PathError(`refusing to touch "${key}"`, path);
}

const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');

export function get(obj, path, fallback) {
  let node = obj;
  for (const key of parsePath(path)) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return fallback;
    node = node[key];
  }
  return node === undefined ? fallback : node;
}

export function has(obj, path) {
  let node = obj;
  for (const key of parsePath(path)) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

export function set(obj, path, value) {
  const keys = parsePath(path);
  if (keys.length === 0) throw new PathError('cannot set the root', path);
  if (!isObject(obj)) throw new PathError('target is not an object', path);

  let node = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    checkKey(key, path);
    if (!isObject(node[key])) {
      node[key] = typeof keys[i + 1] === 'number' ? [] : {};
    }
    node = node[key];
  }
  const last = keys[keys.length - 1];
  checkKey(last, path);
  node[last] = value;
  return obj;
}

export function unset(obj, path) {
  const keys = parsePath(path);
  if (keys.length === 0) return false;
  const parent = keys.length === 1 ? obj : get(obj, keys.slice(0, -1));
  const last = keys[keys.length - 1];
  if (!isObject(parent) || !Object.hasOwn(parent, last)) return false;
  if (Array.isArray(parent) && typeof last === 'number') {
    parent.splice(last, 1);
  } else {
    delete parent[last];
  }
  return true;
}

export function stringifyPath(segments) {
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`;
      const escaped = s.replace(/[.[\]\\]/g, (m) => `\\${m}`);
      return i === 0 ? escaped : `.${escaped}`;
    })
    .join('');
}
