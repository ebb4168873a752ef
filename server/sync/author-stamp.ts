/**
 * Facilitators write the board directly; the server still records who wrote each card and who
 * changed someone else's text. Cards a facilitator's connection adds (or replaces) get the author
 * fields and the group they count for (none, for facilitation) from that connection; when it changes the text of a card someone else wrote, the card
 * gets the edit record (editedBy, editedById, editedAt). Both in the server's own transaction: a
 * peer's update may not write these fields (see SERVER_CARD_FIELDS), so the minutes never depend
 * on what a client claimed.
 */
import type * as Y from 'yjs'
import { recordCardEdit, setCardAuthor, setCardProvenance } from '../../shared/board/card-ops.ts'
import { type CardMap, FIELD, notesOf } from '../../shared/board/schema.ts'
import { groupOf, isRole } from '../../shared/policy/roles.ts'
import { ClientConnection } from './client-connection.ts'
import { PROJECTION_ORIGIN } from './desk-projection.ts'
import type { Room } from './room.ts'

// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types deep events this way.
type DeepEvent = Y.YEvent<any>

export function attachAuthorStamp(board: Room, now: () => number = Date.now): () => void {
  // Attached as the room loads, before its document is built; the build's origin is no connection.
  const notes = notesOf(board.unbuiltDoc)
  const handler = (events: DeepEvent[], transaction: Y.Transaction) => {
    const origin = transaction.origin
    if (!(origin instanceof ClientConnection)) return
    const { created, edited } = changedCards(events, notes)
    if (created.size === 0 && edited.size === 0) return
    const editor = origin.identity
    board.doc.transact(() => {
      for (const id of created) {
        const card = notes.get(id)
        if (!card || typeof card.set !== 'function') continue
        if (card.get(FIELD.authorId) === editor.participantId) continue
        setCardAuthor(card, {
          authorId: editor.participantId,
          authorName: editor.name,
          authorRole: editor.role,
        })
        // A facilitator's card counts for no group (groupOf), and nobody entered it for anyone.
        setCardProvenance(card, {
          authorGroup: isRole(editor.role) ? groupOf(editor.role) : null,
          enteredBy: null,
        })
      }
      for (const id of edited) {
        const card = notes.get(id)
        if (!card || typeof card.set !== 'function' || created.has(id)) continue
        if (card.get(FIELD.authorId) === editor.participantId) continue
        recordCardEdit(card, { editedBy: editor.name, editedById: editor.participantId }, now())
      }
    }, PROJECTION_ORIGIN)
  }
  notes.observeDeep(handler)
  return () => notes.unobserveDeep(handler)
}

/**
 * Cards a transaction added or replaced, and cards whose text it changed (typing into the text,
 * or a new text in its place).
 */
function changedCards(
  events: DeepEvent[],
  notes: Y.Map<CardMap>,
): { created: Set<string>; edited: Set<string> } {
  const created = new Set<string>()
  const edited = new Set<string>()
  for (const event of events) {
    if (event.target === notes) {
      for (const [id, change] of event.changes.keys) if (change.action !== 'delete') created.add(id)
      continue
    }
    const path = event.path
    const id = path[0]
    if (typeof id !== 'string') continue
    if (path.length === 1 ? event.keys.has(FIELD.text) : path[1] === FIELD.text) edited.add(id)
  }
  return { created, edited }
}
