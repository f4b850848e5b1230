/**
 * Parsing and serialising of the HTTP `Cache-Control` header (RFC 9111, section 5.2).
 *
 * The header is a comma-separated list of directives, each either a bare token
 * (`no-store`) or a `name=value` pair where the value may be a quoted string
 * (`private="Set-Cookie, Authorization"`). Directive names are case-insensitive.
 */

/** The directives this module understands, normalised to typed fields. */
export interface CacheControl {
  maxAge?: number;
  sMaxAge?: number;
  noCache?: boolean | string[];
  noStore?: boolean;
  noTransform?: boolean;
  mustRevalidate?: boolean;
  proxyRevalidate?: boolean;
  mustUnderstand?: boolean;
  private?: boolean | string[];
  public?: boolean;
  immutable?: boolean;
  staleWhileRevalidate?: number;
  staleIfError?: number;
  /** Request-only directives. */
  maxStale?: number | true;
  minFresh?: number;
  onlyIfCached?: boolean;
  /** Directives we don't recognise are kept so they can be round-tripped. */
  extensions: Record<string, string | true>;
}

type NumericKey = "maxAge" | "sMaxAge" | "staleWhileRevalidate" | "staleIfError" | "minFresh";
type FlagKey =
  | "noStore"
  | "noTransform"
  | "mustRevalidate"
  | "proxyRevalidate"
  | "mustUnderstand"
  | "public"
  | "immutable"
  | "onlyIfCached";

// Maps rather than object literals, so that a directive named "constructor"
// or "__proto__" can never hit a prototype property.
const NUMERIC = new Map<string, NumericKey>([
  ["max-age", "maxAge"],
  ["s-maxage", "sMaxAge"],
  ["stale-while-revalidate", "staleWhileRevalidate"],
  ["stale-if-error", "staleIfError"],
  ["min-fresh", "minFresh"],
]);

const FLAGS = new Map<string, FlagKey>([
  ["no-store", "noStore"],
  ["no-transform", "noTransform"],
  ["must-revalidate", "mustRevalidate"],
  ["proxy-revalidate", "proxyRevalidate"],
  ["must-understand", "mustUnderstand"],
  ["public", "public"],
  ["immutable", "immutable"],
  ["only-if-cached", "onlyIfCached"],
]);

/**
 * Parse a delta-seconds value. RFC 9111 says values too large to represent
 * should be treated as 2^31 seconds, and invalid values make the directive
 * ineffective, which we signal with `undefined`.
 */
function parseDeltaSeconds(value: string | true): number | undefined {
  if (value === true || !/^\d+$/.test(value)) {
    return undefined;
  }
  return Math.min(Number(value), 2 ** 31);
}

/** Split on commas that are not inside a quoted string. */
function splitDirectives(header: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inQuotes = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
    } else if (ch === "\\" && inQuotes && i + 1 < header.length) {
      // Keep escaped characters (including \") verbatim for now.
      current += ch + header[++i];
      continue;
    } else if (ch === "," && !inQuotes) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}

/** Turn `"Set-Cookie, Authorization"` into `["set-cookie", "authorization"]`. */
function parseFieldList(value: string | true): boolean | string[] {
  if (value === true) {
    return true;
  }
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return names.length > 0 ? names : true;
}

/**
 * Parse one or more `Cache-Control` header values.
 *
 * Multiple header lines may be passed as an array; they are combined as if they
 * had been sent as a single comma-separated header. When a directive appears
 * twice, the first occurrence wins, which is the conservative reading.
 */
export function parseCacheControl(header: string | string[] | null | undefined): CacheControl {
  // A prototype-less object, so an extension named "__proto__" is stored like any other.
  const result: CacheControl = { extensions: Object.create(null) as Record<string, string | true> };
  if (header == null) {
    return result;
  }

  const combined = Array.isArray(header) ? header.join(",") : header;
  const seen = new Set<string>();

  for (const directive of splitDirectives(combined)) {
    const eq = directive.indexOf("=");
    const name = (eq === -1 ? directive : directive.slice(0, eq)).trim().toLowerCase();
    const value: string | true = eq === -1 ? true : unquote(directive.slice(eq + 1).trim());

    if (seen.has(name)) {
      continue;
    }
    seen.add(name);

    const numericKey = NUMERIC.get(name);
    const flagKey = FLAGS.get(name);

    if (numericKey !== undefined) {
      const seconds = parseDeltaSeconds(value);
      if (seconds !== undefined) {
        result[numericKey] = seconds;
      }
    } else if (flagKey !== undefined) {
      result[flagKey] = true;
    } else if (name === "no-cache") {
      result.noCache = parseFieldList(value);
    } else if (name === "private") {
      result.private = parseFieldList(value);
    } else if (name === "max-stale") {
      // A bare max-stale means "any amount of staleness is acceptable".
      result.maxStale = value === true ? true : parseDeltaSeconds(value);
    } else {
      result.extensions[name] = value;
    }
  }

  return result;
}

function quoteIfNeeded(value: string): string {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** Serialise directives back into a header value, in a stable order. */
export function formatCacheControl(cc: Partial<CacheControl>): string {
  const out: string[] = [];

  for (const [name, key] of FLAGS) {
    if (cc[key]) out.push(name);
  }
  for (const [name, key] of Object.entries({ "no-cache": "noCache", private: "private" } as const)) {
    const value = cc[key];
    if (value === true) out.push(name);
    else if (Array.isArray(value) && value.length > 0) out.push(`${name}="${value.join(", ")}"`);
  }
  for (const [name, key] of NUMERIC) {
    const seconds = cc[key];
    if (seconds !== undefined) out.push(`${name}=${seconds}`);
  }
  if (cc.maxStale !== undefined) {
    out.push(cc.maxStale === true ? "max-stale" : `max-stale=${cc.maxStale}`);
  }
  for (const [name, value] of Object.entries(cc.extensions ?? {})) {
    out.push(value === true ? name : `${name}=${quoteIfNeeded(value)}`);
  }

  return out.join(", ");
}
