'use strict'
const t = require('tap')
const LRU = require('../index.js')
const Fetcher = require('../fetch.js')

const tick = () => new Promise(res => setImmediate(res))

t.test('basic fetch', async t => {
  let calls = 0
  const f = new Fetcher({
    max: 10,
    load: async k => {
      calls++
      return k + '!'
    },
  })
  t.equal(await f.fetch('a'), 'a!')
  t.equal(await f.fetch('a'), 'a!')
  t.equal(calls, 1)
  t.equal(f.cache.get('a'), 'a!')
  t.equal(f.pendingCount, 0)
})

t.test('function shorthand', async t => {
  const f = new Fetcher(k => k * 2)
  t.equal(await f.fetch(4), 8)
  t.equal(f.cache.max, Infinity)
})

t.test('concurrent fetches share one load', async t => {
  let calls = 0
  const f = new Fetcher(async k => {
    calls++
    await tick()
    return k
  })
  const [a, b, c] = await Promise.all([f.fetch('x'), f.fetch('x'), f.fetch('x')])
  t.equal(a, 'x')
  t.equal(b, 'x')
  t.equal(c, 'x')
  t.equal(calls, 1)
})

t.test('load errors are not cached by default', async t => {
  let calls = 0
  const f = new Fetcher(k => {
    calls++
    throw new Error('nope ' + k)
  })
  await t.rejects(f.fetch('a'), { message: 'nope a' })
  await t.rejects(f.fetch('a'), { message: 'nope a' })
  t.equal(calls, 2)
  t.equal(f.cache.has('a'), false)
})

t.test('cacheRejections', async t => {
  let calls = 0
  const f = new Fetcher({
    cacheRejections: true,
    load: async () => {
      calls++
      throw new Error('bad')
    },
  })
  await t.rejects(f.fetch('a'))
  await t.rejects(f.fetch('a'))
  t.equal(calls, 1)
})

t.test('undefined is not cached', async t => {
  const f = new Fetcher(() => undefined)
  t.equal(await f.fetch('a'), undefined)
  t.equal(f.cache.itemCount, 0)
})

t.test('invalidate during a load', async t => {
  let n = 0
  const f = new Fetcher(async () => {
    await tick()
    return ++n
  })
  const first = f.fetch('k')
  f.invalidate('k')
  const second = f.fetch('k')
  t.equal(await first, 1)
  t.equal(await second, 2)
  t.equal(f.cache.get('k'), 2)
  t.equal(f.pendingCount, 0)
})

t.test('shared cache and onLoad', async t => {
  const cache = new LRU({ max: 2 })
  const loaded = []
  const f = new Fetcher({
    cache,
    load: k => k.toUpperCase(),
    onLoad: (k, v) => loaded.push([k, v]),
  })
  t.same(await f.fetchMany(['a', 'b', 'c']), ['A', 'B', 'C'])
  t.same(loaded, [['a', 'A'], ['b', 'B'], ['c', 'C']])
  t.equal(f.cache, cache)
  t.same(cache.keys(), ['c', 'b'])
})

t.test('bad options', async t => {
  t.throws(() => new Fetcher(), TypeError)
  t.throws(() => new Fetcher({ max: 3 }), TypeError)
})
