export interface CursorPayload {
  /** Value of the sort key of the last item on the previous page. */
  k: string | number;
  /** Tie-breaker id of that item. */
  id: string;
  /** Direction the cursor was issued for. */
  d: "f" | "b";
}

export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`Invalid cursor: ${reason}`);
    this.name = "InvalidCursorError";
  }
}

export function encodeCursor(p: CursorPayload): string {
  return Buffer.from(JSON.stringify(p), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError("not decodable");
  }
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    !("k" in parsed) ||
    !("id" in parsed) ||
    !("d" in parsed)
  ) {
    throw new InvalidCursorError("missing fields");
  }
  const { k, id, d } = parsed as Record<string, unknown>;
  if ((typeof k !== "string" && typeof k !== "number") || typeof id !== "string" || (d !== "f" && d !== "b")) {
    throw new InvalidCursorError("wrong field types");
  }
  return { k, id, d };
}

export interface PageRequest {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export interface Page<T> {
  items: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export interface Source<T> {
  /**
   * Fetch up to `limit` items strictly after (`dir: "asc"`) or before (`dir: "desc"`)
   * the given key, ordered in that direction.
   */
  fetch(args: { after?: { k: string | number; id: string }; dir: "asc" | "desc"; limit: number }): Promise<T[]>;
  key(item: T): { k: string | number; id: string };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function clampSize(n: number | undefined): number {
  if (n === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1) throw new RangeError("Page size must be a positive integer");
  return Math.min(n, MAX_PAGE_SIZE);
}

export async function paginate<T>(source: Source<T>, req: PageRequest = {}): Promise<Page<T>> {
  if (req.first !== undefined && req.last !== undefined) {
    throw new RangeError("Use either first/after or last/before, not both");
  }
  if (req.after && req.before) {
    throw new RangeError("Cannot combine after and before");
  }

  const backward = req.last !== undefined || req.before !== undefined;
  const size = clampSize(backward ? req.last : req.first);
  const raw = backward ? req.before : req.after;
  const anchor = raw ? decodeCursor(raw) : undefined;

  // Fetch one extra item to learn whether another page exists.
  const rows = await source.fetch({
    after: anchor ? { k: anchor.k, id: anchor.id } : undefined,
    dir: backward ? "desc" : "asc",
    limit: size + 1,
  });

  const hasMore = rows.length > size;
  const slice = rows.slice(0, size);
  const items = backward ? slice.reverse() : slice;

  const cursorFor = (item: T, d: "f" | "b") => encodeCursor({ ...source.key(item), d });

  return {
    items,
    pageInfo: {
      hasNextPage: backward ? anchor !== undefined : hasMore,
      hasPreviousPage: backward ? hasMore : anchor !== undefined,
      startCursor: items.length ? cursorFor(items[0], "b") : null,
      endCursor: items.length ? cursorFor(items[items.length - 1], "f") : null,
    },
  };
}

/** In-memory Source over an array, sorted by (key, id). Handy for tests and fixtures. */
export function arraySource<T>(rows: T[], key: (item: T) => { k: string | number; id: string }): Source<T> {
  const cmp = (a: { k: string | number; id: string }, b: { k: string | number; id: string }) =>
    a.k < b.k ? -1 : a.k > b.k ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const sorted = [...rows].sort((a, b) => cmp(key(a), key(b)));
  return {
    key,
    async fetch({ after, dir, limit }) {
      const ordered = dir === "asc" ? sorted : [...sorted].reverse();
      const start = after
        ? ordered.findIndex((r) => (dir === "asc" ? cmp(key(r), after) > 0 : cmp(key(r), after) < 0))
        : 0;
      return start < 0 ? [] : ordered.slice(start, start + limit);
    },
  };
}
