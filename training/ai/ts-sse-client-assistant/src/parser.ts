/**
 * Incremental parser for the `text/event-stream` format (Server-Sent Events).
 *
 * The parser is transport-agnostic: feed it text chunks as they arrive (from
 * `fetch`, a Node.js stream, a WebSocket bridge, ...) and it invokes a callback
 * for every complete event. It follows the WHATWG HTML "event stream
 * interpretation" rules, including the handling of `retry`, `id` and comments.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** A single dispatched Server-Sent Event. */
export interface SSEEvent {
  /** The event type; defaults to `"message"` when the stream does not set one. */
  type: string;
  /** The event payload. Multiple `data:` lines are joined with `\n`. */
  data: string;
  /** The last event ID seen on the stream (persists across events, per spec). */
  lastEventId: string;
}

/** Callbacks invoked by {@link SSEParser}. */
export interface SSEParserHandlers {
  /** Called once per complete event. */
  onEvent: (event: SSEEvent) => void;
  /** Called when the server sends a valid `retry:` field (milliseconds). */
  onRetry?: (ms: number) => void;
  /** Called for comment lines (those starting with `:`), e.g. keep-alive pings. */
  onComment?: (text: string) => void;
}

export class SSEParser {
  /** Text received but not yet terminated by a newline. */
  private buffer = "";
  /** Data lines accumulated for the event currently being built. */
  private dataLines: string[] = [];
  private eventType = "";
  private lastEventId = "";
  /** Whether we have already inspected (and possibly stripped) a leading BOM. */
  private sawFirstChunk = false;
  /** Set when a chunk ended in `\r`, so a following `\n` is not a second line break. */
  private pendingCR = false;

  constructor(private readonly handlers: SSEParserHandlers) {
    if (typeof handlers?.onEvent !== "function") {
      throw new TypeError("SSEParser requires an onEvent handler");
    }
  }

  /**
   * Feed a chunk of decoded text into the parser.
   *
   * Chunks may split lines (or even `\r\n` pairs) at arbitrary positions; the
   * parser buffers the incomplete tail until the next call.
   */
  push(chunk: string): void {
    if (!this.sawFirstChunk && chunk.length > 0) {
      this.sawFirstChunk = true;
      // A UTF-8 byte-order mark at the very start of the stream must be ignored.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }

    if (this.pendingCR && chunk.startsWith("\n")) {
      chunk = chunk.slice(1);
    }
    this.pendingCR = false;

    this.buffer += chunk;

    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;

      this.processLine(this.buffer.slice(start, i));

      if (ch === "\r") {
        if (i + 1 < this.buffer.length) {
          // Treat CRLF as a single line terminator.
          if (this.buffer[i + 1] === "\n") i++;
        } else {
          // The chunk ended on CR: the next chunk might begin with its LF.
          this.pendingCR = true;
        }
      }
      start = i + 1;
    }

    this.buffer = this.buffer.slice(start);
  }

  /**
   * Signal the end of the stream. Per the spec, an event that was not
   * terminated by a blank line is discarded, so this only resets state.
   */
  end(): void {
    this.buffer = "";
    this.dataLines = [];
    this.eventType = "";
    this.pendingCR = false;
  }

  /** The last event ID seen; useful for the `Last-Event-ID` reconnection header. */
  get currentLastEventId(): string {
    return this.lastEventId;
  }

  private processLine(line: string): void {
    // A blank line dispatches the pending event.
    if (line === "") {
      this.dispatch();
      return;
    }

    if (line.startsWith(":")) {
      this.handlers.onComment?.(line.slice(1).trimStart());
      return;
    }

    const colon = line.indexOf(":");
    let field: string;
    let value: string;
    if (colon === -1) {
      // A line with no colon is a field name with an empty value.
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      // Only a single leading space is stripped from the value.
      if (value.startsWith(" ")) value = value.slice(1);
    }

    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.dataLines.push(value);
        break;
      case "id":
        // IDs containing NULL are ignored to protect the Last-Event-ID header.
        if (!value.includes("\u0000")) this.lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
        break;
      default:
        // Unknown fields are ignored, as required by the spec.
        break;
    }
  }

  private dispatch(): void {
    // An event with no data lines is not dispatched, but the type is still reset.
    if (this.dataLines.length === 0) {
      this.eventType = "";
      return;
    }

    const event: SSEEvent = {
      type: this.eventType || "message",
      data: this.dataLines.join("\n"),
      lastEventId: this.lastEventId,
    };

    this.dataLines = [];
    this.eventType = "";
    this.handlers.onEvent(event);
  }
}
