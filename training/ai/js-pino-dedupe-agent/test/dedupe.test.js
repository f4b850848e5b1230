'use strict'

const { test } = require('tap')
const { sink, once } = require('./helper')
const pino = require('../')
const dedupe = require('../lib/dedupe')

function setup (opts) {
  let time = 0
  const clock = {
    tick (ms) { time += ms }
  }
  const hooks = dedupe(Object.assign({ now: () => time }, opts))
  const lines = []
  const stream = sink((chunk, enc, cb) => {
    lines.push(chunk)
    cb()
  })
  const instance = pino({ hooks: { logMethod: hooks.logMethod } }, stream)
  return { instance, hooks, lines, clock, stream }
}

function tick () {
  return new Promise((resolve) => setImmediate(resolve))
}

test('passes the first occurrence through', async ({ equal }) => {
  const stream = sink()
  const instance = pino({ hooks: { logMethod: dedupe().logMethod } }, stream)
  instance.info('hello world')
  const result = await once(stream, 'data')
  equal(result.msg, 'hello world')
  equal(result.level, 30)
})

test('drops repeats inside the window', async ({ equal, same }) => {
  const { instance, lines } = setup({ windowMs: 1000 })
  instance.info('same')
  instance.info('same')
  instance.info('same')
  await tick()
  equal(lines.length, 1)
  same(lines.map((l) => l.msg), ['same'])
})

test('logs a summary once the window has passed', async ({ equal, match }) => {
  const { instance, lines, clock } = setup({ windowMs: 1000 })
  instance.info('flaky upstream')
  instance.info('flaky upstream')
  instance.info('flaky upstream')
  clock.tick(1000)
  instance.info('something else')
  await tick()
  equal(lines.length, 3)
  match(lines[1], { level: 30, repeated: 2, msg: 'message repeated 2 times: flaky upstream' })
  equal(lines[2].msg, 'something else')
})

test('logs the message again after the window', async ({ same }) => {
  const { instance, lines, clock } = setup({ windowMs: 500 })
  instance.warn('disk almost full')
  clock.tick(600)
  instance.warn('disk almost full')
  await tick()
  same(lines.map((l) => l.msg), ['disk almost full', 'disk almost full'])
})

test('does not log a summary when nothing was dropped', async ({ equal }) => {
  const { instance, lines, clock } = setup({ windowMs: 100 })
  instance.info('once')
  clock.tick(200)
  instance.info('twice')
  await tick()
  equal(lines.length, 2)
  equal(lines.some((l) => 'repeated' in l), false)
})

test('keeps levels apart', async ({ same }) => {
  const { instance, lines } = setup()
  instance.info('boom')
  instance.error('boom')
  instance.error('boom')
  await tick()
  same(lines.map((l) => l.level), [30, 50])
})

test('compares the formatted message', async ({ same }) => {
  const { instance, lines } = setup()
  instance.info('user %s logged in', 'alice')
  instance.info('user %s logged in', 'bob')
  instance.info('user %s logged in', 'alice')
  await tick()
  same(lines.map((l) => l.msg), ['user alice logged in', 'user bob logged in'])
})

test('uses the message that follows a merging object', async ({ equal, same }) => {
  const { instance, lines } = setup()
  instance.info({ req: 1 }, 'request failed')
  instance.info({ req: 2 }, 'request failed')
  await tick()
  equal(lines.length, 1)
  same(lines[0].req, 1)
})

test('never drops lines without a message', async ({ equal }) => {
  const { instance, lines } = setup()
  instance.info({ a: 1 })
  instance.info({ a: 1 })
  instance.info(42)
  instance.info(42)
  await tick()
  equal(lines.length, 4)
})

test('minLevel leaves lower levels alone', async ({ same }) => {
  const { instance, lines } = setup({ minLevel: 40 })
  instance.info('chatty')
  instance.info('chatty')
  instance.warn('careful')
  instance.warn('careful')
  await tick()
  same(lines.map((l) => l.msg), ['chatty', 'chatty', 'careful'])
})

test('flush() writes pending summaries', async ({ equal, match }) => {
  const { instance, hooks, lines } = setup()
  instance.error('db timeout')
  instance.error('db timeout')
  hooks.flush()
  await tick()
  equal(lines.length, 2)
  match(lines[1], { level: 50, repeated: 1 })
  hooks.flush()
  await tick()
  equal(lines.length, 2, 'a second flush writes nothing')
})

test('maxKeys evicts the oldest message', async ({ same }) => {
  const { instance, lines } = setup({ maxKeys: 2 })
  instance.info('a')
  instance.info('a')
  instance.info('b')
  instance.info('c')
  instance.info('a')
  await tick()
  same(lines.map((l) => l.msg), [
    'a',
    'b',
    'message repeated 1 times: a',
    'c',
    'a'
  ])
})

test('works with child loggers', async ({ equal, match }) => {
  const { instance, lines } = setup()
  const child = instance.child({ module: 'cache' })
  child.info('miss')
  child.info('miss')
  await tick()
  equal(lines.length, 1)
  match(lines[0], { module: 'cache', msg: 'miss' })
})

test('the wrong options throw', async ({ throws }) => {
  throws(() => dedupe({ windowMs: 0 }), /windowMs must be a positive number/)
  throws(() => dedupe({ windowMs: 'soon' }), /windowMs must be a positive number/)
  throws(() => dedupe({ maxKeys: 0 }), /maxKeys must be a positive integer/)
  throws(() => dedupe({ maxKeys: 1.5 }), /maxKeys must be a positive integer/)
})

test('exports', async ({ equal }) => {
  equal(typeof dedupe, 'function')
  equal(dedupe.dedupe, dedupe)
  equal(dedupe.default, dedupe)
})
