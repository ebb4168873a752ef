/**
 * Projects a participant's desk onto the board. The desk is untrusted data: each changed card
 * is validated and checked against the shared policy (shared/policy/permissions.ts), the
 * server's card records (held, rejected, deleted, hidden: server/moderation/card-ledger.ts) and
 * the quotas, and copied field by field onto the board, with the author taken from the desk's
 * owner as the server knows them now, never from the desk. Refusals are written back into the
 * desk so the participant's screen can say why; held cards are recorded and wait for the reveal
 * or the facilitator's decision. Nothing is inferred from "on the desk but not on the board".
 */
import * as Y from 'yjs'
import { applyTextDiff, type CardAuthor, setCardAuthor } from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { freeSpot } from '../../shared/board/free-spot.ts'
import {
  type CardMap,
  type CardState,
  cardStatesOf,
  FIELD,
  LIMITS,
  type MoveWish,
  movesOf,
  notesOf,
  readCards,
  refusalsOf,
} from '../../shared/board/schema.ts'
import { validateDeskCard } from '../../shared/board/validate-card.ts'
import {
  type Actor,
  type CardFacts,
  mayAddToBoard,
  mayChangeRecordedCard,
  mayCreateCard,
  mayDeleteCard,
  mayEditCard,
  mayMoveCard,
  newCardDestination,
  type Settings,
} from '../../shared/policy/permissions.ts'
import type { ParticipantRole } from '../auth/session-store.ts'
import type { Logger } from '../logger.ts'
import { type CardLedger, type CardRecord, cardStateOf } from '../moderation/card-ledger.ts'
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
 * Puts these held cards of this desk on the board: the reveal of private cards, or an approval.
 * A card refused here (invalid, over a quota) loses its hold unless `keepRefused` (an approval
 * stays in the queue); it stays on the desk with its refusal, like any refused new card. The
 * facilitator decided, so the lock and a closed creation do not stop it. Returns the placed ids.
 */
export function placeHeldCards(
  desk: Room,
  board: Room,
  context: DeskContext,
  cardIds: string[],
  keepRefused: boolean,
): { placed: string[]; refusals: Refusals } {
  const placed: string[] = []
  const refusals: Refusals = new Map()
  const owner = context.owner()
  const { ledger, workshopId } = context
  const mine = (id: string) => {
    const record = ledger.get(workshopId, id)
    return record && owner && record.authorId === owner.participantId ? record : null
  }
  if (!owner || owner.role === 'observer') {
    // Nobody left to write for: the held drafts stay on the desk, out of the count and queue.
    if (!keepRefused) for (const id of cardIds) ledger.release(workshopId, id)
    return { placed, refusals }
  }
  const projection = new Projection(desk.doc, board.doc, context, owner)
  board.doc.transact(() => {
    for (const id of cardIds) {
      const record = mine(id)
      if (!record || (record.state !== 'private' && record.state !== 'approval')) continue
      const reason = storageGuard(() => {
        const refused = projection.place(id, true)
        if (refused !== null && !keepRefused) ledger.release(workshopId, id)
        return refused
      })
      refusals.set(id, reason)
      if (reason === null) placed.push(id)
    }
  }, PROJECTION_ORIGIN)
  recordRefusals(desk.doc, refusals)
  return { placed, refusals }
}

/** The current text of these cards on a desk (for the approval queue). */
export function deskTexts(desk: Y.Doc, cardIds: string[]): Map<string, string> {
  const texts = new Map<string, string>()
  const notes = notesOf(desk)
  for (const id of cardIds) {
    const text = notes.get(id)?.get(FIELD.text)
    if (text instanceof Y.Text) texts.set(id, text.toString())
  }
  return texts
}

