var assert = require('assert')
var http = require('http')
var request = require('supertest')

var ndjson = require('../lib/types/ndjson')

describe('bodyParser.ndjson()', function () {
  it('should parse one record per line', function (done) {
    postNdjson(createServer(), '{"user":"tobi"}\n{"user":"loki"}\n')
      .expect(200, '[{"user":"tobi"},{"user":"loki"}]', done)
  })

  it('should accept CRLF line endings', function (done) {
    postNdjson(createServer(), '1\r\n"two"\r\n[3]')
      .expect(200, '[1,"two",[3]]', done)
  })

  it('should skip blank lines', function (done) {
    postNdjson(createServer(), '\n{"a":1}\n\n  \n{"b":2}\n')
      .expect(200, '[{"a":1},{"b":2}]', done)
  })

  it('should parse empty body as empty array', function (done) {
    request(createServer())
      .post('/')
      .set('Content-Type', 'application/x-ndjson')
      .set('Content-Length', '0')
      .expect(200, '[]', done)
  })

  it('should handle no message-body', function (done) {
    request(createServer())
      .get('/')
      .set('Content-Type', 'application/x-ndjson')
      .unset('Transfer-Encoding')
      .expect(200, '{}', done)
  })

  it('should 400 with the line number when a line is malformed', function (done) {
    postNdjson(createServer(), '{"user":"tobi"}\n{"user":\n')
      .expect(400, /^\[entity.parse.failed\] Line 2: /, done)
  })

  it('should parse application/jsonl', function (done) {
    postNdjson(createServer(), '{"n":1}', 'application/jsonl')
      .expect(200, '[{"n":1}]', done)
  })

  it('should not parse application/json', function (done) {
    postNdjson(createServer(), '{"user":"tobi"}', 'application/json')
      .expect(200, '{}', done)
  })

  describe('with maxRecords option', function () {
    it('should reject non-integer', function () {
      assert.throws(createServer.bind(null, { maxRecords: 1.5 }),
        /TypeError: option maxRecords must be a positive integer/)
      assert.throws(createServer.bind(null, { maxRecords: 0 }),
        /TypeError: option maxRecords must be a positive integer/)
    })

    it('should parse up to the limit', function (done) {
      postNdjson(createServer({ maxRecords: 2 }), '1\n2\n')
        .expect(200, '[1,2]', done)
    })

    it('should 413 when over the limit', function (done) {
      postNdjson(createServer({ maxRecords: 2 }), '1\n2\n3\n')
        .expect(413, '[records.limit.exceeded] too many records', done)
    })
  })

  describe('with reviver option', function () {
    it('should apply the reviver to every line', function (done) {
      var server = createServer({
        reviver: function (key, val) {
          return key === 'n' ? val * 10 : val
        }
      })

      postNdjson(server, '{"n":1}\n{"n":2}')
        .expect(200, '[{"n":10},{"n":20}]', done)
    })
  })

  describe('with type option', function () {
    it('should parse a custom type', function (done) {
      postNdjson(createServer({ type: 'application/vnd.events+ndjson' }), '{"event":"login"}', 'application/vnd.events+ndjson')
        .expect(200, '[{"event":"login"}]', done)
    })

    it('should parse when type function returns true', function (done) {
      var server = createServer({ type: function (req) {
        return req.headers['x-ndjson'] === '1'
      } })

      request(server)
        .post('/')
        .set('Content-Type', 'text/plain')
        .set('X-NDJSON', '1')
        .send('true\nfalse')
        .expect(200, '[true,false]', done)
    })
  })

  describe('with verify option', function () {
    it('should 403 if verify throws', function (done) {
      var server = createServer({ verify: function (req, res, buf) {
        if (buf[0] === 0x5b) throw new Error('no arrays')
      } })

      postNdjson(server, '[1]\n[2]')
        .expect(403, '[entity.verify.failed] no arrays', done)
    })
  })

  describe('charset', function () {
    it('should fail on unsupported charset', function (done) {
      postNdjson(createServer(), '{"user":"tobi"}', 'application/x-ndjson; charset=latin1')
        .expect(415, '[charset.unsupported] unsupported charset "LATIN1"', done)
    })
  })
})

function createServer (opts) {
  var _parser = typeof opts !== 'function'
    ? ndjson(opts)
    : opts

  return http.createServer(function (req, res) {
    _parser(req, res, function (err) {
      if (err) {
        res.statusCode = err.status || 500
        res.end('[' + err.type + '] ' + err.message)
        return
      }

      res.statusCode = 200
      res.end(JSON.stringify(req.body))
    })
  })
}

function postNdjson (server, body, type) {
  return request(server)
    .post('/')
    .set('Content-Type', type || 'application/x-ndjson')
    .send(body)
}
