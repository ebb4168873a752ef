/**
 * Projects a participant's desk onto the board. The desk is untrusted data: each changed card
 * is validated, checked for ownership, quotas and the facilitator's settings, and copied field
 * by field onto the board, with the author taken from the desk's owner as the server knows
 * them now, never from the desk. Refusals are written back into the desk so the participant's
 * screen can say why; cards held back by private writing simply wait for the reveal.
 */
import * as Y from 'yjs'
import { applyTextDiff, type CardAuthor, setCardAuthor } from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { freeSpot } from '../../shared/board/free-spot.ts'
import {
  type CardMap,
  FIELD,
  LIMITS,
  type MoveWish,
  movesOf,
  notesOf,
  readCards,
  refusalsOf,
} from '../../shared/board/schema.ts'
import { validateDeskCard } from '../../shared/board/validate-card.ts'
import type { ParticipantRole } from '../auth/session-store.ts'
import type { Logger } from '../logger.ts'
import type { Room } from './room.ts'

/** Transaction origin of the server's own writes to board and desk. */
export const PROJECTION_ORIGIN = Symbol('desk-projection')

export interface DeskOwner {
  participantId: string
  name: string
  role: ParticipantRole
}

export interface DeskContext {
  /** The desk's owner as the server knows them now; null once removed. */
  owner: () => DeskOwner | null
  now?: () => number
}

type Dirty = 'all' | Set<string>
type Refusals = Map<string, string | null>

interface Change {
  cards: Map<string, Dirty>
  removed: Set<string>
  moves: Set<string>
}

export function attachDeskProjection(
  desk: Room,
  board: Room,
  context: DeskContext,
  logger: Logger,
): () => void {
  const deskNotes = notesOf(desk.doc)
  const deskMoves = movesOf(desk.doc)
  const change: Change = { cards: new Map(), removed: new Set(), moves: new Set() }

  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin === PROJECTION_ORIGIN) return
    collectCardChanges(events, deskNotes, change)
  }
  const onMoves = (event: Y.YMapEvent<MoveWish>, transaction: Y.Transaction) => {
    if (transaction.origin === PROJECTION_ORIGIN) return
    for (const key of event.keysChanged) change.moves.add(key)
  }
  // Observers run per type; the projection runs once the whole desk transaction is done.
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === PROJECTION_ORIGIN) return
    if (change.cards.size === 0 && change.removed.size === 0 && change.moves.size === 0) return
    const pending = {
      cards: new Map(change.cards),
      removed: new Set(change.removed),
      moves: new Set(change.moves),
    }
    change.cards.clear()
    change.removed.clear()
    change.moves.clear()
    const refusals = project(desk.doc, board.doc, pending, context)
    recordRefusals(desk.doc, refusals)
    for (const [id, reason] of refusals) {
      if (reason) logger.info({ room: desk.name, card: id, reason }, 'desk card refused')
    }
  }

  deskNotes.observeDeep(onNotes)
  deskMoves.observe(onMoves)
  desk.doc.on('afterTransaction', onAfterTransaction)
  return () => {
    deskNotes.unobserveDeep(onNotes)
    deskMoves.unobserve(onMoves)
    desk.doc.off('afterTransaction', onAfterTransaction)
  }
}

/**
 * Puts every valid card of this desk that is not on the board yet onto it (the reveal), or
 * only `onlyCardId` (an approval).
 */
export function revealDesk(desk: Room, board: Room, context: DeskContext, onlyCardId?: string): number {
  const cards = new Map<string, Dirty>()
  notesOf(desk.doc).forEach((_card, id) => {
    if (!notesOf(board.doc).has(id) && (onlyCardId === undefined || id === onlyCardId)) cards.set(id, 'all')
  })
  const change = { cards, removed: new Set<string>(), moves: new Set<string>() }
  const refusals = project(desk.doc, board.doc, change, context, true)
  recordRefusals(desk.doc, refusals)
  return [...refusals.values()].filter((reason) => reason === null).length
}

/** Cards on this desk that are not on the board: held back for a reveal or an approval. */
export function heldCards(desk: Y.Doc, board: Y.Doc): { id: string; text: string }[] {
  const held: { id: string; text: string }[] = []
  const boardNotes = notesOf(board)
  notesOf(desk).forEach((card, id) => {
    if (boardNotes.has(id) || !(card instanceof Y.Map)) return
    const text = card.get(FIELD.text)
    held.push({ id, text: text instanceof Y.Text ? text.toString() : '' })
  })
  return held
}

function collectCardChanges(
  events: Y.YEvent<Y.AbstractType<unknown>>[],
  deskNotes: Y.Map<CardMap>,
  change: Change,
) {
  for (const event of events) {
    if (event.target === deskNotes) {
      for (const [key, keyChange] of event.changes.keys) {
        if (keyChange.action === 'delete') {
          change.removed.add(key)
          change.cards.delete(key)
        } else {
          change.removed.delete(key)
          change.cards.set(key, 'all')
        }
      }
      continue
    }
    const cardId = event.path[0]
    if (typeof cardId !== 'string') continue
    const current = change.cards.get(cardId)
    if (current === 'all') continue
    const fields = current ?? new Set<string>()
    if (event.target instanceof Y.Text) fields.add(FIELD.text)
    else if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) fields.add(key)
    change.cards.set(cardId, fields)
  }
}

