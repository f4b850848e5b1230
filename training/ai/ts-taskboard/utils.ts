/**
 * Small, dependency-free helpers used across the task board.
 */

/** Format an ISO date string as a short, human-readable label such as "Mar 4". */
export function formatShortDate(iso: string, locale = 'en-US'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return 'Invalid date';
  }
  return date.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
}

/** Return true when the due date is before today (ignoring the time of day). */
export function isOverdue(dueDate: string | undefined, now: Date = new Date()): boolean {
  if (!dueDate) return false;
  const due = new Date(dueDate);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return due < today;
}

/**
 * Debounce a function so it only runs after `waitMs` have passed without another call.
 */
export function debounce<Args extends unknown[]>(fn: (...args: Args) => void, waitMs: number) {
  let timeoutId: ReturnType<typeof setTimeout> | undefined;
  return (...args: Args): void => {
    if (timeoutId !== undefined) {
      clearTimeout(timeoutId);
    }
    timeoutId = setTimeout(() => fn(...args), waitMs);
  };
}

/** Group an array of items by a key derived from each item. */
export function groupBy<T, K extends PropertyKey>(items: readonly T[], getKey: (item: T) => K): Record<K, T[]> {
  return items.reduce(
    (groups, item) => {
      const key = getKey(item);
      (groups[key] ??= []).push(item);
      return groups;
    },
    {} as Record<K, T[]>,
  );
}

/** Clamp a number into the inclusive range [min, max]. */
export const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
