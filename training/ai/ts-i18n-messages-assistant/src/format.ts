import { parseMessage, type MessageNode } from "./parser";

export type MessageValues = Record<string, string | number | Date | null | undefined>;

export class MissingArgumentError extends Error {
  constructor(public readonly argument: string) {
    super(`No value provided for argument "${argument}"`);
    this.name = "MissingArgumentError";
  }
}

export interface FormatOptions {
  /**
   * What to do when a value is missing. "throw" is best in tests and
   * development; "keep" leaves `{name}` in the output so the page still renders.
   */
  onMissing?: "throw" | "keep" | "empty";
}

/** Sentinel for "no value", distinct from an explicit null or empty string. */
const MISSING = Symbol("missing");

// Intl objects are relatively expensive to construct; reuse them per locale.
function perLocale<T>(create: (locale: string) => T): (locale: string) => T {
  const cache = new Map<string, T>();
  return (locale) => {
    let value = cache.get(locale);
    if (value === undefined) {
      value = create(locale);
      cache.set(locale, value);
    }
    return value;
  };
}

const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));
const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));

function toNumber(value: unknown, name: string): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) {
    throw new TypeError(`Argument "${name}" must be a number, got ${JSON.stringify(value)}`);
  }
  return n;
}

function stringify(value: MessageValues[string], locale: string): string {
  if (value instanceof Date) return value.toLocaleDateString(locale);
  if (typeof value === "number") return numberFormat(locale).format(value);
  return String(value ?? "");
}

/**
 * Formats an already-parsed message. Exposed separately so catalogs can
 * parse once and format many times.
 */
export function formatNodes(
  nodes: MessageNode[],
  values: MessageValues,
  locale: string,
  options: FormatOptions = {},
  pluralValue?: number,
): string {
  const onMissing = options.onMissing ?? "throw";
  let out = "";

  const lookup = (name: string): MessageValues[string] | typeof MISSING => {
    if (Object.prototype.hasOwnProperty.call(values, name) && values[name] !== undefined) {
      return values[name];
    }
    if (onMissing === "throw") throw new MissingArgumentError(name);
    return MISSING;
  };

  for (const node of nodes) {
    if (node.type === "text") {
      out += node.value;
      continue;
    }
    if (node.type === "pound") {
      // `#` outside a plural is kept as text by the parser, so pluralValue is set here.
      out += numberFormat(locale).format(pluralValue ?? 0);
      continue;
    }

    // Every other node refers to a named value; handle a missing one once, here.
    const v = lookup(node.name);
    if (v === MISSING) {
      if (onMissing === "keep") out += `{${node.name}}`;
      continue;
    }

    switch (node.type) {
      case "arg":
        out += stringify(v, locale);
        break;

      case "number":
        out += numberFormat(locale).format(toNumber(v, node.name));
        break;

      case "plural": {
        const n = toNumber(v, node.name);
        // Exact matches (=0, =1) win over plural categories (one, few, many...).
        const exact = node.options[`=${n}`];
        const category = pluralRules(locale).select(n - node.offset);
        const branch = exact ?? node.options[category] ?? node.options.other;
        out += formatNodes(branch, values, locale, options, n - node.offset);
        break;
      }

      case "select": {
        const branch = node.options[String(v)] ?? node.options.other;
        out += formatNodes(branch, values, locale, options, pluralValue);
        break;
      }
    }
  }
  return out;
}


/** Parses and formats in one go. Prefer a Catalog for repeated use. */
export function formatMessage(
  source: string,
  values: MessageValues = {},
  locale = "en",
  options: FormatOptions = {},
): string {
  return formatNodes(parseMessage(source), values, locale, options);
}
