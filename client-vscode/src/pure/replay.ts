// Edits made while the server is not running yet (or restarting), kept so that it sees
// them as if it had been running: when the language client opens a document, it opens it
// as it was when recording began, then replays each change with its version and each
// paste hint right after the change it belongs to. A paste made in the seconds before
// the server is ready is then judged as any paste, with its origin (no vscode import).
import { PasteSource, Range } from "./pasteRanges";

export interface DocSnapshot {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

export interface LspChange {
  range: Range;
  rangeLength?: number;
  text: string;
}

export type ReplayEvent =
  | { kind: "change"; version: number; changes: LspChange[] }
  | { kind: "paste"; version: number; range: Range; source: PasteSource };

export interface Replay {
  open: DocSnapshot;
  events: ReplayEvent[];
}

interface Log {
  open: DocSnapshot;
  events: ReplayEvent[];
  chars: number;
  broken: boolean;
}

// Past these a document is opened as it is now instead (the server then judges what it
// has beyond the disk as one insertion of unknown origin).
export const MAX_EVENTS = 5000;
export const MAX_CHARS = 5_000_000;

export class Recorder {
  private logs = new Map<string, Log>();
  private on = false;

  get recording(): boolean {
    return this.on;
  }

  /** Begin (again): the documents open now are the starting points. */
  start(open: DocSnapshot[]): void {
    this.logs.clear();
    this.on = true;
    for (const d of open) {
      this.opened(d);
    }
  }

  /** The client is running: what was not replayed is dropped. */
  stop(): void {
    this.logs.clear();
    this.on = false;
  }

  opened(d: DocSnapshot): void {
    if (this.on) {
      this.logs.set(d.uri, { open: { ...d }, events: [], chars: d.text.length, broken: d.text.length > MAX_CHARS });
    }
  }

  has(uri: string): boolean {
    return this.logs.has(uri);
  }

  closed(uri: string): void {
    this.logs.delete(uri);
  }

  changed(uri: string, version: number, changes: LspChange[]): void {
    const log = this.on ? this.logs.get(uri) : undefined;
    if (!log || log.broken) {
      return;
    }
    log.chars += changes.reduce((n, c) => n + c.text.length, 0);
    log.events.push({ kind: "change", version, changes });
    log.broken = log.events.length > MAX_EVENTS || log.chars > MAX_CHARS;
  }

  pasted(uri: string, version: number, range: Range, source: PasteSource): void {
    const log = this.on ? this.logs.get(uri) : undefined;
    if (log && !log.broken) {
      log.events.push({ kind: "paste", version, range, source });
    }
  }

  /** The replay for a document the client opens at `version`: only when every change
   * up to that version was recorded, and something happened; else undefined (open it as
   * it is). Taken once. */
  take(uri: string, version: number): Replay | undefined {
    const log = this.logs.get(uri);
    this.logs.delete(uri);
    if (!log || log.broken || !log.events.some((e) => e.kind === "change")) {
      return undefined;
    }
    const changes = log.events.filter((e) => e.kind === "change");
    if (changes[changes.length - 1].version !== version) {
      return undefined; // a change went unseen
    }
    return { open: log.open, events: log.events };
  }
}
