/**
 * The rooms of a workshop: its board, named by the workshop id, and one desk per participant,
 * `<workshopId>/desk/<participantId>`. A loaded desk keeps the board loaded and projects onto it.
 * This is also the sync layer's facade for the card records (server/moderation/card-ledger.ts):
 * the reveal, the approval queue, and mirroring each record into its author's desk. The ledger
 * answers from memory; the async methods here load the workshop's records first and answer once
 * the record changes they made are committed.
 */
import * as Y from 'yjs'
import { applyTextDiff } from '../../shared/board/card-ops.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'
import type { Logger } from '../logger.ts'
import type { CardLedger, CardRecord } from '../moderation/card-ledger.ts'
import { attachAuthorStamp } from './author-stamp.ts'
import { attachBoardRecords } from './board-records.ts'
import { attachDeskProjection, type DeskContext } from './desk-projection.ts'
import { deskTexts, mirrorCardStates, placeHeldCards } from './held-cards.ts'
import type { Owners } from './owner-lookup.ts'
import type { Room } from './room.ts'
import type { RoomRegistry } from './room-registry.ts'
import type { Approval, Hiding, WaitingCard } from './workshop-sync.ts'

export type { Approval, Hiding, WaitingCard }

export const boardRoomName = (workshopId: string): string => workshopId
export const deskRoomName = (workshopId: string, participantId: string): string =>
  `${workshopId}/desk/${participantId}`

export class WorkshopRooms {
  /** Told of every reveal that put held private cards on the board (the event log listens). */
  onRevealed: (workshopId: string, placed: number) => void = () => {}

  constructor(
    private readonly registry: RoomRegistry,
    readonly owners: Owners,
    private readonly logger: Logger,
    readonly ledger: CardLedger,
  ) {
    // A record changed: a loaded desk shows it at once; a desk loaded later gets it as it loads.
    ledger.onChange((workshopId, authorId) => {
      const desk = this.registry.get(deskRoomName(workshopId, authorId))
      if (desk) mirrorCardStates(desk.doc, ledger.ofAuthor(workshopId, authorId))
    })
  }

  /**
   * Loads what the workshop's rooms answer from memory inside their observers: its card records
   * and its participants (each once).
   */
  async prepare(workshopId: string): Promise<void> {
    await Promise.all([this.ledger.load(workshopId), this.owners.load(workshopId)])
  }

  /** A reference to the workshop's board, loading it (and its records, participants) if needed; `release` it. */
  async openBoard(workshopId: string): Promise<Room> {
    await this.prepare(workshopId)
    return this.registry.acquire(boardRoomName(workshopId), (board) => {
      const detachStamp = attachAuthorStamp(board)
      const detachRecords = attachBoardRecords(board, {
        cardsDeleted: (cards, by) => this.recordDeletions(workshopId, cards, by),
        // After the board's transaction: the reveal writes the board and opens desks.
        privateWritingOff: () => queueMicrotask(() => this.revealSafely(workshopId)),
      })
      return () => {
        detachRecords()
        detachStamp()
      }
    })
  }

  /**
   * A reference to a participant's desk, loading it (and its board) if needed; `release` it. The
   * workshop's card records must be loaded (the desk shows its owner's records as it loads).
   */
  async openDesk(workshopId: string, participantId: string): Promise<Room> {
    const board = await this.openBoard(workshopId)
    try {
      return await this.registry.acquire(deskRoomName(workshopId, participantId), (desk) => {
        // The desk's own reference to the board, for as long as the desk is loaded.
        const projected = this.registry.hold(board.name)
        const detach = attachDeskProjection(
          desk,
          projected,
          this.deskContext(workshopId, participantId),
          this.logger,
        )
        mirrorCardStates(desk.doc, this.ledger.ofAuthor(workshopId, participantId))
        return () => {
          detach()
          this.registry.release(projected)
        }
      })
    } finally {
      this.registry.release(board)
    }
  }

  release(room: Room): void {
    this.registry.release(room)
  }