/** Writes the owner's card records into the desk's `cardStates`, changing only what differs. */
export function mirrorCardStates(desk: Y.Doc, records: CardRecord[]): void {
  const map = cardStatesOf(desk)
  const wanted = new Map(records.map((r) => [r.cardId, cardStateOf(r)]))
  const same = (a: CardState | undefined, b: CardState) => JSON.stringify(a) === JSON.stringify(b)
  const stale = [...map.keys()].filter((id) => !wanted.has(id))
  const changed = [...wanted].filter(([id, state]) => !same(map.get(id), state))
  if (stale.length === 0 && changed.length === 0) return
  desk.transact(() => {
    for (const id of stale) map.delete(id)
    for (const [id, state] of changed) map.set(id, state)
  }, PROJECTION_ORIGIN)
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
  const projection = new Projection(desk, board, context, owner)
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

/** One projection pass of one desk: the rules applied card by card, inside a board transaction. */
class Projection {
  private readonly actor: Actor
  private readonly author: CardAuthor
  private readonly settings: Settings
  private readonly deskNotes: Y.Map<CardMap>
  private readonly boardNotes: Y.Map<CardMap>
  private ownOnBoard: number | null = null

  constructor(
    private readonly desk: Y.Doc,
    private readonly board: Y.Doc,
    private readonly context: DeskContext,
    owner: DeskOwner,
  ) {
    // A desk is the participants' channel: whoever owns it, its cards follow participant rules.
    this.actor = { participantId: owner.participantId, role: owner.role, isFacilitator: false }
    this.author = { authorId: owner.participantId, authorName: owner.name, authorRole: owner.role }
    this.settings = readFacilitation(board)
    this.deskNotes = notesOf(desk)
    this.boardNotes = notesOf(board)
  }

  /** A desk card was created or changed. */
  change(id: string, fields: Dirty): string | null {
    const { ledger, workshopId } = this.context
    const record = ledger.get(workshopId, id)
    if (record) {
      if (record.authorId !== this.actor.participantId) return 'not-your-card'
      const verdict = mayChangeRecordedCard(record.state)
      if (verdict !== 'held') return verdict.ok ? null : verdict.reason
      // Private writing ended without its reveal reaching this card (a crash in between): the
      // card takes the reveal's path now instead of staying stranded.
      if (record.state === 'private' && !this.settings.privateWriting) {
        const reason = this.place(id, true)
        if (reason !== null) ledger.release(workshopId, id)
        return reason
      }
      return this.check(id)
    }
    const boardCard = this.boardNotes.get(id)
    if (boardCard) {
      const may = mayEditCard(this.actor, factsOf(boardCard), this.settings)
      if (!may.ok) return may.reason
      return this.update(id, fields, boardCard)
    }
    const may = mayCreateCard(this.actor, this.settings)
    if (!may.ok) return may.reason
    const destination = newCardDestination(this.actor, this.settings)
    if (destination === 'board') return this.place(id, false)
    const invalid = this.check(id)
    if (invalid) return invalid
    ledger.hold(workshopId, id, this.actor.participantId, destination)
    return null
  }

  /** A desk card was deleted: the author withdraws a held card, or deletes their board card. */
  remove(id: string): string | null {
    const { ledger, workshopId } = this.context
    const record = ledger.get(workshopId, id)
    if (record && record.authorId === this.actor.participantId) {
      // Tombstones stay: a desk cannot erase the moderation record (ledger.release refuses).
      if (ledger.release(workshopId, id)) return null
      return record.state === 'hidden' ? 'card-hidden' : null
    }
    const boardCard = this.boardNotes.get(id)
    if (!boardCard || boardCard.get(FIELD.authorId) !== this.actor.participantId) return null
    const may = mayDeleteCard(this.actor, factsOf(boardCard), this.settings)
    if (!may.ok) return may.reason
    this.boardNotes.delete(id)
    return null
  }

  /** A wish to move a board card; undefined when there is nothing to say. */
  move(id: string): string | null | undefined {
    const wish = movesOf(this.desk).get(id)
    const boardCard = this.boardNotes.get(id)
    if (!wish || !boardCard) return undefined
    const may = mayMoveCard(this.actor, factsOf(boardCard), this.settings)
    if (!may.ok) return may.reason
    if (!isPosition(wish)) return 'bad-coordinate'
    boardCard.set(FIELD.x, Math.round(wish.x))
    boardCard.set(FIELD.y, Math.round(wish.y))
    return null
  }

  /** Validation and the desk's own quota, before a card is held or placed. */
  private check(id: string): string | null {
    const check = validateDeskCard(id, this.deskNotes.get(id))
    if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
    if (this.deskNotes.size > LIMITS.deskCards) return 'desk-full'
    return null
  }

  /**
   * Creates the desk card on the board, ending its hold if it had one. Cards written privately
   * were placed without seeing each other: a reveal spreads them out.
   */
  place(id: string, reveal: boolean): string | null {
    const invalid = this.check(id)
    if (invalid) return invalid
    if (this.boardNotes.has(id)) return 'not-your-card'
    if (this.ownOnBoard === null) {
      let own = 0
      this.boardNotes.forEach((card) => {
        if (card instanceof Y.Map && card.get(FIELD.authorId) === this.actor.participantId) own++
      })
      this.ownOnBoard = own
    }
    const room = mayAddToBoard(this.ownOnBoard, this.boardNotes.size)
    if (!room.ok) return room.reason
    // The record goes first: if SQLite refuses, the card is not on the board either.
    this.context.ledger.release(this.context.workshopId, id)
    const deskCard = this.deskNotes.get(id) as CardMap
    const card: CardMap = new Y.Map()
    card.set(FIELD.text, new Y.Text((deskCard.get(FIELD.text) as Y.Text).toString()))
    const wanted = { x: deskCard.get(FIELD.x) as number, y: deskCard.get(FIELD.y) as number }
    const spot = reveal ? freeSpot(wanted, readCards(this.board)) : wanted
    card.set(FIELD.x, spot.x)
    card.set(FIELD.y, spot.y)
    card.set(FIELD.color, deskCard.get(FIELD.color))
    card.set(FIELD.createdAt, (this.context.now ?? Date.now)())
    setCardAuthor(card, this.author)
    this.boardNotes.set(id, card)
    this.ownOnBoard += 1
    return null
  }

  private update(id: string, fields: Dirty, boardCard: CardMap): string | null {
    const deskCard = this.deskNotes.get(id) as CardMap
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
}

/**
 * A record SQLite cannot write (a full disk) refuses that one card, for now, instead of failing
 * the desk room: the participant sees why, and the card's next change tries again.
 */
function storageGuard(project: () => string | null): string | null {
  try {
    return project()
  } catch (err) {
    if (err instanceof Error && err.name === 'SqliteError') return 'storage-failing'
    throw err
  }
}

function factsOf(card: CardMap): CardFacts {
  const authorId = card.get(FIELD.authorId)
  return { authorId: typeof authorId === 'string' ? authorId : null, hidden: Boolean(card.get(FIELD.hidden)) }
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
