/**
 * @file Attach declarative, accessible validation to an HTML <form>.
 *
 * Usage:
 *
 * ```js
 * import { createFormValidator } from './form-validator.js';
 * import { required, email, minLength, matchesField } from './rules.js';
 *
 * const validator = createFormValidator(document.querySelector('#signup'), {
 *   email: [required(), email()],
 *   password: [required(), minLength(12)],
 *   confirm: [required(), matchesField('password')],
 * });
 *
 * validator.onSubmit(async (values) => {
 *   await fetch('/api/signup', { method: 'POST', body: JSON.stringify(values) });
 * });
 * ```
 *
 * Errors are rendered into an element with id `<field-id>-error` (created on demand)
 * and linked to the input through `aria-describedby`, with `aria-invalid` set on
 * the input, so screen readers announce them.
 */

/** @typedef {import('./rules.js').Validator} Validator */
/** @typedef {import('./rules.js').FormValues} FormValues */

/**
 * @typedef {object} ValidatorOptions
 * @property {'blur' | 'input' | 'submit'} [validateOn='blur'] - When to validate a field
 *   for the first time. After a field has shown an error it is re-validated on every input,
 *   so the message disappears as soon as the user fixes it.
 * @property {boolean} [focusFirstInvalid=true] - Move focus to the first invalid field on submit.
 */

/**
 * Read the current values of every named control in the form.
 * Checkboxes yield booleans, file inputs yield their FileList, everything else a string.
 *
 * @param {HTMLFormElement} form
 * @returns {FormValues}
 */
function readValues(form) {
  /** @type {FormValues} */
  const values = {};
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) {
      continue;
    }
    if (!element.name || element.disabled) continue;

    if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      values[element.name] = element.checked;
    } else if (element instanceof HTMLInputElement && element.type === 'radio') {
      // Only record the checked radio; initialise the key so unchecked groups read as null.
      if (!(element.name in values)) values[element.name] = null;
      if (element.checked) values[element.name] = element.value;
    } else if (element instanceof HTMLInputElement && element.type === 'file') {
      values[element.name] = element.files;
    } else {
      values[element.name] = element.value;
    }
  }
  return values;
}

/**
 * Find (or create) the element that displays a field's error message.
 *
 * @param {HTMLElement} field
 * @returns {HTMLElement}
 */
function errorElementFor(field) {
  if (!field.id) {
    // aria-describedby needs an id to point at; generate a stable-enough one.
    field.id = `field-${field.getAttribute('name')}-${Math.random().toString(36).slice(2, 8)}`;
  }
  const errorId = `${field.id}-error`;
  let el = document.getElementById(errorId);
  if (!el) {
    el = document.createElement('p');
    el.id = errorId;
    el.className = 'field-error';
    el.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', el);
  }
  return el;
}

/**
 * @param {HTMLFormElement} form
 * @param {Record<string, Validator[]>} schema - Validators per field name, run in order;
 *   the first failing validator's message is shown.
 * @param {ValidatorOptions} [options]
 */
export function createFormValidator(form, schema, options = {}) {
  if (!(form instanceof HTMLFormElement)) {
    throw new TypeError('createFormValidator expects an HTMLFormElement');
  }
  const { validateOn = 'blur', focusFirstInvalid = true } = options;

  /** Fields that have been validated at least once (so they re-validate on input). */
  const touched = new Set();
  /** Latest validation run per field, used to ignore stale async results. */
  const runIds = new Map();
  /** @type {Map<string, string>} */
  const errors = new Map();

  // Native constraint validation would show its own bubbles; we render our own messages.
  form.noValidate = true;

  /** @param {string} name */
  const fieldElement = (name) => {
    const el = form.elements.namedItem(name);
    // RadioNodeList for radio groups: attach the error to the first radio.
    if (el && 'length' in el && !(el instanceof HTMLSelectElement)) return /** @type {HTMLElement} */ (el[0]);
    return /** @type {HTMLElement | null} */ (el);
  };

  /**
   * @param {string} name
   * @param {string | null} message
   */
  function render(name, message) {
    const field = fieldElement(name);
    if (!field) return;
    const errorEl = errorElementFor(field);
    errorEl.textContent = message ?? '';
    errorEl.hidden = !message;
    if (message) {
      field.setAttribute('aria-invalid', 'true');
      const described = new Set((field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
      described.add(errorEl.id);
      field.setAttribute('aria-describedby', [...described].join(' '));
    } else {
      field.removeAttribute('aria-invalid');
    }
  }

  /**
   * Validate one field and render the result.
   *
   * @param {string} name
   * @returns {Promise<string | null>} The error message, or null.
   */
  async function validateField(name) {
    const rules = schema[name] ?? [];
    const runId = (runIds.get(name) ?? 0) + 1;
    runIds.set(name, runId);
    const values = readValues(form);

    let message = null;
    for (const rule of rules) {
      message = await rule(values[name] ?? null, values);
      if (message) break;
    }

    // A newer validation started while we awaited; its result wins.
    if (runIds.get(name) !== runId) return errors.get(name) ?? null;

    touched.add(name);
    if (message) errors.set(name, message);
    else errors.delete(name);
    render(name, message);
    return message;
  }

  /**
   * Validate every field in the schema.
   *
   * @returns {Promise<boolean>} True when the whole form is valid.
   */
  async function validateAll() {
    const results = await Promise.all(Object.keys(schema).map(validateField));
    return results.every((message) => !message);
  }

  /** @param {Event} event */
  function handleEvent(event) {
    const target = /** @type {HTMLInputElement} */ (event.target);
    const name = target?.name;
    if (!name || !(name in schema)) return;
    const shouldValidate =
      touched.has(name) || (validateOn === 'input' && event.type === 'input') || (validateOn === 'blur' && event.type === 'focusout');
    if (shouldValidate) void validateField(name);
  }

  form.addEventListener('input', handleEvent);
  form.addEventListener('focusout', handleEvent);

  /** @type {((values: FormValues) => unknown) | null} */
  let submitHandler = null;
  let submitting = false;

  /** @param {SubmitEvent} event */
  async function handleSubmit(event) {
    event.preventDefault();
    if (submitting) return; // ignore double clicks while a submission is in flight

    const valid = await validateAll();
    if (!valid) {
      if (focusFirstInvalid) {
        const first = Object.keys(schema).find((name) => errors.has(name));
        if (first) fieldElement(first)?.focus();
      }
      return;
    }

    if (!submitHandler) {
      form.submit(); // no JS handler registered: fall back to a normal submission
      return;
    }

    submitting = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await submitHandler(readValues(form));
    } finally {
      submitting = false;
      form.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', handleSubmit);

  return {
    validateField,
    validateAll,
    /** @returns {Record<string, string>} A snapshot of the current errors. */
    getErrors: () => Object.fromEntries(errors),
    /** @param {(values: FormValues) => unknown} handler */
    onSubmit(handler) {
      submitHandler = handler;
    },
    /** Clear all messages and forget which fields were touched. */
    reset() {
      touched.clear();
      errors.clear();
      for (const name of Object.keys(schema)) render(name, null);
    },
    /** Remove every listener added by this validator. */
    destroy() {
      form.removeEventListener('input', handleEvent);
      form.removeEventListener('focusout', handleEvent);
      form.removeEventListener('submit', handleSubmit);
    },
  };
}
