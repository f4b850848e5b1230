/**
 * Centralized error handling middleware.
 */

class HttpError extends Error {
  constructor(statusCode, message, details = undefined) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.details = details;
  }
}

/**
 * Catch-all for routes that did not match anything.
 */
const notFound = (req, res, next) => {
  next(new HttpError(404, `Route not found: ${req.method} ${req.originalUrl}`));
};

/**
 * Express error handler. Must have four parameters so Express recognizes it.
 */
// eslint-disable-next-line no-unused-vars
const errorHandler = (err, req, res, next) => {
  const statusCode = err.statusCode || err.status || 500;
  const isServerError = statusCode >= 500;

  // Log full details for server errors, but never leak stack traces to clients
  if (isServerError) {
    console.error(`[${new Date().toISOString()}] ${req.method} ${req.originalUrl}`, err);
  }

  res.status(statusCode).json({
    error: isServerError ? 'Internal Server Error' : err.message,
    ...(err.details && !isServerError ? { details: err.details } : {}),
    ...(process.env.NODE_ENV !== 'production' && isServerError ? { stack: err.stack } : {}),
  });
};

/**
 * Wrap an async route handler so rejected promises reach the error handler.
 * @param {Function} fn - An async Express handler.
 */
const asyncHandler = (fn) => (req, res, next) => {
  Promise.resolve(fn(req, res, next)).catch(next);
};

module.exports = { HttpError, notFound, errorHandler, asyncHandler };
