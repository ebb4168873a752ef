/**
 * Card operations on a board or desk document. Each runs in one Yjs transaction so that
 * peers never see half a card.
 */
import * as Y from 'yjs'
import type { Group } from '../policy/roles.ts'
import { type CardColor, type CardMap, FIELD, LIMITS, notesOf } from './schema.ts'

export interface NewCard {
  text: string
  x: number
  y: number
  color: CardColor
  /** An assistant's desk card: the group of the person it is entered for. */
  group?: Group
}

/** Whose voice a board card counts for, and which assistant entered it (server-written). */
export interface CardProvenance {
  authorGroup: Group | null
  enteredBy: string | null
}

/** A facilitator who changed the text of a card someone else wrote. */
export interface CardEditor {
  editedBy: string
  editedById: string
}

/**
 * One editor typing on keeps the time of their first keystroke for this long: the minutes show
 * the minute, and a keystroke need not rewrite the record each time.
 */
export const EDIT_RECORD_REFRESH_MS = 60_000

export interface CardAuthor {
  authorId: string
  authorName: string
  authorRole: string
}

function clampCoordinate(value: number): number {
  return Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, Math.round(value)))
}

/**
 * A new card as a client writes it: never the author fields, the hidden mark or the edit record.
 * On the board only the server writes those (an update carrying one is refused), on a desk they
 * make the card invalid.
 */
export function addCard(doc: Y.Doc, id: string, card: NewCard, now = Date.now()): void {
  doc.transact(() => {
    const map: CardMap = new Y.Map()
    map.set(FIELD.text, new Y.Text(card.text.slice(0, LIMITS.textLength)))
    map.set(FIELD.x, clampCoordinate(card.x))
    map.set(FIELD.y, clampCoordinate(card.y))
    map.set(FIELD.color, card.color)
    map.set(FIELD.createdAt, now)
    if (card.group) map.set(FIELD.group, card.group)
    notesOf(doc).set(id, map)
  })
}

export function moveCard(doc: Y.Doc, id: string, x: number, y: number): void {
  const map = notesOf(doc).get(id)
  if (!map) return
  doc.transact(() => {
    map.set(FIELD.x, clampCoordinate(x))
    map.set(FIELD.y, clampCoordinate(y))
  })
}

export function recolorCard(doc: Y.Doc, id: string, color: CardColor): void {
  notesOf(doc).get(id)?.set(FIELD.color, color)
}

export function deleteCard(doc: Y.Doc, id: string): void {
  notesOf(doc).delete(id)
}

/**
 * Replaces a card's text with the smallest edit (common prefix and suffix kept), so that
 * concurrent edits elsewhere in the text survive.
 */
export function setCardText(doc: Y.Doc, id: string, next: string): void {
  const map = notesOf(doc).get(id)
  const text = map?.get(FIELD.text)
  if (!(text instanceof Y.Text)) return
  applyTextDiff(text, next.slice(0, LIMITS.textLength))
}

export function applyTextDiff(text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  const maxStart = Math.min(current.length, next.length)
  while (start < maxStart && current[start] === next[start]) start++
  let endCurrent = current.length
  let endNext = next.length
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
    endCurrent--
    endNext--
  }
  const apply = () => {
    if (endCurrent > start) text.delete(start, endCurrent - start)
    if (endNext > start) text.insert(start, next.slice(start, endNext))
  }
  if (text.doc) text.doc.transact(apply)
  else apply()
}

export function setCardAuthor(map: CardMap, author: CardAuthor): void {
  map.set(FIELD.authorId, author.authorId)
  map.set(FIELD.authorName, author.authorName)
  map.set(FIELD.authorRole, author.authorRole)
}

/**
 * The server's record of the group a card counts for (every board card has the field, null for
 * facilitation) and who entered it; writes only what differs.
 */
export function setCardProvenance(map: CardMap, provenance: CardProvenance): void {
  if (!map.has(FIELD.authorGroup) || map.get(FIELD.authorGroup) !== provenance.authorGroup)
    map.set(FIELD.authorGroup, provenance.authorGroup)
  if (provenance.enteredBy === null) {
    if (map.has(FIELD.enteredBy)) map.delete(FIELD.enteredBy)
  } else if (map.get(FIELD.enteredBy) !== provenance.enteredBy) map.set(FIELD.enteredBy, provenance.enteredBy)
}

/** Sets an assistant's card's group on a desk (absent: the assistant's own card). */
export function setCardGroup(doc: Y.Doc, id: string, group: Group | null): void {
  const map = notesOf(doc).get(id)
  if (!map) return
  if (group === null) map.delete(FIELD.group)
  else if (map.get(FIELD.group) !== group) map.set(FIELD.group, group)
}

/**
 * Records that `editor` changed the card's text (the server does, never a client: these fields
 * are the server's on the board). The record names the last editor; its time is refreshed when
 * another editor edits or EDIT_RECORD_REFRESH_MS have passed.
 */
export function recordCardEdit(map: CardMap, editor: CardEditor, now = Date.now()): void {
  const sameEditor = map.get(FIELD.editedById) === editor.editedById
  const at = map.get(FIELD.editedAt)
  if (sameEditor && typeof at === 'number' && now - at < EDIT_RECORD_REFRESH_MS) return
  if (!sameEditor) {
    map.set(FIELD.editedById, editor.editedById)
    map.set(FIELD.editedBy, editor.editedBy)
  } else if (map.get(FIELD.editedBy) !== editor.editedBy) map.set(FIELD.editedBy, editor.editedBy)
  map.set(FIELD.editedAt, now)
}
