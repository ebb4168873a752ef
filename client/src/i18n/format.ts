/**
 * Dates, times and numbers in the reader's language: „2. Dezember 2026, 14:05“ in German,
 * „2 December 2026 at 14:05“ in English; never an ISO string. Reactive like `t`: a switch of
 * language re-renders them.
 */
import { locale } from './i18n.ts'

const tag = () => (locale() === 'en' ? 'en-GB' : 'de-DE')
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A moment (ms or a Date string) with date and time: „02.12.2026, 14:05“. */
export function formatDateTime(when: number | string): string {
  return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(when))
}

/** A time of day: „14:05“. */
export function formatTime(when: number | string | Date = new Date()): string {
  return new Intl.DateTimeFormat(tag(), { hour: '2-digit', minute: '2-digit' }).format(new Date(when))
}

/**
 * A calendar day. A plain `2026-12-02` (a date input's value, a measure's due date) is that day
 * wherever the reader is, so it is read as local midnight, not UTC: „2. Dezember 2026“.
 * Anything else is shown as it came.
 */
export function formatDay(day: string | number): string {
  const format = new Intl.DateTimeFormat(tag(), { dateStyle: 'long' })
  if (typeof day === 'number') return format.format(new Date(day))
  const match = ISO_DAY.exec(day)
  if (!match) return day
  const [, y, m, d] = match
  return format.format(new Date(Number(y), Number(m) - 1, Number(d)))
}

/** A number with the language's separators: „1.234“ / „1,234“. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(tag()).format(n)
}
