export type Currency = "USD" | "EUR" | "GBP" | "JPY" | "KWD";

const MINOR_UNITS: Record<Currency, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  KWD: 3,
};

export class CurrencyMismatchError extends Error {
  constructor(a: Currency, b: Currency) {
    super(`Cannot combine ${a} with ${b}`);
    this.name = "CurrencyMismatchError";
  }
}

export interface Money {
  readonly amount: bigint; // in minor units
  readonly currency: Currency;
}

export function minorUnits(currency: Currency): number {
  return MINOR_UNITS[currency];
}

export function money(amount: bigint | number, currency: Currency): Money {
  if (typeof amount === "number" && !Number.isInteger(amount)) {
    throw new RangeError("Minor-unit amount must be an integer");
  }
  return Object.freeze({ amount: BigInt(amount), currency });
}

export function parse(input: string, currency: Currency): Money {
  const m = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/.exec(input.replace(/,/g, ""));
  if (!m) throw new SyntaxError(`Not a decimal amount: "${input}"`);
  const [, sign, whole, frac = ""] = m;
  const digits = minorUnits(currency);
  if (frac.length > digits) {
    throw new RangeError(`${currency} allows at most ${digits} decimal places`);
  }
  const minor = BigInt(whole + frac.padEnd(digits, "0"));
  return money(sign ? -minor : minor, currency);
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Multiply by a decimal factor, rounding half to even (banker's rounding). */
export function multiply(a: Money, factor: number | string): Money {
  const s = typeof factor === "number" ? factor.toString() : factor;
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new SyntaxError(`Invalid factor: ${s}`);
  const [, sign, whole, frac = ""] = m;
  const scale = 10n ** BigInt(frac.length);
  const num = a.amount * BigInt(whole + frac) * (sign ? -1n : 1n);
  return money(divRoundHalfEven(num, scale), a.currency);
}

function divRoundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  if (twice < d) return q;
  return q % 2n === 0n ? q : away;
}

/** Split into `parts` amounts that sum exactly to the original; earlier parts absorb the remainder. */
export function allocate(a: Money, ratios: number[]): Money[] {
  if (ratios.length === 0) throw new RangeError("At least one ratio is required");
  if (ratios.some((r) => r < 0 || !Number.isInteger(r))) {
    throw new RangeError("Ratios must be non-negative integers");
  }
  const total = ratios.reduce((s, r) => s + r, 0);
  if (total === 0) throw new RangeError("Ratios must not all be zero");
  const shares = ratios.map((r) => (a.amount * BigInt(r)) / BigInt(total));
  let remainder = a.amount - shares.reduce((s, x) => s + x, 0n);
  const unit = remainder < 0n ? -1n : 1n;
  for (let i = 0; remainder !== 0n; i = (i + 1) % shares.length) {
    if (ratios[i] === 0) continue;
    shares[i] += unit;
    remainder -= unit;
  }
  return shares.map((s) => money(s, a.currency));
}

export function format(a: Money, locale = "en-US"): string {
  const digits = minorUnits(a.currency);
  const neg = a.amount < 0n;
  const abs = neg ? -a.amount : a.amount;
  const str = abs.toString().padStart(digits + 1, "0");
  const whole = str.slice(0, str.length - digits) || "0";
  const frac = digits ? str.slice(-digits) : "";
  const fmt = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: a.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Format via parts so that large amounts never pass through a float.
  const parts = fmt.formatToParts(neg ? -1 : 1);
  let out = "";
  let wroteNumber = false;
  for (const p of parts) {
    if (p.type === "integer") {
      if (wroteNumber) continue;
      wroteNumber = true;
      const group = fmt.formatToParts(1000).find((x) => x.type === "group")?.value ?? ",";
      out += whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    } else if (p.type === "fraction") {
      out += frac;
    } else {
      out += p.value;
    }
  }
  return out;
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}
