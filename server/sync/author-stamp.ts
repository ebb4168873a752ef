/**
 * Facilitators write the board directly; the server still records who wrote each new card.
 * Cards a facilitator's connection adds get the author fields from that connection, so the
 * minutes never depend on what a client claimed.
 */
import type * as Y from 'yjs'
import { setCardAuthor } from '../../shared/board/card-ops.ts'
import { type CardMap, FIELD, notesOf } from '../../shared/board/schema.ts'
import { ClientConnection } from './client-connection.ts'
import { PROJECTION_ORIGIN } from './desk-projection.ts'
import type { Room } from './room.ts'

export function attachAuthorStamp(board: Room): () => void {
  // Attached as the room loads, before its document is built; the build's origin is no connection.
  const notes = notesOf(board.unbuiltDoc)
  const handler = (event: Y.YMapEvent<CardMap>, transaction: Y.Transaction) => {
    const origin = transaction.origin
    if (!(origin instanceof ClientConnection)) return
    const added = [...event.changes.keys].filter(([, change]) => change.action === 'add').map(([id]) => id)
    if (added.length === 0) return
    board.doc.transact(() => {
      for (const id of added) {
        const card = notes.get(id)
        if (!card || typeof card.set !== 'function') continue
        if (card.get(FIELD.authorId) === origin.identity.participantId) continue
        setCardAuthor(card, {
          authorId: origin.identity.participantId,
          authorName: origin.identity.name,
          authorRole: origin.identity.role,
        })
      }
    }, PROJECTION_ORIGIN)
  }
  notes.observe(handler)
  return () => notes.unobserve(handler)
}
