// date helpers. everything is local time unless it says utc.

export const MS_DAY = 24 * 60 * 60 * 1000

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

export function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function hm(d: Date): string {
  return pad(d.getHours()) + ':' + pad(d.getMinutes())
}

// parse YYYY-MM-DD as a *local* date (new Date('2024-01-02') gives utc midnight, which bit us)
export function parseYmd(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim())
  if (!m) return null
  const d = new Date(+m[1], +m[2] - 1, +m[3])
  // reject 2024-02-31 etc
  if (d.getMonth() !== +m[2] - 1) return null
  return d
}

export function startOfDay(d: Date): Date {
  const x = new Date(d)
  x.setHours(0, 0, 0, 0)
  return x
}

export function addDays(d: Date, n: number): Date {
  const x = new Date(d)
  x.setDate(x.getDate() + n)   // handles dst, unlike adding MS_DAY
  return x
}

export function daysBetween(a: Date, b: Date): number {
  return Math.round((startOfDay(b).getTime() - startOfDay(a).getTime()) / MS_DAY)
}

export function isWeekend(d: Date) {
  const w = d.getDay()
  return w === 0 || w === 6
}

export function addBusinessDays(d: Date, n: number): Date {
  let x = new Date(d)
  const step = n < 0 ? -1 : 1
  let left = Math.abs(n)
  while (left > 0) {
    x = addDays(x, step)
    if (!isWeekend(x)) left--
  }
  return x
}

// monday-based week
export function startOfWeek(d: Date): Date {
  const x = startOfDay(d)
  const wd = (x.getDay() + 6) % 7
  return addDays(x, -wd)
}

export function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function shortDate(d: Date, now = new Date()): string {
  const s = MONTHS[d.getMonth()] + ' ' + d.getDate()
  return d.getFullYear() === now.getFullYear() ? s : s + ', ' + d.getFullYear()
}

/**
 * Human-friendly relative time, e.g. "just now", "5 min ago", "in 2 hours",
 * "yesterday", "tomorrow at 09:30". Falls back to shortDate() for anything
 * more than a week away.
 */
export function formatRelative(d: Date, now = new Date()): string {
  const diffMs = d.getTime() - now.getTime()
  const future = diffMs > 0
  const absMin = Math.round(Math.abs(diffMs) / 60_000)

  if (absMin < 1) return 'just now'
  if (absMin < 60) return future ? `in ${absMin} min` : `${absMin} min ago`

  const absHours = Math.round(absMin / 60)
  if (sameDay(d, now) && absHours < 12) {
    const unit = absHours === 1 ? 'hour' : 'hours'
    return future ? `in ${absHours} ${unit}` : `${absHours} ${unit} ago`
  }

  const days = daysBetween(now, d)
  if (days === 0) return 'today at ' + hm(d)
  if (days === -1) return 'yesterday at ' + hm(d)
  if (days === 1) return 'tomorrow at ' + hm(d)
  if (Math.abs(days) < 7) return future ? `in ${days} days` : `${-days} days ago`
  return shortDate(d, now)
}
