/**
 * Edits that take personal data out of a board or desk document (a room's or a snapshot's): a
 * hidden card's text, a person's name on their cards, a person's cards. Each is one transaction
 * on a garbage-collecting Y.Doc, so the removed content is gone from the document's encoding
 * (Yjs keeps only the length of deleted text), not merely marked deleted.
 */
import * as Y from 'yjs'
import { handsOf, readHands, writeHands } from '../../shared/board/hands.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'

export interface HiddenCard {
  cardId: string
  reason: string
  by: string
  at: number
}

/** Loads a stored state into a doc that forgets deleted content. */
export function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  Y.applyUpdate(doc, state)
  return doc
}

function clearText(card: Y.Map<unknown>): boolean {
  const text = card.get(FIELD.text)
  if (text instanceof Y.Text) {
    if (text.length === 0) return false
    text.delete(0, text.length)
    return true
  }
  if (typeof text === 'string' && text !== '') {
    card.set(FIELD.text, '')
    return true
  }
  return false
}

/**
 * Empties the text of each hidden card; on a board (not a desk) a card taken before its hiding
 * also gets the hidden mark, so minutes of an older snapshot say it was hidden, and why.
 */
export function eraseHiddenTexts(doc: Y.Doc, cards: readonly HiddenCard[], markHidden: boolean): number {
  let changed = 0
  doc.transact(() => {
    const notes = notesOf(doc)
    for (const hidden of cards) {
      const card = notes.get(hidden.cardId) as Y.Map<unknown> | undefined
      if (!card) continue
      let touched = clearText(card)
      if (markHidden && !card.get(FIELD.hidden)) {
        card.set(FIELD.hidden, { reason: hidden.reason, by: hidden.by, at: hidden.at })
        touched = true
      }
      if (touched) changed++
    }
  })
  return changed
}

/**
 * Replaces the names of the given participants (id → pseudonym) on every card they wrote or
 * edited; a card entered for them by an assistant keeps the assistant unless that is one of them.
 */
export function pseudonymiseNames(doc: Y.Doc, pseudonyms: ReadonlyMap<string, string>): number {
  let changed = 0
  doc.transact(() => {
    for (const card of notesOf(doc).values()) {
      const map = card as Y.Map<unknown>
      let touched = false
      const authorId = map.get(FIELD.authorId)
      const author = typeof authorId === 'string' ? pseudonyms.get(authorId) : undefined
      if (author !== undefined && map.get(FIELD.authorName) !== author) {
        map.set(FIELD.authorName, author)
        touched = true
      }
      const editorId = map.get(FIELD.editedById)
      const editor = typeof editorId === 'string' ? pseudonyms.get(editorId) : undefined
      if (editor !== undefined && map.get(FIELD.editedBy) !== editor) {
        map.set(FIELD.editedBy, editor)
        touched = true
      }
      if (touched) changed++
    }
    // Raised hands and the speaker carry names too.
    if (handsOf(doc).size === 0) return
    const hands = readHands(doc)
    const named = <T extends { participantId: string | null; name: string }>(e: T): T => {
      const pseudonym = e.participantId ? pseudonyms.get(e.participantId) : undefined
      return pseudonym !== undefined && pseudonym !== e.name ? { ...e, name: pseudonym } : e
    }
    const queue = hands.queue.map(named)
    const speaker = hands.speaker ? named(hands.speaker) : null
    if (queue.some((e, i) => e !== hands.queue[i]) || speaker !== hands.speaker) {
      writeHands(doc, { queue, speaker })
      changed++
    }
  })
  return changed
}

/** Removes every card the participant wrote; their ids, for the records and photos. */
export function removeCardsOf(doc: Y.Doc, participantId: string): string[] {
  const removed: string[] = []
  doc.transact(() => {
    const notes = notesOf(doc)
    for (const [id, card] of [...notes.entries()]) {
      if ((card as Y.Map<unknown>).get(FIELD.authorId) !== participantId) continue
      notes.delete(id)
      removed.push(id)
    }
  })
  return removed
}

/** Cards the participant wrote (their ids). */
export function cardsOf(doc: Y.Doc, participantId: string): string[] {
  const ids: string[] = []
  for (const [id, card] of notesOf(doc).entries())
    if ((card as Y.Map<unknown>).get(FIELD.authorId) === participantId) ids.push(id)
  return ids
}
