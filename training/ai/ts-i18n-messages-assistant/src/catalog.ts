import { formatNodes, type FormatOptions, type MessageValues } from "./format";
import { parseMessage, type MessageNode } from "./parser";

export type Messages = Record<string, string>;

export interface CatalogOptions extends FormatOptions {
  /** Locale used when a key is missing from the requested locale. Default "en". */
  fallbackLocale?: string;
  /** Called once per missing key/locale pair, e.g. to report untranslated strings. */
  onMissingKey?: (key: string, locale: string) => void;
}

/**
 * A set of translated messages per locale, with lazy parsing, caching and
 * locale fallback ("de-AT" -> "de" -> fallback locale).
 *
 * @example
 *   const i18n = new Catalog({ en: { inbox: "{n, plural, one {# message} other {# messages}}" } });
 *   i18n.t("en", "inbox", { n: 3 }); // "3 messages"
 */
export class Catalog {
  private readonly messages = new Map<string, Messages>();
  private readonly parsed = new Map<string, MessageNode[]>();
  private readonly reported = new Set<string>();
  private readonly options: Required<Pick<CatalogOptions, "fallbackLocale">> & CatalogOptions;

  constructor(initial: Record<string, Messages> = {}, options: CatalogOptions = {}) {
    this.options = { fallbackLocale: "en", ...options };
    for (const [locale, msgs] of Object.entries(initial)) {
      this.add(locale, msgs);
    }
  }

  /** Adds or overrides messages for a locale. Invalid syntax is reported here, not at render time. */
  add(locale: string, messages: Messages): void {
    const normalized = Catalog.normalizeLocale(locale);
    const errors: string[] = [];
    for (const [key, source] of Object.entries(messages)) {
      try {
        this.parsed.set(`${normalized}\u0000${key}`, parseMessage(source));
      } catch (err) {
        errors.push(`${key}: ${(err as Error).message}`);
      }
    }
    if (errors.length) {
      throw new Error(`Invalid messages for locale "${locale}":\n  ${errors.join("\n  ")}`);
    }
    this.messages.set(normalized, { ...this.messages.get(normalized), ...messages });
  }

  has(locale: string, key: string): boolean {
    return this.resolve(locale, key) !== undefined;
  }

  /** Translates `key`. Missing keys return the key itself so the UI shows something. */
  t(locale: string, key: string, values: MessageValues = {}): string {
    const found = this.resolve(locale, key);
    if (!found) {
      this.reportMissing(key, locale);
      return key;
    }
    if (found.locale !== Catalog.normalizeLocale(locale)) {
      this.reportMissing(key, locale);
    }
    return formatNodes(found.nodes, values, found.locale, this.options);
  }

  /** Returns a translator bound to one locale, convenient for components. */
  forLocale(locale: string): (key: string, values?: MessageValues) => string {
    return (key, values) => this.t(locale, key, values);
  }

  /** Keys present in the fallback locale but missing in `locale`. Useful in CI. */
  missingKeys(locale: string): string[] {
    const base = this.messages.get(Catalog.normalizeLocale(this.options.fallbackLocale)) ?? {};
    const target = this.messages.get(Catalog.normalizeLocale(locale)) ?? {};
    return Object.keys(base).filter((k) => !(k in target)).sort();
  }

  private resolve(locale: string, key: string): { locale: string; nodes: MessageNode[] } | undefined {
    for (const candidate of this.chain(locale)) {
      const nodes = this.parsed.get(`${candidate}\u0000${key}`);
      if (nodes) return { locale: candidate, nodes };
    }
    return undefined;
  }

  /** "pt-BR" -> ["pt-br", "pt", "en"] */
  private chain(locale: string): string[] {
    const parts = Catalog.normalizeLocale(locale).split("-");
    const chain: string[] = [];
    for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join("-"));
    const fallback = Catalog.normalizeLocale(this.options.fallbackLocale);
    if (!chain.includes(fallback)) chain.push(fallback);
    return chain;
  }

  private reportMissing(key: string, locale: string): void {
    const id = `${locale}\u0000${key}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.options.onMissingKey?.(key, locale);
  }

  private static normalizeLocale(locale: string): string {
    const trimmed = locale.trim().replace(/_/g, "-").toLowerCase();
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(trimmed)) {
      throw new RangeError(`Invalid locale tag "${locale}"`);
    }
    return trimmed;
  }
}
