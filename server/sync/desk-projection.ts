/**
 * Projects a participant's desk onto the board. The desk is untrusted data: each changed card
 * is checked by the desk card rules (desk-card-rules.ts: the shared policy, the server's card
 * records, validation, quotas) and copied field by field onto the board, with the author taken
 * from the desk's owner as the server knows them now, never from the desk. Refusals are written
 * back into the desk so the participant's screen can say why; held cards are recorded and wait
 * for the reveal or the facilitator's decision (held-cards.ts). Nothing is inferred from "on the
 * desk but not on the board".
 */
import * as Y from 'yjs'
import {
  type CardMap,
  FIELD,
  type MoveWish,
  movesOf,
  notesOf,
  refusalsOf,
} from '../../shared/board/schema.ts'
import type { ParticipantRole } from '../auth/session-store.ts'
import type { Logger } from '../logger.ts'
import type { CardLedger } from '../moderation/card-ledger.ts'
import { DeskCardRules } from './desk-card-rules.ts'
import type { Room } from './room.ts'

/** Transaction origin of the server's own writes to board and desk. */
export const PROJECTION_ORIGIN = Symbol('desk-projection')

export interface DeskOwner {
  participantId: string
  name: string
  role: ParticipantRole
}

export interface DeskContext {
  workshopId: string
  /** The desk's owner as the server knows them now; null once removed. */
  owner: () => DeskOwner | null
  ledger: CardLedger
  now?: () => number
}

export type Dirty = 'all' | Set<string>
export type Refusals = Map<string, string | null>

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

function project(desk: Y.Doc, board: Y.Doc, change: Change, context: DeskContext): Refusals {
  const refusals: Refusals = new Map()
  const owner = context.owner()
  if (!owner || owner.role === 'observer') return refusals
  const projection = new DeskCardRules(desk, board, context, owner)
  board.transact(() => {
    for (const [id, fields] of change.cards) {
      if (notesOf(desk).has(id))
        refusals.set(
          id,
          storageGuard(() => projection.change(id, fields)),
        )
    }
    for (const id of change.removed)
      refusals.set(
        id,
        storageGuard(() => projection.remove(id)),
      )
    for (const id of change.moves) {
      const reason = projection.move(id)
      if (reason !== undefined) refusals.set(id, reason)
    }
  }, PROJECTION_ORIGIN)
  return refusals
}

/**
 * A record SQLite cannot write (a full disk) refuses that one card, for now, instead of failing
 * the desk room: the participant sees why, and the card's next change tries again.
 */
export function storageGuard(project: () => string | null): string | null {
  try {
    return project()
  } catch (err) {
    if (err instanceof Error && err.name === 'SqliteError') return 'storage-failing'
    throw err
  }
}

export function recordRefusals(desk: Y.Doc, refusals: Refusals): void {
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
