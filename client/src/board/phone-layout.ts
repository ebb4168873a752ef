/**
 * Whether the board is laid out for a phone (the screen is narrower than the desktop's sidebar
 * and canvas side by side), and which of the phone's views is shown. One media query, read by
 * the tab bar, the card editor and the vote list so they agree with phone.css.
 */
import { type Accessor, createRoot, createSignal } from 'solid-js'

/** Keep in step with the width in phone.css. */
export const PHONE_QUERY = '(max-width: 700px)'

export const isPhone: Accessor<boolean> = createRoot(() => {
  // No window outside a browser (a unit test importing a component): the desktop layout.
  const query =
    typeof window !== 'undefined' && typeof window.matchMedia === 'function'
      ? window.matchMedia(PHONE_QUERY)
      : null
  const [matches, setMatches] = createSignal(query?.matches ?? false)
  query?.addEventListener('change', (e) => setMatches(e.matches))
  return matches
})

/**
 * The phone's views of the board; the desktop shows them all at once. `cards` is one's own
 * cards; in its place an assistant has `entry` (paper cards, paper dots, hands for people in the
 * room) and a facilitator `facilitate` (the facilitator's panels).
 */
export type PhoneTab = 'board' | 'cards' | 'entry' | 'facilitate' | 'vote' | 'measures' | 'people'

export function createPhoneTabs(initial: PhoneTab = 'board') {
  const [tab, setTab] = createSignal<PhoneTab>(initial)
  return { tab, setTab }
}

export type PhoneTabs = ReturnType<typeof createPhoneTabs>
