// routes/notes.js
const express = require('express')
const db = require('../db')

const router = express.Router()

function owns(req, note) {
  return note && note.user_id === req.user.id
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
    const { title, body, pinned } = req.body
    const note = await db.one(
      'insert into notes (user_id, title, body, pinned) values ($1, $2, $3, $4) returning *',
      [req.user.id, title, body, !!pinned]
    )
    res.status(201).json(note)
  } catch (e) { next(e) }
})

router.put('/:id', async (req, res, next) => {
  try {
    const old = await db.one('select * from notes where id = $1', [req.params.id])
    if (!owns(req, old)) return res.sendStatus(404)
    const title = req.body.title !== undefined ? req.body.title : old.title
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
