// routes/notes.js
const express = require('express')
const db = require('../db')

const router = express.Router()

function owns(req, note) {
  return note && note.user_id === req.user.id
}

const MAX_TITLE = 200
const MAX_BODY = 100 * 1024

// Returns a list of problems with the request body; empty if it is valid.
// With partial=true (PUT), missing fields are allowed but present ones are checked.
function validateNote(input, partial = false) {
  const errors = []
  if (!input || typeof input !== 'object') return ['body must be a JSON object']
  const { title, body, pinned } = input
  if (title === undefined) {
    if (!partial) errors.push('title is required')
  } else if (typeof title !== 'string' || !title.trim()) {
    errors.push('title must be a non-empty string')
  } else if (title.length > MAX_TITLE) {
    errors.push(`title must be at most ${MAX_TITLE} characters`)
  }
  if (body !== undefined && body !== null) {
    if (typeof body !== 'string') errors.push('body must be a string')
    else if (Buffer.byteLength(body) > MAX_BODY) errors.push('body is too large')
  }
  if (pinned !== undefined && typeof pinned !== 'boolean') {
    errors.push('pinned must be true or false')
  }
  return errors
}

router.get('/', async (req, res, next) => {
  try {
    const limit = Math.min(parseInt(req.query.limit) || 20, 100)
    const rows = await db.query(
      'select id, title, pinned, updated_at from notes where user_id = $1 order by pinned desc, updated_at desc limit $2',
      [req.user.id, limit]
    )
    res.json(rows)
  } catch (e) { next(e) }
})

router.get('/:id', async (req, res, next) => {
  try {
    const note = await db.one('select * from notes where id = $1', [req.params.id])
    if (!owns(req, note)) return res.sendStatus(404)
    res.json(note)
  } catch (e) { next(e) }
})

router.post('/', async (req, res, next) => {
  try {
    const errors = validateNote(req.body)
    if (errors.length) return res.status(400).json({ errors })
    const { title, body, pinned } = req.body
    const note = await db.one(
      'insert into notes (user_id, title, body, pinned) values ($1, $2, $3, $4) returning *',
      [req.user.id, title.trim(), body || '', !!pinned]
    )
    res.status(201).json(note)
  } catch (e) { next(e) }
})

router.put('/:id', async (req, res, next) => {
  try {
    const errors = validateNote(req.body, true)
    if (errors.length) return res.status(400).json({ errors })
    const old = await db.one('select * from notes where id = $1', [req.params.id])
    if (!owns(req, old)) return res.sendStatus(404)
    const title = req.body.title !== undefined ? req.body.title.trim() : old.title
    const body = req.body.body !== undefined ? req.body.body : old.body
    const pinned = req.body.pinned !== undefined ? !!req.body.pinned : old.pinned
    const note = await db.one(
      'update notes set title = $2, body = $3, pinned = $4, updated_at = now() where id = $1 returning *',
      [old.id, title, body, pinned]
    )
    res.json(note)
  } catch (e) { next(e) }
})

router.delete('/:id', async (req, res, next) => {
  try {
    const note = await db.one('select user_id from notes where id = $1', [req.params.id])
    if (!owns(req, note)) return res.sendStatus(404)
    await db.query('delete from notes where id = $1', [req.params.id])
    res.sendStatus(204)
  } catch (e) { next(e) }
})

// TODO search endpoint (full text? ilike for now?)

module.exports = router