  /**
   * The rooms that must be reloaded with `room`: a board's loaded desks project onto that board
   * object, so they go with it (desks first); a desk goes alone.
   */
  reloadedWith(room: Room): Room[] {
    const deskPrefix = deskRoomName(room.name, '')
    if (room.name.includes('/desk/')) return [room]
    return [...this.registry.all().filter((other) => other.name.startsWith(deskPrefix)), room]
  }

  /** Runs `read` with the board loaded, loading it for the moment if needed. */
  async withBoard<T>(workshopId: string, read: (board: Room) => T): Promise<T> {
    const board = await this.openBoard(workshopId)
    try {
      return read(board)
    } finally {
      this.release(board)
    }
  }

  /** How many private cards are held: from the records (loaded), without loading any desk. */
  privateCount(workshopId: string): number {
    return this.held(workshopId, 'private').length
  }

  /** Private cards held and cards waiting for approval, from the records alone. */
  async heldCounts(workshopId: string): Promise<{ count: number; waiting: number }> {
    await this.prepare(workshopId)
    return { count: this.privateCount(workshopId), waiting: this.held(workshopId, 'approval').length }
  }

  /**
   * Held cards of people who still write here: a removed participant's (or an observer's) drafts
   * stay on their desk, out of the count and the queue, since nobody could be their author.
   */
  private held(workshopId: string, state: 'private' | 'approval'): CardRecord[] {
    const writes = new Map<string, boolean>()
    return this.ledger.inState(workshopId, state).filter((r) => {
      let active = writes.get(r.authorId)
      if (active === undefined) {
        const owner = this.owners.owner(workshopId, r.authorId)
        active = owner !== null && owner.role !== 'observer'
        writes.set(r.authorId, active)
      }
      return active
    })
  }

  /**
   * Puts every held private card on the board (the reveal: `POST /reveal`, private writing
   * switched off, a phase change); returns how many got there. A card that cannot be placed
   * (invalid, over a quota) stays on its author's desk with the refusal and is held no longer.
   */
  async reveal(workshopId: string): Promise<number> {
    await this.prepare(workshopId)
    const authors = () => [...byAuthor(this.ledger.inState(workshopId, 'private')).keys()]
    // The desks are loaded first, then the reveal runs in one synchronous run (records and board
    // change together); a card held by someone else meanwhile loads their desk and goes again.
    let placed: number | null = null
    while (placed === null)
      placed = await this.withDesks(workshopId, authors(), (board, desks) =>
        authors().every((a) => desks.has(a)) ? this.revealLoaded(workshopId, board, desks) : null,
      )
    await this.ledger.flushed()
    return placed
  }

  private revealLoaded(workshopId: string, board: Room, desks: Map<string, Room>): number {
    const held = this.ledger.inState(workshopId, 'private')
    if (held.length === 0) return 0
    let placed = 0
    for (const [authorId, ids] of byAuthor(held)) {
      const desk = desks.get(authorId) as Room
      const context = this.deskContext(workshopId, authorId)
      placed += placeHeldCards(desk, board, context, ids, false).placed.length
    }
    this.logger.info({ workshop: workshopId, held: held.length, placed }, 'private cards revealed')
    this.onRevealed(workshopId, placed)
    return placed
  }

  /** The approval queue: every waiting card with its current text, oldest first. */
  async pending(workshopId: string): Promise<WaitingCard[]> {
    await this.prepare(workshopId)
    const waiting = this.held(workshopId, 'approval')
    const authors = byAuthor(waiting)
    const texts = await this.withDesks(workshopId, [...authors.keys()], (_board, desks) => {
      const found = new Map<string, Map<string, string>>()
      for (const [authorId, ids] of authors)
        found.set(authorId, deskTexts((desks.get(authorId) as Room).doc, ids))
      return found
    })
    return waiting.map((r) => ({
      participantId: r.authorId,
      id: r.cardId,
      text: texts.get(r.authorId)?.get(r.cardId) ?? '',
    }))
  }

