'use strict';

const EventEmitter = require('events');

const kAlive = Symbol('kAlive');
const kLastPong = Symbol('kLastPong');
const kOnPong = Symbol('kOnPong');
const kOnConnection = Symbol('kOnConnection');
const kTick = Symbol('kTick');

const WebSocket = require('./websocket');

/**
 * Keeps track of the liveness of the clients of a `WebSocketServer`.
 *
 * Every `interval` milliseconds each client that did not answer the previous
 * ping with a pong is terminated, and every other client is pinged again.
 *
 * @extends EventEmitter
 */
class Heartbeat extends EventEmitter {
  /**
   * Create a `Heartbeat` instance.
   *
   * @param {WebSocketServer} server The server whose clients are checked
   * @param {Object} options Configuration options
   * @param {Number} options.interval The number of milliseconds between two
   *     checks
   * @param {Boolean} options.unref Specifies whether or not the timer should
   *     keep the event loop alive
   */
  constructor(server, options) {
    super();

    if (!server || typeof server.on !== 'function') {
      throw new TypeError('The "server" argument must be a WebSocketServer');
    }

    options = {
      interval: 30000,
      unref: true,
      ...options
    };

    if (
      typeof options.interval !== 'number' ||
      !Number.isFinite(options.interval) ||
      options.interval <= 0
    ) {
      throw new RangeError(
        'The "interval" option must be a positive number of milliseconds'
      );
    }

    this._server = server;
    this._options = options;
    this._timer = null;
    this._tracked = new Set();

    this[kOnConnection] = (ws) => this.add(ws);
    this[kTick] = () => this.check();

    if (server.clients) {
      for (const ws of server.clients) this.add(ws);
    }
  }

  /**
   * The number of sockets currently tracked.
   *
   * @type {Number}
   */
  get size() {
    return this._tracked.size;
  }

  /**
   * Start tracking a socket.
   *
   * @param {WebSocket} ws The socket to track
   * @public
   */
  add(ws) {
    if (this._tracked.has(ws)) return;

    ws[kAlive] = true;
    ws[kLastPong] = Date.now();
    ws[kOnPong] = () => {
      ws[kAlive] = true;
      ws[kLastPong] = Date.now();
    };

    ws.on('pong', ws[kOnPong]);
    ws.once('close', () => this.remove(ws));
    this._tracked.add(ws);
  }

  /**
   * Stop tracking a socket.
   *
   * @param {WebSocket} ws The socket to forget
   * @public
   */
  remove(ws) {
    if (!this._tracked.delete(ws)) return;

    ws.removeListener('pong', ws[kOnPong]);
    ws[kOnPong] = undefined;
  }

  /**
   * Start the timer and track new connections.
   *
   * @return {Heartbeat} `this`
   * @public
   */
  start() {
    if (this._timer) return this;

    this._server.on('connection', this[kOnConnection]);
    this._timer = setInterval(this[kTick], this._options.interval);
    if (this._options.unref) this._timer.unref();

    return this;
  }

  /**
   * Stop the timer and forget every socket.
   *
   * @public
   */
  stop() {
    if (this._timer) {
      clearInterval(this._timer);
      this._timer = null;
    }

    this._server.removeListener('connection', this[kOnConnection]);

    for (const ws of this._tracked) this.remove(ws);
  }

  /**
   * Terminate the sockets that did not answer the last ping and ping the
   * others. Called by the timer, but can be called directly.
   *
   * @public
   */
  check() {
    for (const ws of this._tracked) {
      if (ws.readyState !== WebSocket.OPEN) continue;

      if (!ws[kAlive]) {
        this.emit('timeout', ws, Date.now() - ws[kLastPong]);
        this.remove(ws);
        ws.terminate();
        continue;
      }

      ws[kAlive] = false;
      ws.ping(undefined, undefined, (err) => {
        //
        // The socket may have been closed while the ping was being written,
        // the `'close'` event takes care of it.
        //
        if (err) this.emit('error', err, ws);
      });
    }
  }
}

module.exports = Heartbeat;
