/**
 * Retry an async operation with exponential backoff and jitter.
 *
 * @param {() => Promise<T>} operation - The async function to retry.
 * @param {object} [options]
 * @param {number} [options.retries=3] - Maximum number of retries after the first attempt.
 * @param {number} [options.baseDelayMs=200] - Delay before the first retry.
 * @param {number} [options.maxDelayMs=5000] - Upper bound for any single delay.
 * @param {(error: Error) => boolean} [options.shouldRetry] - Decide whether an error is retryable.
 * @returns {Promise<T>}
 * @template T
 */
async function retryWithBackoff(operation, options = {}) {
  const { retries = 3, baseDelayMs = 200, maxDelayMs = 5000, shouldRetry = () => true } = options;

  let lastError;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (attempt === retries || !shouldRetry(error)) {
        break;
      }
      // Exponential backoff with full jitter to avoid thundering herds
      const exponentialDelay = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delay = Math.random() * exponentialDelay;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw lastError;
}

/**
 * Deeply merge plain objects. Arrays are replaced, not concatenated.
 */
function deepMerge(target, ...sources) {
  const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

  const result = { ...target };
  for (const source of sources) {
    if (!isPlainObject(source)) continue;
    for (const [key, value] of Object.entries(source)) {
      result[key] = isPlainObject(value) && isPlainObject(result[key]) ? deepMerge(result[key], value) : value;
    }
  }
  return result;
}

module.exports = { retryWithBackoff, deepMerge };
