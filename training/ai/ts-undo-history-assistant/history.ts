/**
 * A generic, immutable-state undo/redo history.
 *
 * The history stores *snapshots* of your state rather than inverse operations,
 * which keeps it simple and correct as long as the state is treated as
 * immutable (e.g. produced by a reducer or by structural sharing). Memory use
 * is bounded by {@link HistoryOptions.limit}.
 *
 * Features:
 * - bounded past stack (oldest entries are dropped first),
 * - coalescing of rapid, related changes (e.g. typing) into one undo step,
 * - transactions that group several changes into one step,
 * - subscription API suitable for React's `useSyncExternalStore`.
 */

/** Configuration for {@link History}. */
export interface HistoryOptions<T> {
  /** Maximum number of undo steps to retain. Defaults to 100. */
  limit?: number;
  /**
   * Changes with the same non-undefined `coalesceKey` that arrive within this
   * many milliseconds of each other are merged into a single undo step.
   * Defaults to 500 ms.
   */
  coalesceWindowMs?: number;
  /** Equality check used to skip no-op updates. Defaults to `Object.is`. */
  equals?: (a: T, b: T) => boolean;
  /** Clock, injectable for tests. Defaults to `Date.now`. */
  now?: () => number;
}

/** Metadata for a single change. */
export interface ChangeOptions {
  /**
   * Changes sharing a key (e.g. `"title-input"`) may be merged together if
   * they happen in quick succession.
   */
  coalesceKey?: string;
  /** Optional label shown in UIs such as "Undo rename". */
  label?: string;
}

/** A read-only view of the history, handed to subscribers. */
export interface HistorySnapshot<T> {
  readonly present: T;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Label of the step that {@link History.undo} would revert, if any. */
  readonly undoLabel: string | undefined;
  /** Label of the step that {@link History.redo} would re-apply, if any. */
  readonly redoLabel: string | undefined;
}

interface Entry<T> {
  state: T;
  label?: string;
}

type Listener<T> = (snapshot: HistorySnapshot<T>) => void;

export class History<T> {
  private past: Entry<T>[] = [];
  private future: Entry<T>[] = [];
  private current: Entry<T>;

  private readonly limit: number;
  private readonly coalesceWindowMs: number;
  private readonly equals: (a: T, b: T) => boolean;
  private readonly now: () => number;

  /** Key and timestamp of the last change, used for coalescing. */
  private lastChange: { key: string; at: number } | null = null;

  /** Non-null while a transaction is open: the state before it started. */
  private transactionBase: Entry<T> | null = null;
  private transactionDepth = 0;

  private readonly listeners = new Set<Listener<T>>();
  private cachedSnapshot: HistorySnapshot<T> | null = null;

