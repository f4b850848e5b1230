'use strict'

// A thin layer over LRUCache that knows how to load missing values.
// Concurrent fetches for the same key share one pending promise, so
// a cold cache only calls the loader once per key.
const LRUCache = require('./index.js')

const CACHE = Symbol('cache')
const LOADER = Symbol('loader')
const PENDING = Symbol('pending')
const CACHE_REJECTIONS = Symbol('cacheRejections')
const ON_LOAD = Symbol('onLoad')

class LRUFetcher {
  constructor (options) {
    if (typeof options === 'function')
      options = { load: options }

    if (!options || typeof options.load !== 'function')
      throw new TypeError('load must be a function')

    this[LOADER] = options.load
    this[CACHE_REJECTIONS] = options.cacheRejections || false
    this[ON_LOAD] = typeof options.onLoad === 'function' ? options.onLoad : null
    this[PENDING] = new Map()
    this[CACHE] = options.cache instanceof LRUCache ? options.cache
      : new LRUCache(options)
  }

  get cache () { return this[CACHE] }
  get pendingCount () { return this[PENDING].size }

  fetch (key, context) {
    if (this[CACHE].has(key))
      return Promise.resolve(this[CACHE].get(key))

    // someone is already loading this one, piggyback on them
    if (this[PENDING].has(key))
      return this[PENDING].get(key)

    let p
    try {
      p = Promise.resolve(this[LOADER](key, context))
    } catch (er) {
      p = Promise.reject(er)
    }

    const pending = p.then(value => {
      settle(this, key, pending)
      if (value !== undefined)
        this[CACHE].set(key, value)
      if (this[ON_LOAD])
        this[ON_LOAD](key, value)
      return value
    }, er => {
      settle(this, key, pending)
      if (this[CACHE_REJECTIONS])
        this[CACHE].set(key, Promise.reject(er))
      throw er
    })

    this[PENDING].set(key, pending)
    return pending
  }

  fetchMany (keys, context) {
    return Promise.all(keys.map(k => this.fetch(k, context)))
  }

  // drop the cached value and forget any load in flight.  the in
  // flight promise still resolves for whoever is waiting on it, it
  // just won't be written to the cache anymore.
  invalidate (key) {
    this[PENDING].delete(key)
    this[CACHE].del(key)
  }

  reset () {
    this[PENDING].clear()
    this[CACHE].reset()
  }
}

const settle = (self, key, pending) => {
  // only clear our own entry.  if the key was invalidated and then
  // fetched again while we were waiting, that is a different promise.
  if (self[PENDING].get(key) === pending)
    self[PENDING].delete(key)
}

module.exports = LRUFetcher
