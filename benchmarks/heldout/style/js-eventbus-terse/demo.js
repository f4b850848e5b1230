'use strict';
const assert = require('node:assert/strict');
const { Bus, match } = require('./bus');

assert.ok(match('a.b', 'a.b'));
assert.ok(match('a.*', 'a.b'));
assert.ok(!match('a.*', 'a.b.c'));
assert.ok(match('a.#', 'a.b.c'));
assert.ok(match('a.#', 'a'));
assert.ok(match('#', 'x.y'));
assert.ok(!match('a.b.c', 'a.b'));

(async () => {
  const b = new Bus();
  const log = [];
  b.on('user.*', (p, t) => log.push(`lo:${t}:${p.id}`));
  b.on('user.created', p => log.push(`hi:${p.id}`), { prio: 10 });
  b.once('user.#', () => log.push('once'));

  assert.equal(b.emit('user.created', { id: 1 }), 3);
  assert.deepEqual(log, ['hi:1', 'lo:user.created:1', 'once']);
  assert.equal(b.emit('user.created', { id: 2 }), 2);
  assert.equal(b.count(), 2);

  const un = b.on('x', () => { throw new Error('boom'); });
  const errs = [];
  b.onError = e => errs.push(e.message);
  b.emit('x');
  assert.deepEqual(errs, ['boom']);
  un();
  assert.equal(b.emit('x'), 0);

  b.on('job.done', async n => n * 2);
  b.on('job.*', async n => n + 1);
  assert.deepEqual(await b.emitAsync('job.done', 5), [10, 6]);

  b.on('job.fail', async () => { throw new Error('nope'); });
  await assert.rejects(b.emitAsync('job.fail', 0), AggregateError);

  setTimeout(() => b.emit('ready', 42), 5);
  assert.deepEqual(await b.wait('ready', 100), { topic: 'ready', payload: 42 });
  await assert.rejects(b.wait('never', 10), /timeout/);
  assert.equal(b.count('never'), 0);

  b.off('user.*');
  assert.equal(b.emit('user.deleted', { id: 3 }), 0);
  console.log('ok');
})().catch(e => { console.error(e); process.exitCode = 1; });
