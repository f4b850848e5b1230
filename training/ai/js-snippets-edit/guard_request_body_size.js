  // Reject oversized payloads before buffering them into memory.
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    res.statusCode = 413;
    res.setHeader('Connection', 'close');
    return res.end(JSON.stringify({ error: 'payload_too_large', limit: MAX_BODY_BYTES }));
  }
