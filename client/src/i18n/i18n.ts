/** The UI language: German by default, English on request, remembered in this browser. */
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
  return { locale, setLocaleSignal, t }
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

/** A refusal code from the server ("text-too-long", "unknown-field:x") in the reader's words. */
export function refusalText(code: string): string {
  const [reason = code] = code.split(':')
  const words = (locale() === 'en' ? en : de).refusals as Record<string, string>
  return words[reason] ?? reason
}

/** A server error code ("joining-closed") in the reader's words, or null when the UI has none. */
export function errorText(code: string): string | null {
  const words = (locale() === 'en' ? en : de).errors as Record<string, string>
  return words[code] ?? null
}

document.documentElement.lang = locale()
