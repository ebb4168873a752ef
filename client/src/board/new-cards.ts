/**
 * New cards of this screen before they hold any text, and the order cards are drawn in.
 *
 * A new card starts as a draft on this screen alone: it reaches the document this screen writes
 * (the board for a facilitator, the desk for everyone else) with its first character, so no
 * empty card ever reaches the board, the minutes or anyone else's screen, and an editor closed
 * with nothing typed leaves nothing behind.
 *
 * A draft has the creation time its desk copy will have, so it keeps its place in the drawing
 * order (card-views.ts `drawAt`) when it becomes a card.
 */
import type { Card, CardColor } from '../../../shared/board/schema.ts'
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