  constructor(initial: T, options: HistoryOptions<T> = {}) {
    const { limit = 100, coalesceWindowMs = 500, equals = Object.is, now = Date.now } = options;

    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`History limit must be a positive integer (received ${limit}).`);
    }
    if (coalesceWindowMs < 0) {
      throw new RangeError("coalesceWindowMs cannot be negative.");
    }

    this.current = { state: initial };
    this.limit = limit;
    this.coalesceWindowMs = coalesceWindowMs;
    this.equals = equals;
    this.now = now;
  }

  /** The current state. */
  get present(): T {
    return this.current.state;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /**
   * Record a new state. Accepts either the next state or an updater function
   * that receives the current state (like React's `setState`).
   *
   * Recording a change clears the redo stack, as in every mainstream editor.
   */
  set(next: T | ((prev: T) => T), options: ChangeOptions = {}): void {
    const value = typeof next === "function" ? (next as (prev: T) => T)(this.current.state) : next;

    if (this.equals(value, this.current.state)) {
      return; // Nothing changed: do not create an empty undo step.
    }

    // Inside a transaction we only update the present; the undo step is
    // created once, when the outermost transaction commits.
    if (this.transactionDepth > 0) {
      this.current = { state: value, label: options.label ?? this.current.label };
      this.emit();
      return;
    }

    const at = this.now();
    const canCoalesce =
      options.coalesceKey !== undefined &&
      this.lastChange !== null &&
      this.lastChange.key === options.coalesceKey &&
      at - this.lastChange.at <= this.coalesceWindowMs &&
      this.past.length > 0 &&
      this.future.length === 0;

    if (!canCoalesce) {
      this.pushPast(this.current);
    }

    this.current = { state: value, label: options.label };
    this.future = [];
    this.lastChange = options.coalesceKey !== undefined ? { key: options.coalesceKey, at } : null;
    this.emit();
  }

  /** Revert to the previous state. Returns false when there is nothing to undo. */
  undo(): boolean {
    this.assertNoTransaction("undo");
    const previous = this.past.pop();
    if (!previous) return false;

    this.future.push(this.current);
    this.current = previous;
    this.lastChange = null; // Never coalesce across an undo.
    this.emit();
    return true;
  }

  /** Re-apply the most recently undone state. Returns false when there is nothing to redo. */
  redo(): boolean {
    this.assertNoTransaction("redo");
    const next = this.future.pop();
    if (!next) return false;

    this.pushPast(this.current);
    this.current = next;
    this.lastChange = null;
    this.emit();
    return true;
  }

  /**
   * Run `fn` and record everything it changes as a single undo step.
   * Transactions may be nested; only the outermost one creates a step.
   * If `fn` throws, the state is rolled back to what it was before the
   * transaction and the error is rethrown.
   */
  transaction<R>(fn: () => R, options: ChangeOptions = {}): R {
    if (this.transactionDepth === 0) {
      this.transactionBase = this.current;
    }
    this.transactionDepth += 1;

    let result: R;
    try {
      result = fn();
    } catch (error) {
      this.transactionDepth -= 1;
      if (this.transactionDepth === 0) {
        this.current = this.transactionBase!;
        this.transactionBase = null;
        this.emit();
      }
      throw error;
    }

    this.transactionDepth -= 1;
    if (this.transactionDepth === 0) {
      const base = this.transactionBase!;
      this.transactionBase = null;
      if (!this.equals(base.state, this.current.state)) {
        this.pushPast(base);
        this.future = [];
        this.current = { state: this.current.state, label: options.label ?? this.current.label };
        this.lastChange = null;
      }
      this.emit();
    }

    // Guard against async callbacks, which would escape the transaction.
    if (result instanceof Promise) {
      console.warn("History.transaction() received an async function; changes after the first await are not grouped.");
    }
    return result;
  }

  /** Forget all undo/redo steps but keep the present state (e.g. after saving). */
  clear(): void {
    this.assertNoTransaction("clear");
    this.past = [];
    this.future = [];
    this.lastChange = null;
    this.emit();
  }

  /**
   * Subscribe to changes. Returns an unsubscribe function.
   * Compatible with `useSyncExternalStore(history.subscribe, history.getSnapshot)`.
   */
  subscribe = (listener: Listener<T>): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * A referentially stable snapshot that only changes when the history does,
   * which is what `useSyncExternalStore` requires to avoid render loops.
   */
  getSnapshot = (): HistorySnapshot<T> => {
    if (!this.cachedSnapshot) {
      this.cachedSnapshot = Object.freeze({
        present: this.current.state,
        canUndo: this.canUndo,
        canRedo: this.canRedo,
        undoLabel: this.current.label,
        redoLabel: this.future[this.future.length - 1]?.label,
      });
    }
    return this.cachedSnapshot;
  };

  private pushPast(entry: Entry<T>): void {
    this.past.push(entry);
    // Drop the oldest entries once we exceed the limit.
    if (this.past.length > this.limit) {
      this.past.splice(0, this.past.length - this.limit);
    }
  }

  private assertNoTransaction(operation: string): void {
    if (this.transactionDepth > 0) {
      throw new Error(`Cannot ${operation} while a transaction is in progress.`);
    }
  }

  private emit(): void {
    this.cachedSnapshot = null;
    const snapshot = this.getSnapshot();
    // Copy so listeners can unsubscribe while being notified.
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        // One faulty listener should not prevent the others from running.
        console.error("History listener threw:", error);
      }
    }
  }
}
