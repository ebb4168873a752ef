/**
 * New cards of this screen before they hold any text, and the order cards are drawn in.
 *
 * A new card starts as a draft on this screen alone: it reaches the document this screen writes
 * (the board for a facilitator, the desk for everyone else) with its first character, so no
 * empty card ever reaches the board, the minutes or anyone else's screen, and an editor closed
 * with nothing typed leaves nothing behind.
 *
 * The drawing order must not change when one's own card moves from the desk to the board: the
 * canvas moves a card's element when its place in the list changes, and a moved element loses
 * the focus of the editor inside it (the text typed next went nowhere). So own cards keep the
 * creation time of their desk copy (or draft), the same before and after the server places them.
 */
import * as Y from 'yjs'
import { type Card, type CardColor, FIELD, notesOf } from '../../../shared/board/schema.ts'
import type { Group } from '../../../shared/policy/roles.ts'

export interface Draft {
  id: string
  x: number
  y: number
  color: CardColor
  group: Group | null
  createdAt: number
}

export function draftCard(draft: Draft): Card {
  return {
    id: draft.id,
    text: '',
    x: draft.x,
    y: draft.y,
    color: draft.color,
    createdAt: draft.createdAt,
    authorId: null,
    authorName: null,
    authorRole: null,
    hidden: null,
    editedBy: null,
    editedById: null,
    editedAt: null,
    authorGroup: null,
    enteredBy: null,
    photo: null,
    group: draft.group,
  }
}

/**
 * Sorts cards into a stable drawing order: by creation time, own cards by their desk copy's
 * (which does not change when the server places the card), then by id.
 */
export function inDrawingOrder<T extends { id: string; createdAt: number; mine: boolean }>(
  cards: T[],
  desk: Y.Doc | null,
): T[] {
  const deskNotes = desk ? notesOf(desk) : null
  const created = (card: T) => {
    if (!card.mine || !deskNotes) return card.createdAt
    const deskCard = deskNotes.get(card.id)
    const at = deskCard instanceof Y.Map ? deskCard.get(FIELD.createdAt) : undefined
    return typeof at === 'number' && Number.isFinite(at) ? at : card.createdAt
  }
  return cards
    .map((card) => ({ card, at: created(card) }))
    .sort((a, b) => a.at - b.at || (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0))
    .map(({ card }) => card)
}
