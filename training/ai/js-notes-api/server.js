'use strict';

const express = require('express');
const helmet = require('helmet');
const morgan = require('morgan');
const notesRouter = require('./routes/notes');
const { errorHandler, notFound } = require('./middleware/errors');

const PORT = process.env.PORT || 3000;

/**
 * Create and configure the Express application.
 * Exported separately from `listen` so tests can use supertest without a real port.
 */
function createApp() {
  const app = express();

  // Security headers and request logging
  app.use(helmet());
  app.use(morgan(process.env.NODE_ENV === 'production' ? 'combined' : 'dev'));

  // Parse JSON bodies, rejecting anything larger than 100kb
  app.use(express.json({ limit: '100kb' }));

  // Health check endpoint for load balancers
  app.get('/health', (req, res) => {
    res.json({ status: 'ok', uptime: process.uptime() });
  });

  app.use('/api/notes', notesRouter);

  // 404 and error handlers must be registered last
  app.use(notFound);
  app.use(errorHandler);

  return app;
}

if (require.main === module) {
  const app = createApp();
  const server = app.listen(PORT, () => {
    console.log(`🚀 Server listening on http://localhost:${PORT}`);
  });

  // Graceful shutdown so in-flight requests can finish
  const shutdown = (signal) => {
    console.log(`${signal} received, shutting down gracefully...`);
    server.close(() => {
      console.log('HTTP server closed');
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

module.exports = { createApp };
