/**
 * A status or error line that follows the language switch: it keeps how to say the message
 * (`() => t('…')`), not the words of the moment, so a line written in German reads in English
 * after switching (and back).
 */
import { type Accessor, createSignal } from 'solid-js'

/** What a line is set to: words to say again in the current language, plain text, or nothing. */
export type LiveText = (() => string) | string | null

export function createLiveText(): [Accessor<string | null>, (next: LiveText) => void] {
  const [say, setSay] = createSignal<() => string | null>(() => null)
  const text = () => say()()
  const set = (next: LiveText) => {
    // Wrapped once more: a function given to a Solid setter would be taken as an updater.
    const words = typeof next === 'function' ? next : () => next
    setSay(() => words)
  }
  return [text, set]
}
