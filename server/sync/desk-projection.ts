/**
 * Projects a participant's desk onto the board. The desk is untrusted data: each changed card
 * is validated, checked for ownership and copied field by field onto the board, with the
 * author taken from the desk's owner (the authenticated connection), never from the desk.
 * Refusals are written back into the desk so the participant's screen can say why.
 */
import * as Y from 'yjs'
import { applyTextDiff, type CardAuthor, setCardAuthor } from '../../shared/board/card-ops.ts'
import { type CardMap, FIELD, notesOf, refusalsOf } from '../../shared/board/schema.ts'
import { validateDeskCard } from '../../shared/board/validate-card.ts'
import type { Logger } from '../logger.ts'
import type { Room } from './room.ts'

/** Transaction origin of the server's own writes to board and desk. */
export const PROJECTION_ORIGIN = Symbol('desk-projection')

type Dirty = 'all' | Set<string>

export interface DeskProjectionOptions {
  /** Whether this participant's cards may reach the board now (phase rules, roles). */
  mayPost: () => boolean
  now?: () => number
}

export function attachDeskProjection(
  desk: Room,
  board: Room,
  author: CardAuthor,
  logger: Logger,
  options: DeskProjectionOptions,
): () => void {
  const deskNotes = notesOf(desk.doc)
  const now = options.now ?? Date.now

  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin === PROJECTION_ORIGIN) return
    const dirty = new Map<string, Dirty>()
    const removed = new Set<string>()
    for (const event of events) {
      if (event.target === deskNotes) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'delete') removed.add(key)
          else dirty.set(key, 'all')
        }
        continue
      }
      const cardId = event.path[0]
      if (typeof cardId !== 'string') continue
      const current = dirty.get(cardId)
      if (current === 'all') continue
      const fields = current ?? new Set<string>()
      if (event.target instanceof Y.Text) fields.add(FIELD.text)
      else if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) fields.add(key)
      dirty.set(cardId, fields)
    }
    if (!options.mayPost()) return
    const refusals = new Map<string, string | null>()
    board.doc.transact(() => {
      const boardNotes = notesOf(board.doc)
      for (const [id, fields] of dirty) {
        refusals.set(id, projectCard(id, fields, deskNotes.get(id), boardNotes, author, now))
      }
      for (const id of removed) {
        refusals.set(id, null)
        const boardCard = boardNotes.get(id)
        if (boardCard && boardCard.get(FIELD.authorId) === author.authorId) boardNotes.delete(id)
      }
    }, PROJECTION_ORIGIN)
    recordRefusals(desk.doc, refusals)
    for (const [id, reason] of refusals) {
      if (reason) logger.info({ room: desk.name, card: id, reason }, 'desk card refused')
    }
  }

  deskNotes.observeDeep(handler)
  return () => deskNotes.unobserveDeep(handler)
}

/** Copies one desk card onto the board; returns the refusal reason, or null when accepted. */
function projectCard(
  id: string,
  fields: Dirty,
  deskCard: CardMap | undefined,
  boardNotes: Y.Map<CardMap>,
  author: CardAuthor,
  now: () => number,
): string | null {
  if (!deskCard) return null
  const check = validateDeskCard(id, deskCard)
  if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
  const boardCard = boardNotes.get(id)
  const deskText = (deskCard.get(FIELD.text) as Y.Text).toString()
  if (!boardCard) {
    const card: CardMap = new Y.Map()
    card.set(FIELD.text, new Y.Text(deskText))
    card.set(FIELD.x, deskCard.get(FIELD.x))
    card.set(FIELD.y, deskCard.get(FIELD.y))
    card.set(FIELD.color, deskCard.get(FIELD.color))
    card.set(FIELD.createdAt, now())
    setCardAuthor(card, author)
    boardNotes.set(id, card)
    return null
  }
  if (boardCard.get(FIELD.authorId) !== author.authorId) return 'not-your-card'
  const wants = (field: string) => fields === 'all' || fields.has(field)
  if (wants(FIELD.text)) {
    const text = boardCard.get(FIELD.text)
    if (text instanceof Y.Text) applyTextDiff(text, deskText)
  }
  for (const field of [FIELD.x, FIELD.y, FIELD.color]) {
    if (wants(field) && boardCard.get(field) !== deskCard.get(field))
      boardCard.set(field, deskCard.get(field))
  }
  return null
}

function recordRefusals(desk: Y.Doc, refusals: Map<string, string | null>): void {
  const map = refusalsOf(desk)
  const changes = [...refusals].filter(([id, reason]) => (reason ? map.get(id) !== reason : map.has(id)))
  if (changes.length === 0) return
  desk.transact(() => {
    for (const [id, reason] of changes) {
      if (reason) map.set(id, reason)
      else map.delete(id)
    }
  }, PROJECTION_ORIGIN)
}
