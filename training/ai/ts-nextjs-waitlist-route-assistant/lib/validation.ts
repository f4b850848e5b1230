/**
 * Minimal, dependency-free validation for the waitlist endpoint.
 *
 * In a larger app you would likely use zod or valibot; this keeps the example
 * self-contained while still returning structured, field-level errors.
 */

export interface WaitlistInput {
  email: string;
  name?: string;
  referralCode?: string;
  /** Honeypot field: real users never fill it in because it is visually hidden. */
  website?: string;
}

export type FieldErrors = Partial<Record<keyof WaitlistInput, string>>;

export type ValidationResult = { ok: true; data: WaitlistInput } | { ok: false; errors: FieldErrors };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const REFERRAL_RE = /^[A-Z0-9]{6,12}$/;

/**
 * Validate and normalise an untrusted request body.
 * Unknown properties are ignored rather than rejected, so older clients keep working.
 */
export function validateWaitlistInput(body: unknown): ValidationResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: { email: "Request body must be a JSON object." } };
  }

  const raw = body as Record<string, unknown>;
  const errors: FieldErrors = {};

  // Email: required, trimmed and lower-cased so duplicates are detected reliably.
  const email = typeof raw.email === "string" ? raw.email.trim().toLowerCase() : "";
  if (!email) {
    errors.email = "Email is required.";
  } else if (email.length > 254 || !EMAIL_RE.test(email)) {
    errors.email = "Please provide a valid email address.";
  }

  // Name: optional, but bounded to keep the database tidy.
  let name: string | undefined;
  if (raw.name !== undefined && raw.name !== null) {
    if (typeof raw.name !== "string") {
      errors.name = "Name must be a string.";
    } else {
      name = raw.name.trim().replace(/\s+/g, " ") || undefined;
      if (name && name.length > 100) errors.name = "Name must be 100 characters or fewer.";
    }
  }

  // Referral code: optional, case-insensitive on input, stored upper-case.
  let referralCode: string | undefined;
  if (typeof raw.referralCode === "string" && raw.referralCode.trim() !== "") {
    referralCode = raw.referralCode.trim().toUpperCase();
    if (!REFERRAL_RE.test(referralCode)) {
      errors.referralCode = "Referral codes are 6–12 letters or digits.";
    }
  }

  const website = typeof raw.website === "string" ? raw.website : undefined;

  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, data: { email, name, referralCode, website } };
}