function project(desk: Y.Doc, board: Y.Doc, change: Change, context: DeskContext, reveal = false): Refusals {
  const refusals: Refusals = new Map()
  const owner = context.owner()
  if (!owner || owner.role === 'observer') return refusals
  const author: CardAuthor = { authorId: owner.participantId, authorName: owner.name, authorRole: owner.role }
  const settings = readFacilitation(board)
  const now = context.now ?? Date.now
  const deskNotes = notesOf(desk)
  const boardNotes = notesOf(board)
  board.transact(() => {
    for (const [id, fields] of change.cards) {
      if (settings.locked) {
        refusals.set(id, 'board-locked')
        continue
      }
      const deskCard = deskNotes.get(id)
      if (!deskCard) continue
      const boardCard = boardNotes.get(id)
      if (!boardCard) {
        if (!settings.createCards && !reveal) {
          refusals.set(id, 'creation-closed')
          continue
        }
        // Private writing and the approval queue hold new cards back, without a refusal.
        if ((settings.privateWriting || settings.approval) && !reveal) {
          refusals.set(id, null)
          continue
        }
        refusals.set(id, createCard(id, deskCard, deskNotes.size, boardNotes, author, now, reveal))
        continue
      }
      refusals.set(id, updateCard(id, fields, deskCard, boardCard, author))
    }
    for (const id of change.removed) {
      refusals.set(id, null)
      const boardCard = boardNotes.get(id)
      if (settings.locked || !boardCard || boardCard.get(FIELD.authorId) !== author.authorId) continue
      boardNotes.delete(id)
    }
    const moves = movesOf(desk)
    for (const id of change.moves) {
      const wish = moves.get(id)
      const boardCard = boardNotes.get(id)
      if (!wish || !boardCard) continue
      if (settings.locked) refusals.set(id, 'board-locked')
      else if (!settings.participantMoves && boardCard.get(FIELD.authorId) !== author.authorId) {
        refusals.set(id, 'moves-not-allowed')
      } else if (!isPosition(wish)) refusals.set(id, 'bad-coordinate')
      else {
        boardCard.set(FIELD.x, Math.round(wish.x))
        boardCard.set(FIELD.y, Math.round(wish.y))
        refusals.set(id, null)
      }
    }
  }, PROJECTION_ORIGIN)
  return refusals
}

function isPosition(value: unknown): value is { x: number; y: number } {
  const v = value as { x?: unknown; y?: unknown } | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.x === 'number' &&
    typeof v.y === 'number' &&
    Math.abs(v.x) <= LIMITS.coordinate &&
    Math.abs(v.y) <= LIMITS.coordinate
  )
}

function createCard(
  id: string,
  deskCard: CardMap,
  deskSize: number,
  boardNotes: Y.Map<CardMap>,
  author: CardAuthor,
  now: () => number,
  reveal = false,
): string | null {
  const check = validateDeskCard(id, deskCard)
  if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
  if (deskSize > LIMITS.deskCards) return 'desk-full'
  if (boardNotes.size >= LIMITS.boardCards) return 'board-full'
  const card: CardMap = new Y.Map()
  card.set(FIELD.text, new Y.Text((deskCard.get(FIELD.text) as Y.Text).toString()))
  // Cards written privately were placed without seeing each other: the reveal spreads them out.
  const wanted = { x: deskCard.get(FIELD.x) as number, y: deskCard.get(FIELD.y) as number }
  const place = reveal && boardNotes.doc ? freeSpot(wanted, readCards(boardNotes.doc)) : wanted
  card.set(FIELD.x, place.x)
  card.set(FIELD.y, place.y)
  card.set(FIELD.color, deskCard.get(FIELD.color))
  card.set(FIELD.createdAt, now())
  setCardAuthor(card, author)
  boardNotes.set(id, card)
  return null
}

function updateCard(
  id: string,
  fields: Dirty,
  deskCard: CardMap,
  boardCard: CardMap,
  author: CardAuthor,
): string | null {
  if (boardCard.get(FIELD.authorId) !== author.authorId) return 'not-your-card'
  if (boardCard.get(FIELD.hidden)) return 'card-hidden'
  const check = validateDeskCard(id, deskCard)
  if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
  const wants = (field: string) => fields === 'all' || fields.has(field)
  if (wants(FIELD.text)) {
    const text = boardCard.get(FIELD.text)
    if (text instanceof Y.Text) applyTextDiff(text, (deskCard.get(FIELD.text) as Y.Text).toString())
  }
  for (const field of [FIELD.x, FIELD.y, FIELD.color]) {
    if (wants(field) && boardCard.get(field) !== deskCard.get(field))
      boardCard.set(field, deskCard.get(field))
  }
  return null
}

function recordRefusals(desk: Y.Doc, refusals: Refusals): void {
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
