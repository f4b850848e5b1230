/**
 * Parser for a small subset of ICU MessageFormat.
 *
 * Supported syntax:
 *   - plain text, with `'` used to quote literal braces: `'{'` or `'{literal}'`
 *   - simple arguments:   `{name}`
 *   - number arguments:   `{price, number}` (formatted with Intl.NumberFormat)
 *   - plural:             `{count, plural, =0 {none} one {# item} other {# items}}`
 *   - select:             `{gender, select, female {her} male {his} other {their}}`
 *
 * The parser produces an AST once; formatting a parsed message is then a
 * cheap tree walk, so catalogs should cache parsed messages.
 */

export type MessageNode =
  | { type: "text"; value: string }
  | { type: "arg"; name: string }
  | { type: "number"; name: string }
  | { type: "pound" }
  | { type: "plural"; name: string; offset: number; options: Record<string, MessageNode[]> }
  | { type: "select"; name: string; options: Record<string, MessageNode[]> };

export class MessageSyntaxError extends Error {
  constructor(
    message: string,
    public readonly source: string,
    public readonly position: number,
  ) {
    super(`${message} at position ${position} in "${source}"`);
    this.name = "MessageSyntaxError";
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const SELECTOR = /=?[A-Za-z0-9_-]+/y;

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): MessageNode[] {
    const nodes = this.parseNodes(false, false);
    if (this.pos < this.src.length) {
      this.fail("unexpected '}'");
    }
    return nodes;
  }

  /**
   * Parses text and arguments until the end of input or an unmatched `}`.
   * `inPlural` enables `#` as a placeholder for the plural value.
   */
  private parseNodes(nested: boolean, inPlural: boolean): MessageNode[] {
    const nodes: MessageNode[] = [];
    let text = "";

    const flush = () => {
      if (text) {
        nodes.push({ type: "text", value: text });
        text = "";
      }
    };

    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];

      if (ch === "'") {
        text += this.parseQuoted();
      } else if (ch === "{") {
        flush();
        nodes.push(this.parseArgument());
      } else if (ch === "}") {
        if (!nested) this.fail("unexpected '}'");
        break;
      } else if (ch === "#" && inPlural) {
        flush();
        nodes.push({ type: "pound" });
        this.pos++;
      } else {
        text += ch;
        this.pos++;
      }
    }

    flush();
    return nodes;
  }

  /** `''` is a literal apostrophe; `'{...}'` quotes syntax characters. */
  private parseQuoted(): string {
    const next = this.src[this.pos + 1];
    if (next === "'") {
      this.pos += 2;
      return "'";
    }
    if (next !== "{" && next !== "}" && next !== "#") {
      // A lone apostrophe (as in "don't") is just text.
      this.pos++;
      return "'";
    }
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) this.fail("unterminated quote");
    const quoted = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return quoted;
  }

  private parseArgument(): MessageNode {
    this.expect("{");
    this.skipSpace();
    const name = this.match(IDENT, "argument name");
    this.skipSpace();

    if (this.peek() === "}") {
      this.pos++;
      return { type: "arg", name };
    }

    this.expect(",");
    this.skipSpace();
    const kind = this.match(IDENT, "argument type");
    this.skipSpace();

    switch (kind) {
      case "number":
        this.expect("}");
        return { type: "number", name };
      case "plural":
      case "select": {
        this.expect(",");
        let offset = 0;
        this.skipSpace();
        if (kind === "plural" && this.src.startsWith("offset:", this.pos)) {
          this.pos += "offset:".length;
          offset = Number(this.match(/\d+/y, "offset value"));
          this.skipSpace();
        }
        const options = this.parseOptions(kind === "plural");
        if (!("other" in options)) {
          this.fail(`${kind} for "${name}" must have an "other" option`);
        }
        this.expect("}");
        return kind === "plural" ? { type: "plural", name, offset, options } : { type: "select", name, options };
      }
      default:
        this.fail(`unknown argument type "${kind}"`);
    }
  }

  private parseOptions(inPlural: boolean): Record<string, MessageNode[]> {
    const options: Record<string, MessageNode[]> = {};
    this.skipSpace();
    while (this.peek() !== "}" && this.pos < this.src.length) {
      const key = this.match(SELECTOR, "option key");
      if (key in options) this.fail(`duplicate option "${key}"`);
      this.skipSpace();
      this.expect("{");
      options[key] = this.parseNodes(true, inPlural);
      this.expect("}");
      this.skipSpace();
    }
    return options;
  }

  private match(re: RegExp, what: string): string {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) this.fail(`expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }

  private expect(ch: string): void {
    if (this.src[this.pos] !== ch) {
      this.fail(`expected '${ch}'`);
    }
    this.pos++;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  private fail(message: string): never {
    throw new MessageSyntaxError(message, this.src, this.pos);
  }
}

export function parseMessage(source: string): MessageNode[] {
  return new Parser(source).parse();
}
