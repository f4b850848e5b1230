/**
 * A small, strongly typed publish/subscribe event bus.
 *
 * @example
 * type Events = { userCreated: { id: string }; logout: void };
 * const bus = new EventBus<Events>();
 * const off = bus.on('userCreated', ({ id }) => console.log(id));
 * bus.emit('userCreated', { id: '42' });
 * off();
 */

type EventMap = Record<string, unknown>;
type Handler<T> = (payload: T) => void | Promise<void>;

export interface Subscription {
  unsubscribe: () => void;
}

export class EventBus<Events extends EventMap> {
  private readonly handlers = new Map<keyof Events, Set<Handler<any>>>();

  /**
   * Register a handler for an event. Returns a function that removes the handler.
   */
  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    if (!this.handlers.has(event)) {
      this.handlers.set(event, new Set());
    }
    this.handlers.get(event)!.add(handler);
    return () => this.off(event, handler);
  }

  /**
   * Register a handler that runs at most once.
   */
  once<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    const wrapper: Handler<Events[K]> = (payload) => {
      this.off(event, wrapper);
      return handler(payload);
    };
    return this.on(event, wrapper);
  }

  off<K extends keyof Events>(event: K, handler: Handler<Events[K]>): void {
    const set = this.handlers.get(event);
    if (!set) return;
    set.delete(handler);
    // Clean up empty sets so the map does not grow forever
    if (set.size === 0) {
      this.handlers.delete(event);
    }
  }

  /**
   * Emit an event to all handlers. Errors in one handler do not stop the others;
   * they are collected and rethrown together as an AggregateError.
   */
  async emit<K extends keyof Events>(event: K, payload: Events[K]): Promise<void> {
    const set = this.handlers.get(event);
    if (!set || set.size === 0) return;

    // Copy the handlers first, since a handler may unsubscribe itself while running
    const results = await Promise.allSettled([...set].map((handler) => handler(payload)));
    const errors = results
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason);

    if (errors.length > 0) {
      throw new AggregateError(errors, `${errors.length} handler(s) failed for event "${String(event)}"`);
    }
  }

  /** Number of handlers registered for an event (useful in tests). */
  listenerCount<K extends keyof Events>(event: K): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  /** Remove every handler for every event. */
  clear(): void {
    this.handlers.clear();
  }
}

/**
 * Wait for the next occurrence of an event, with an optional timeout.
 */
export function waitFor<Events extends EventMap, K extends keyof Events>(
  bus: EventBus<Events>,
  event: K,
  timeoutMs?: number,
): Promise<Events[K]> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = bus.once(event, (payload) => {
      if (timer) clearTimeout(timer);
      resolve(payload);
    });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        off();
        reject(new Error(`Timed out after ${timeoutMs}ms waiting for "${String(event)}"`));
      }, timeoutMs);
    }
  });
}
