/**
 * Watches the board for the two facilitator acts that change a participant card's server record
 * without going through an HTTP route: deleting (or replacing) someone else's card from a
 * facilitator's connection, which leaves a `deleted` tombstone for its author, and switching
 * private writing off, which must reveal the held private cards (nothing may stay stranded).
 */
import type * as Y from 'yjs'
import { facilitationOf, readFacilitation } from '../../shared/board/facilitation.ts'
import { type CardMap, FIELD, notesOf } from '../../shared/board/schema.ts'
import { ClientConnection } from './client-connection.ts'
import type { Room } from './room.ts'

export interface BoardRecordHooks {
  /** A facilitator's connection removed these cards of other authors (one transaction's worth). */
  cardsDeleted(cards: { cardId: string; authorId: string }[], by: string): void
  /** Private writing is off now (switched off, a phase, or a board loaded that way). */
  privateWritingOff(): void
}

/**
 * The author of a card that this very transaction deleted or replaced. Yjs marks the deleted
 * card's fields deleted before observers run (so `get` answers undefined) but keeps their content
 * until the transaction's garbage collection, after the observers: read the stored item.
 */
function authorOfRemoved(card: unknown): string | null {
  const map = card as CardMap | undefined
  const item = map?._map?.get(FIELD.authorId)
  const value = item?.content.getContent()[0]
  return typeof value === 'string' ? value : null
}

export function attachBoardRecords(board: Room, hooks: BoardRecordHooks): () => void {
  // Attached as the room loads, before its document is built; the build's origin is no connection.
  const notes = notesOf(board.unbuiltDoc)
  const facilitation = facilitationOf(board.unbuiltDoc)

  const onNotes = (event: Y.YMapEvent<CardMap>, transaction: Y.Transaction) => {
    const origin = transaction.origin
    if (!(origin instanceof ClientConnection)) return
    const removed: { cardId: string; authorId: string }[] = []
    for (const [cardId, change] of event.changes.keys) {
      if (change.action === 'add') continue
      const authorId = authorOfRemoved(change.oldValue)
      if (authorId && authorId !== origin.identity.participantId) removed.push({ cardId, authorId })
    }
    if (removed.length > 0) hooks.cardsDeleted(removed, origin.identity.name)
  }
  const onFacilitation = (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has('privateWriting')) return
    if (!readFacilitation(board.unbuiltDoc).privateWriting) hooks.privateWritingOff()
  }
  notes.observe(onNotes)
  facilitation.observe(onFacilitation)
  return () => {
    notes.unobserve(onNotes)
    facilitation.unobserve(onFacilitation)
  }
}
