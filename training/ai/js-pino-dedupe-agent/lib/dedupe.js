'use strict'

const { format } = require('util')

const DEFAULT_WINDOW = 1000
const DEFAULT_MAX_KEYS = 1000

function messageOf (args) {
  const [first, ...rest] = args
  if (typeof first === 'object' && first !== null) {
    return typeof rest[0] === 'string' ? format(...rest) : undefined
  }
  return typeof first === 'string' ? format(...args) : undefined
}

function dedupe (opts = {}) {
  const windowMs = opts.windowMs === undefined ? DEFAULT_WINDOW : opts.windowMs
  const maxKeys = opts.maxKeys === undefined ? DEFAULT_MAX_KEYS : opts.maxKeys
  const now = opts.now || Date.now
  const summaryKey = opts.summaryKey || 'repeated'
  const minLevel = opts.minLevel || 0

  if (typeof windowMs !== 'number' || windowMs <= 0) {
    throw new Error('dedupe windowMs must be a positive number')
  }
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new Error('dedupe maxKeys must be a positive integer')
  }

  // key -> { first, count, method, logger, level, msg }
  const seen = new Map()

  function emitSummary (entry) {
    if (entry.count === 0) return
    const obj = { [summaryKey]: entry.count }
    entry.method.call(entry.logger, obj, 'message repeated %d times: %s', entry.count, entry.msg)
  }

  function sweep (t) {
    for (const [key, entry] of seen) {
      if (t - entry.first < windowMs) continue
      seen.delete(key)
      emitSummary(entry)
    }
  }

  function logMethod (args, method, level) {
    if (level < minLevel) {
      return method.apply(this, args)
    }

    const msg = messageOf(args)
    if (msg === undefined) {
      return method.apply(this, args)
    }

    const t = now()
    sweep(t)

    const key = level + ':' + msg
    const entry = seen.get(key)
    if (entry !== undefined) {
      entry.count++
      return
    }

    if (seen.size >= maxKeys) {
      // drop the oldest entry, Map keeps insertion order
      const [oldestKey, oldest] = seen.entries().next().value
      seen.delete(oldestKey)
      emitSummary(oldest)
    }

    seen.set(key, { first: t, count: 0, method, logger: this, level, msg })
    return method.apply(this, args)
  }

  function flush () {
    const entries = Array.from(seen.values())
    seen.clear()
    for (const entry of entries) {
      emitSummary(entry)
    }
  }

  return { logMethod, flush }
}

module.exports = dedupe
module.exports.dedupe = dedupe
module.exports.default = dedupe
