'use strict';

const request = require('supertest');
const assert = require('assert');
const Koa = require('../..');
const range = require('../../lib/range');

function createApp() {
  const app = new Koa();
  Object.assign(app.request, range.request);
  Object.assign(app.response, range.response);
  return app;
}

const body = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');

function serve(ctx) {
  ctx.type = 'text/plain';
  ctx.etag = 'v1';
  const r = ctx.response.partial(ctx.request.range(body.length), body.length);
  if (r) ctx.body = body.slice(r.start, r.end + 1);
}

describe('app.response.partial()', () => {
  it('should respond 200 with the whole body and Accept-Ranges', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .expect(200)
      .expect('Accept-Ranges', 'bytes');

    assert.strictEqual(res.text, body.toString());
    assert.strictEqual(res.headers['content-range'], undefined);
  });

  it('should respond 206 with the requested bytes', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=10-15')
      .expect(206)
      .expect('Content-Range', 'bytes 10-15/36')
      .expect('Content-Length', '6');

    assert.strictEqual(res.text, 'abcdef');
  });

  it('should respond 206 for a suffix range', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=-3')
      .expect(206)
      .expect('Content-Range', 'bytes 33-35/36');

    assert.strictEqual(res.text, 'xyz');
  });

  it('should only send the first of several ranges', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=0-1, 5-6')
      .expect(206)
      .expect('Content-Range', 'bytes 0-1/36');

    assert.strictEqual(res.text, '01');
  });

  it('should respond 416 when unsatisfiable', async() => {
    const app = createApp();
    app.use(serve);

    await request(app.callback())
      .get('/')
      .set('Range', 'bytes=100-200')
      .expect(416)
      .expect('Content-Range', 'bytes */36');
  });

  it('should ignore a malformed Range', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=nope')
      .expect(200);

    assert.strictEqual(res.text, body.toString());
  });

  it('should send the whole body when If-Range does not match', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=0-3')
      .set('If-Range', '"v0"')
      .expect(200);

    assert.strictEqual(res.text, body.toString());
  });

  it('should send the range when If-Range matches', async() => {
    const app = createApp();
    app.use(serve);

    const res = await request(app.callback())
      .get('/')
      .set('Range', 'bytes=0-3')
      .set('If-Range', '"v1"')
      .expect(206);

    assert.strictEqual(res.text, '0123');
  });
});
