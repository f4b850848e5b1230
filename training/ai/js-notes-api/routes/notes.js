const express = require('express');
const { randomUUID } = require('crypto');

const router = express.Router();

// In-memory store; replace with a real database in production
const notes = new Map();

/**
 * Validate the body of a create/update request.
 * @param {object} body - The request body.
 * @returns {string[]} A list of validation error messages (empty when valid).
 */
function validateNote(body) {
  const errors = [];
  if (!body || typeof body.title !== 'string' || body.title.trim().length === 0) {
    errors.push('title is required and must be a non-empty string');
  }
  if (body && body.content !== undefined && typeof body.content !== 'string') {
    errors.push('content must be a string');
  }
  if (body && body.tags !== undefined && !Array.isArray(body.tags)) {
    errors.push('tags must be an array of strings');
  }
  return errors;
}

// GET /api/notes?tag=work&search=meeting
router.get('/', (req, res) => {
  const { tag, search } = req.query;
  let result = Array.from(notes.values());

  if (tag) {
    result = result.filter((note) => note.tags.includes(tag));
  }
  if (search) {
    const term = String(search).toLowerCase();
    result = result.filter(
      (note) => note.title.toLowerCase().includes(term) || note.content.toLowerCase().includes(term),
    );
  }

  // Newest first
  result.sort((a, b) => new Date(b.updatedAt) - new Date(a.updatedAt));
  res.json({ data: result, count: result.length });
});

router.get('/:id', (req, res) => {
  const note = notes.get(req.params.id);
  if (!note) {
    return res.status(404).json({ error: `Note ${req.params.id} not found` });
  }
  return res.json({ data: note });
});

router.post('/', (req, res) => {
  const errors = validateNote(req.body);
  if (errors.length > 0) {
    return res.status(400).json({ error: 'Validation failed', details: errors });
  }

  const now = new Date().toISOString();
  const note = {
    id: randomUUID(),
    title: req.body.title.trim(),
    content: req.body.content ?? '',
    tags: req.body.tags ?? [],
    createdAt: now,
    updatedAt: now,
  };
  notes.set(note.id, note);
  return res.status(201).json({ data: note });
});

router.put('/:id', (req, res) => {
  const existing = notes.get(req.params.id);
  if (!existing) {
    return res.status(404).json({ error: `Note ${req.params.id} not found` });
  }
  const errors = validateNote(req.body);
  if (errors.length > 0) {
    return res.status(400).json({ error: 'Validation failed', details: errors });
  }

  const updated = {
    ...existing,
    title: req.body.title.trim(),
    content: req.body.content ?? existing.content,
    tags: req.body.tags ?? existing.tags,
    updatedAt: new Date().toISOString(),
  };
  notes.set(updated.id, updated);
  return res.json({ data: updated });
});

router.delete('/:id', (req, res) => {
  if (!notes.delete(req.params.id)) {
    return res.status(404).json({ error: `Note ${req.params.id} not found` });
  }
  return res.status(204).send();
});

module.exports = router;
