/**
 * What the polite live region says about cards other people put on the board: one sentence per
 * batch, at most one batch every few seconds, so a room of sixty writing at once does not drown a
 * screen reader user's own work. A card is said once it has text (new cards start empty while
 * their author types); one still empty after a while is dropped rather than held forever.
 */

export interface AnnouncedCard {
  id: string
  text: string
  mine: boolean
  pending: boolean
  hidden: unknown
  authorName: string | null
}

export interface Batch {
  count: number
  /** The newest card's author, when authors are shown. */
  author: string | null
  /** The newest card's text, cut short. */
  text: string
}

const TEXT_MAX = 100
/** How long a new card may stay empty before it is no longer waited for. */
export const EMPTY_WAIT_MS = 30_000

export function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > TEXT_MAX ? `${flat.slice(0, TEXT_MAX - 1)}…` : flat
}

/**
 * Keeps the cards seen so far. `seen` is every id already known (never announced again);
 * `waiting` the new cards of others not yet said, with when they were first seen.
 */
export function createCardAnnouncements() {
  const seen = new Set<string>()
  const waiting = new Map<string, number>()
  let primed = false
  return {
    /** Notes the cards as they are now; the first call only learns what is already there. */
    observe(cards: readonly AnnouncedCard[], now: number): void {
      for (const card of cards) {
        if (seen.has(card.id)) continue
        seen.add(card.id)
        if (primed && !card.mine && !card.pending && !card.hidden) waiting.set(card.id, now)
      }
      primed = true
    },
    /** The batch to say now (and forgets it), or null when no waiting card has text yet. */
    take(cards: readonly AnnouncedCard[], now: number, showAuthors: boolean): Batch | null {
      const byId = new Map(cards.map((c) => [c.id, c]))
      const ready: AnnouncedCard[] = []
      for (const [id, since] of waiting) {
        const card = byId.get(id)
        if (!card || card.hidden) waiting.delete(id)
        else if (card.text.trim() !== '') {
          ready.push(card)
          waiting.delete(id)
        } else if (now - since > EMPTY_WAIT_MS) waiting.delete(id)
      }
      const last = ready.at(-1)
      if (!last) return null
      return {
        count: ready.length,
        author: showAuthors ? (last.authorName ?? null) : null,
        text: shortText(last.text),
      }
    },
  }
}
