/*!
 * body-parser
 * Copyright(c) 2014-2015 Douglas Christopher Wilson
 * MIT Licensed
 */

'use strict'

/**
 * Module dependencies.
 * @private
 */

var bytes = require('bytes')
var contentType = require('content-type')
var createError = require('http-errors')
var debug = require('debug')('body-parser:ndjson')
var read = require('../read')
var typeis = require('type-is')

/**
 * Module exports.
 */

module.exports = ndjson

/**
 * RegExp to split a body into lines.
 *
 * Both LF and CRLF line endings are accepted, as described in
 * the NDJSON and JSON Lines specifications.
 */

var LINE_SPLIT_REGEXP = /\r?\n/

/**
 * Create a middleware to parse newline-delimited JSON bodies.
 *
 * The parsed body is an array with one entry per non-empty line.
 *
 * @param {object} [options]
 * @return {function}
 * @public
 */

function ndjson (options) {
  var opts = options || {}

  var limit = typeof opts.limit !== 'number'
    ? bytes.parse(opts.limit || '100kb')
    : opts.limit
  var inflate = opts.inflate !== false
  var maxRecords = opts.maxRecords !== undefined
    ? opts.maxRecords
    : Infinity
  var reviver = opts.reviver
  var type = opts.type || ['application/x-ndjson', 'application/jsonl']
  var verify = opts.verify || false

  if (verify !== false && typeof verify !== 'function') {
    throw new TypeError('option verify must be function')
  }

  if (maxRecords !== Infinity && !isPositiveInteger(maxRecords)) {
    throw new TypeError('option maxRecords must be a positive integer')
  }

  // accept a custom matcher, otherwise match on the media type(s)
  var matchType = typeof type === 'function'
    ? type
    : function (req) { return Boolean(typeis(req, type)) }

  function parse (body) {
    var lines = body.split(LINE_SPLIT_REGEXP)
    var records = []

    for (var i = 0; i < lines.length; i++) {
      var line = lines[i]

      // blank lines (including the trailing newline) carry no record
      if (line.trim().length === 0) {
        continue
      }

      if (records.length >= maxRecords) {
        debug('too many records')
        throw createError(413, 'too many records', {
          limit: maxRecords,
          type: 'records.limit.exceeded'
        })
      }

      try {
        debug('parse line %d', i + 1)
        records.push(JSON.parse(line, reviver))
      } catch (e) {
        throw createLineSyntaxError(e, i + 1)
      }
    }

    return records
  }

  return function ndjsonParser (req, res, next) {
    var reason = skipReason(req, matchType)

    if (reason) {
      debug(reason)
      req.body = req.body || {}
      next()
      return
    }

    req.body = req.body || {}

    // NDJSON is always UTF-8 text, like JSON
    var charset = requestCharset(req)
    if (!/^utf-/.test(charset)) {
      debug('invalid charset %s', charset)
      next(createError(415, 'unsupported charset "' + charset.toUpperCase() + '"', {
        charset: charset,
        type: 'charset.unsupported'
      }))
      return
    }

    read(req, res, next, parse, debug, {
      encoding: charset,
      inflate: inflate,
      limit: limit,
      verify: verify
    })
  }
}

/**
 * Create a syntax error that names the line it was found on.
 *
 * @param {SyntaxError} error
 * @param {number} line
 * @return {SyntaxError}
 * @private
 */

function createLineSyntaxError (error, line) {
  var err = new SyntaxError('Line ' + line + ': ' + error.message)
  err.line = line
  return err
}

/**
 * Determine if a value is a positive integer.
 *
 * @param {*} val
 * @return {boolean}
 * @private
 */

function isPositiveInteger (val) {
  return typeof val === 'number' && val >= 1 && Math.floor(val) === val
}

/**
 * Get the charset of a request, defaulting to utf-8.
 *
 * @param {object} req
 * @return {string}
 * @private
 */

function requestCharset (req) {
  var charset

  try {
    charset = contentType.parse(req).parameters.charset
  } catch (e) {
    // malformed header; let type-is have decided already
  }

  return charset
    ? charset.toLowerCase()
    : 'utf-8'
}

/**
 * Get the reason a request should not be parsed, if any.
 *
 * @param {object} req
 * @param {function} matchType
 * @return {string|undefined}
 * @private
 */

function skipReason (req, matchType) {
  if (req._body) {
    return 'body already parsed'
  }

  if (!typeis.hasBody(req)) {
    return 'skip empty body'
  }

  debug('content-type %j', req.headers['content-type'])

  if (!matchType(req)) {
    return 'skip parsing'
  }
}
