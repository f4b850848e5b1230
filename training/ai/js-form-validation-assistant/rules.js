/**
 * @file Reusable validation rules for form fields.
 *
 * Each rule factory returns a *validator*: a function that receives the field's
 * current value (and the values of the whole form, for cross-field checks) and
 * returns either `null` when the value is valid or a human-readable error
 * message when it is not. Validators may also return a Promise for async checks
 * such as "is this username taken?".
 */

/**
 * @typedef {Record<string, string | boolean | FileList | null>} FormValues
 */

/**
 * @callback Validator
 * @param {string | boolean | FileList | null} value - The field's current value.
 * @param {FormValues} values - All values in the form, keyed by field name.
 * @returns {string | null | Promise<string | null>} An error message, or null if valid.
 */

/**
 * Returns true when a value should be considered "empty" for validation purposes.
 * Whitespace-only strings count as empty so that "   " does not satisfy `required`.
 *
 * @param {unknown} value
 * @returns {boolean}
 */
export function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'boolean') return value === false;
  if (typeof FileList !== 'undefined' && value instanceof FileList) return value.length === 0;
  return false;
}

/**
 * The field must have a non-empty value (or be checked, for checkboxes).
 *
 * @param {string} [message]
 * @returns {Validator}
 */
export function required(message = 'This field is required.') {
  return (value) => (isEmpty(value) ? message : null);
}

/**
 * The value must contain at least `min` characters (after trimming).
 * Empty values pass, so combine with {@link required} when the field is mandatory.
 *
 * @param {number} min
 * @param {string} [message]
 * @returns {Validator}
 */
export function minLength(min, message) {
  if (!Number.isInteger(min) || min < 0) {
    throw new RangeError('minLength expects a non-negative integer');
  }
  return (value) => {
    if (isEmpty(value)) return null;
    const length = String(value).trim().length;
    return length >= min ? null : message ?? `Please enter at least ${min} characters.`;
  };
}

/**
 * The value must contain at most `max` characters.
 *
 * @param {number} max
 * @param {string} [message]
 * @returns {Validator}
 */
export function maxLength(max, message) {
  if (!Number.isInteger(max) || max < 0) {
    throw new RangeError('maxLength expects a non-negative integer');
  }
  return (value) => {
    if (isEmpty(value)) return null;
    return String(value).length <= max ? null : message ?? `Please use ${max} characters or fewer.`;
  };
}

/**
 * The value must match a regular expression.
 *
 * @param {RegExp} regex
 * @param {string} message
 * @returns {Validator}
 */
export function pattern(regex, message) {
  if (!(regex instanceof RegExp)) {
    throw new TypeError('pattern expects a RegExp');
  }
  // A global or sticky regex keeps `lastIndex` between calls, which makes
  // `test()` alternate between true and false. Strip those flags defensively.
  const safe = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  return (value) => (isEmpty(value) || safe.test(String(value)) ? null : message);
}

/**
 * A pragmatic email check. It intentionally accepts anything of the form
 * `something@domain.tld`; full RFC 5322 validation is rarely what users want,
 * and the only real test of an address is sending mail to it.
 *
 * @param {string} [message]
 * @returns {Validator}
 */
export function email(message = 'Please enter a valid email address.') {
  return pattern(/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/, message);
}

/**
 * The value must parse as a number within an optional range.
 *
 * @param {{ min?: number, max?: number, integer?: boolean }} [options]
 * @returns {Validator}
 */
export function number({ min = -Infinity, max = Infinity, integer = false } = {}) {
  return (value) => {
    if (isEmpty(value)) return null;
    const n = Number(String(value).trim());
    if (!Number.isFinite(n)) return 'Please enter a number.';
    if (integer && !Number.isInteger(n)) return 'Please enter a whole number.';
    if (n < min) return `Please enter a value of at least ${min}.`;
    if (n > max) return `Please enter a value no greater than ${max}.`;
    return null;
  };
}

/**
 * The value must equal the value of another field, e.g. "confirm password".
 *
 * @param {string} otherField - Name of the field to compare against.
 * @param {string} [message]
 * @returns {Validator}
 */
export function matchesField(otherField, message = 'The values do not match.') {
  return (value, values) => (value === values[otherField] ? null : message);
}

/**
 * Wrap an async check (for example a server round-trip) so that it only runs
 * when the value is non-empty and so that exceptions become a generic message
 * instead of an unhandled rejection.
 *
 * @param {(value: string) => Promise<boolean>} check - Resolves true when valid.
 * @param {string} message - Message shown when `check` resolves false.
 * @returns {Validator}
 */
export function asyncRule(check, message) {
  return async (value) => {
    if (isEmpty(value)) return null;
    try {
      return (await check(String(value))) ? null : message;
    } catch (error) {
      console.warn('Async validation failed:', error);
      return 'We could not verify this value. Please try again.';
    }
  };
}
