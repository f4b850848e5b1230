'use strict';

const assert = require('assert');

const Heartbeat = require('../lib/heartbeat');
const WebSocket = require('..');

describe('Heartbeat', () => {
  describe('#ctor', () => {
    it('throws an error if the server is missing or invalid', () => {
      assert.throws(
        () => new Heartbeat(),
        /^TypeError: The "server" argument must be a WebSocketServer$/
      );
      assert.throws(
        () => new Heartbeat({}),
        /^TypeError: The "server" argument must be a WebSocketServer$/
      );
    });

    it('throws an error if the interval is invalid', () => {
      const wss = new WebSocket.Server({ noServer: true });

      for (const interval of [0, -1, NaN, Infinity, '100']) {
        assert.throws(
          () => new Heartbeat(wss, { interval }),
          /^RangeError: The "interval" option must be a positive number of milliseconds$/
        );
      }
    });

    it('tracks the clients that are already connected', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);

        ws.on('open', () => {
          setImmediate(() => {
            const heartbeat = new Heartbeat(wss);

            assert.strictEqual(heartbeat.size, 1);
            heartbeat.stop();
            wss.close(done);
          });
        });
      });
    });
  });

  describe('#start', () => {
    it('tracks new connections', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const heartbeat = new Heartbeat(wss).start();

        assert.strictEqual(heartbeat.size, 0);

        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);

        wss.on('connection', () => {
          assert.strictEqual(heartbeat.size, 1);
          ws.close();
        });

        ws.on('close', () => {
          setImmediate(() => {
            assert.strictEqual(heartbeat.size, 0);
            heartbeat.stop();
            wss.close(done);
          });
        });
      });
    });

    it('is idempotent', () => {
      const wss = new WebSocket.Server({ noServer: true });
      const heartbeat = new Heartbeat(wss);

      heartbeat.start();
      heartbeat.start();

      assert.strictEqual(wss.listenerCount('connection'), 1);
      heartbeat.stop();
      assert.strictEqual(wss.listenerCount('connection'), 0);
    });
  });

  describe('#check', () => {
    it('pings every open client', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const heartbeat = new Heartbeat(wss).start();
        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);

        ws.on('ping', () => {
          heartbeat.stop();
          ws.close();
          wss.close(done);
        });

        wss.on('connection', () => heartbeat.check());
      });
    });

    it('keeps clients that answer with a pong', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const heartbeat = new Heartbeat(wss).start();
        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);
        let pings = 0;

        heartbeat.on('timeout', () => done(new Error('Unexpected timeout')));

        wss.on('connection', (client) => {
          client.on('pong', () => {
            if (++pings === 3) {
              assert.strictEqual(client.readyState, WebSocket.OPEN);
              heartbeat.stop();
              ws.close();
              wss.close(done);
              return;
            }

            heartbeat.check();
          });

          heartbeat.check();
        });
      });
    });

    it('terminates clients that do not answer', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const heartbeat = new Heartbeat(wss).start();
        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);

        //
        // Stop the client from answering pings automatically.
        //
        ws.pong = () => {};

        heartbeat.on('timeout', (client, elapsed) => {
          assert.ok(client instanceof WebSocket);
          assert.ok(elapsed >= 0);
        });

        wss.on('connection', (client) => {
          client.on('close', (code) => {
            assert.strictEqual(code, 1006);
            assert.strictEqual(heartbeat.size, 0);
            heartbeat.stop();
            wss.close(done);
          });

          setTimeout(() => {
            heartbeat.check();
            setTimeout(() => heartbeat.check(), 50);
          }, 10);
        });
      });
    });

    it('skips sockets that are not open', () => {
      const wss = new WebSocket.Server({ noServer: true });
      const heartbeat = new Heartbeat(wss);
      const fake = new (require('events'))();

      fake.readyState = WebSocket.CLOSING;
      fake.ping = () => assert.fail('ping() should not be called');
      fake.terminate = () => assert.fail('terminate() should not be called');

      heartbeat.add(fake);
      heartbeat.check();
      heartbeat.check();
      assert.strictEqual(heartbeat.size, 1);
    });
  });

  describe('#stop', () => {
    it('forgets every socket and removes the listeners', (done) => {
      const wss = new WebSocket.Server({ port: 0 }, () => {
        const heartbeat = new Heartbeat(wss).start();
        const ws = new WebSocket(`ws://localhost:${wss.address().port}`);

        wss.on('connection', (client) => {
          const before = client.listenerCount('pong');

          heartbeat.stop();

          assert.strictEqual(heartbeat.size, 0);
          assert.strictEqual(client.listenerCount('pong'), before - 1);
          assert.strictEqual(heartbeat._timer, null);
          ws.close();
          wss.close(done);
        });
      });
    });
  });

  it('uses the interval option', (done) => {
    const wss = new WebSocket.Server({ port: 0 }, () => {
      const heartbeat = new Heartbeat(wss, { interval: 20 }).start();
      const ws = new WebSocket(`ws://localhost:${wss.address().port}`);
      let pings = 0;

      ws.on('ping', () => {
        if (++pings < 2) return;

        heartbeat.stop();
        ws.close();
        wss.close(done);
      });
    });
  });
});
