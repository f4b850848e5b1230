// Pure logic for paste origin (no vscode import): which text a paste inserted, from the
// document change that followed it, in LSP coordinates.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface Change { range: Range; text: string }
export type PasteSource = "editor" | "external";

/** UTF-16 length of a string: what LSP and VS Code count in columns. */
export function utf16Length(s: string): number {
  return s.length; // JavaScript strings are UTF-16 already
}

/** The range a change's inserted text covers once applied. */
export function insertedRange(change: Change): Range {
  const start = change.range.start;
  const parts = change.text.split(/\r\n|\r|\n/);
  if (parts.length === 1) {
    return { start, end: { line: start.line, character: start.character + utf16Length(parts[0]) } };
  }
  const last = parts[parts.length - 1];
  return { start, end: { line: start.line + parts.length - 1, character: utf16Length(last) } };
}

/** Ranges of a paste, one per change (multi-cursor pastes make several), in the
 * document after all of them: changes arrive in one event, each against the text
 * before the event, sorted bottom-up by VS Code; later ones (above) shift earlier ones. */
export function pastedRanges(changes: Change[]): Range[] {
  const sorted = [...changes].sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const out: Range[] = [];
  let lineShift = 0;
  for (const c of sorted) {
    const removed = c.range.end.line - c.range.start.line;
    const shifted: Change = {
      range: {
        start: { line: c.range.start.line + lineShift, character: c.range.start.character },
        end: { line: c.range.end.line + lineShift, character: c.range.end.character },
      },
      text: c.text,
    };
    const r = insertedRange(shifted);
    out.push(r);
    lineShift += (r.end.line - r.start.line) - removed;
  }
  return out;
}

/** Whether copied text came from this editor: the marker the copy left holds the same
 * text (normalised line endings) as what is pasted. */
export function pasteSource(marker: string | undefined, pasted: string): PasteSource {
  if (marker === undefined) {
    return "external";
  }
  const norm = (s: string) => s.replace(/\r\n?/g, "\n");
  return norm(marker) === norm(pasted) ? "editor" : "external";
}