  /** Lets one waiting card through to the board; if it cannot be placed it stays in the queue. */
  async approve(workshopId: string, participantId: string, cardId: string): Promise<Approval> {
    await this.prepare(workshopId)
    const record = this.ledger.get(workshopId, cardId)
    if (record?.state !== 'approval' || record.authorId !== participantId)
      return { ok: false, reason: 'not-waiting' }
    const { placed, refusals } = await this.withDesks(workshopId, [participantId], (board, desks) =>
      placeHeldCards(
        desks.get(participantId) as Room,
        board,
        this.deskContext(workshopId, participantId),
        [cardId],
        true,
      ),
    )
    await this.ledger.flushed()
    if (placed.length === 1) return { ok: true }
    return { ok: false, reason: refusals.get(cardId) ?? 'not-waiting' }
  }

  /** Turns one waiting card down; its author's desk shows the reason. */
  async reject(
    workshopId: string,
    participantId: string,
    cardId: string,
    reason: string,
    by: string,
  ): Promise<boolean> {
    await this.prepare(workshopId)
    const rejected = this.ledger.reject(workshopId, cardId, participantId, reason, by)
    await this.ledger.flushed()
    return rejected
  }

  /**
   * Hides a card on the board: the original text and the reason are recorded first (the
   * tombstone the projection checks, so the author's desk can no longer change or remove it),
   * then the text leaves the board and the `hidden` mark stays.
   */
  async hideCard(workshopId: string, cardId: string, reason: string, by: string): Promise<Hiding> {
    await this.prepare(workshopId)
    const hiding = await this.withBoard(workshopId, (board): Hiding => {
      const card = notesOf(board.doc).get(cardId)
      if (!card) return { ok: false, reason: 'no-card' }
      if (card.get(FIELD.hidden)) return { ok: false, reason: 'already-hidden' }
      const text = card.get(FIELD.text)
      const authorId = card.get(FIELD.authorId)
      const at = Date.now()
      this.ledger.hide({
        workshopId,
        cardId,
        authorId: typeof authorId === 'string' ? authorId : null,
        text: text instanceof Y.Text ? text.toString() : '',
        reason,
        by,
        at,
      })
      board.doc.transact(() => {
        card.set(FIELD.hidden, { reason, by, at })
        if (text instanceof Y.Text) applyTextDiff(text, '')
      })
      return { ok: true }
    })
    await this.ledger.flushed()
    return hiding
  }

  /** Tombstones for cards a facilitator deleted; runs inside the board's observer, so never throws. */
  private recordDeletions(
    workshopId: string,
    cards: { cardId: string; authorId: string }[],
    by: string,
  ): void {
    try {
      for (const { cardId, authorId } of cards) this.ledger.markDeleted(workshopId, cardId, authorId, by)
    } catch (err) {
      this.logger.error({ workshop: workshopId, cards: cards.length, err }, 'deletions not recorded')
    }
  }

  private revealSafely(workshopId: string): void {
    this.reveal(workshopId).catch((err: unknown) =>
      this.logger.error({ workshop: workshopId, err }, 'reveal after private writing failed'),
    )
  }

  private deskContext(workshopId: string, participantId: string): DeskContext {
    return { workshopId, owner: () => this.owners.owner(workshopId, participantId), ledger: this.ledger }
  }

  /** Runs `each` (synchronously) with the board and these participants' desks loaded. */
  private async withDesks<T>(
    workshopId: string,
    participantIds: readonly string[],
    each: (board: Room, desks: Map<string, Room>) => T,
  ): Promise<T> {
    const board = await this.openBoard(workshopId)
    const desks = new Map<string, Room>()
    try {
      for (const id of participantIds) desks.set(id, await this.openDesk(workshopId, id))
      return each(board, desks)
    } finally {
      for (const desk of desks.values()) this.release(desk)
      this.release(board)
    }
  }
}

function byAuthor(records: CardRecord[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const r of records) groups.set(r.authorId, [...(groups.get(r.authorId) ?? []), r.cardId])
  return groups
}
