/**
 * The UI language: German by default, English on request, switchable at any moment (everything
 * on screen is a reactive read of `t`), remembered in this browser (localStorage). Plural forms
 * follow Intl.PluralRules (`{ one, other }` entries, read with `tn`), numbers and dates
 * Intl formats (format.ts).
 */
import * as i18n from '@solid-primitives/i18n'
import { createMemo, createRoot, createSignal } from 'solid-js'
import { de } from './de.ts'
import { en } from './en.ts'

export type Locale = 'de' | 'en'
const STORAGE_KEY = 'rw-locale'

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    if (stored === 'de' || stored === 'en') return stored
  } catch {
    // Storage may be blocked; German is the default.
  }
  return 'de'
}

const state = createRoot(() => {
  const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale())
  const dict = createMemo(() => i18n.flatten(locale() === 'en' ? en : de))
  const t = i18n.translator(dict, i18n.resolveTemplate)
  const plurals = createMemo(() => new Intl.PluralRules(locale() === 'en' ? 'en-GB' : 'de-DE'))
  return { locale, setLocaleSignal, t, dict, plurals }
})

export const locale = state.locale
export const t = state.t

export function setLocale(next: Locale): void {
  state.setLocaleSignal(next)
  document.documentElement.lang = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Not remembered; still switched.
  }
}

type Params = Record<string, string | number>
type Words = Record<string, unknown>

/** The words of a dictionary branch in the current language (`errors`, `refusals`, …). */
function branch(name: 'errors' | 'refusals' | 'closeReasons' | 'voteErrors'): Record<string, string> {
  return (locale() === 'en' ? en : de)[name] as Record<string, string>
}

/**
 * A plural entry (`{ one, other }`) for `n` in the current language: the form Intl.PluralRules
 * picks, `other` where the language has no own form. `count` is filled in, besides `params`.
 */
export function tn(key: string, n: number, params: Params = {}): string {
  const words = state.dict() as Words
  const form = state.plurals().select(n)
  const template = (words[`${key}.${form}`] ?? words[`${key}.other`]) as string | undefined
  if (template === undefined) return key
  return i18n.resolveTemplate(template, { count: String(n), ...params })
}

/** „1 Karte“, „2 Karten“: a number of things in words (`counts` in the dictionaries). */
export function countOf(thing: 'cards' | 'points' | 'people' | 'guests' | 'suggestions', n: number): string {
  return tn(`counts.${thing}`, n)
}

/** A refusal code from the server ("text-too-long", "unknown-field:x") in the reader's words. */
export function refusalText(code: string): string {
  const [reason = code] = code.split(':')
  return branch('refusals')[reason] ?? reason
}

/**
 * A server error code ("joining-closed") in the reader's words, or null when the UI has none.
 * A card placement refusal (`409` on approval) reads as the refusal.
 */
export function errorText(code: string): string | null {
  const words = branch('errors')[code]
  if (words) return words
  const [reason = code] = code.split(':')
  const refusal = branch('refusals')[reason]
  return refusal ? (t('board.refused', { reason: refusal }) ?? refusal) : null
}

/** Why the sync socket was closed, in the reader's words, or null for a reason the UI lacks. */
export function closeReasonText(reason: string): string | null {
  return branch('closeReasons')[reason] ?? null
}

/** A refused ballot in the reader's words: a vote's `403 forbidden` names who votes. */
export function voteErrorWords(code: string): string | null {
  return branch('voteErrors')[code] ?? errorText(code)
}

document.documentElement.lang = locale()
