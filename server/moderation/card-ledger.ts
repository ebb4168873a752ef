/**
 * The service that owns the card records and their invariants. A participant's card is either
 * on the board as written, or it has exactly one record here:
 *
 *   (desk create) ─▶ private ──(reveal)──▶ board
 *                 ─▶ approval ─(approve)─▶ board
 *                              └(reject)──▶ rejected
 *   board ─(a facilitator's delete)─▶ deleted      board ─(hide)─▶ hidden
 *
 * Holds (private, approval) and rejections end when the card reaches the board or its author
 * withdraws it; tombstones (deleted, hidden) never end: they are the moderation record, and no
 * desk change removes them. Every change is announced to the listener, which mirrors the
 * author's records into their desk (`cardStates`).
 */
import type { CardState, CardStateKind } from '../../shared/board/schema.ts'
import type { Db } from '../db/open-database.ts'
import { type CardRecord, CardRecords } from './card-records.ts'

export type { CardRecord } from './card-records.ts'

export type ChangeListener = (workshopId: string, authorId: string) => void
/**
 * A facilitator's decision on a card (rejected, deleted, hidden), in the commit that records it;
 * a hidden card without an author (no record of its own) comes with `authorId` null.
 */
export type DecisionListener = (decision: Omit<CardRecord, 'authorId'> & { authorId: string | null }) => void

const TOMBSTONES: ReadonlySet<CardStateKind> = new Set(['deleted', 'hidden'])

export function isTombstone(state: CardStateKind): boolean {
  return TOMBSTONES.has(state)
}

/** What the author's desk shows of a record. */
export function cardStateOf(record: CardRecord): CardState {
  return {
    state: record.state,
    ...(record.reason !== null ? { reason: record.reason } : {}),
    ...(record.by !== null ? { by: record.by } : {}),
    at: record.at,
  }
}

export class CardLedger {
  private readonly records: CardRecords
  private listener: ChangeListener = () => {}
  private decided: DecisionListener = () => {}

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.records = new CardRecords(db)
  }

  /** Runs many record changes (a reveal, a facilitator deleting a selection) as one commit. */
  batch<T>(changes: () => T): T {
    return this.db.transaction(changes)()
  }

  /** One listener: the sync layer, which mirrors records into loaded desks. */
  onChange(listener: ChangeListener): void {
    this.listener = listener
  }

  /** One listener for decisions: the event log (server/audit), so no decision goes unrecorded. */
  onDecision(listener: DecisionListener): void {
    this.decided = listener
  }

  get(workshopId: string, cardId: string): CardRecord | null {
    return this.records.get(workshopId, cardId)
  }

  ofAuthor(workshopId: string, authorId: string): CardRecord[] {
    return this.records.ofAuthor(workshopId, authorId)
  }

  inState(workshopId: string, state: CardStateKind): CardRecord[] {
    return this.records.inState(workshopId, state)
  }

  count(workshopId: string, state: CardStateKind): number {
    return this.records.count(workshopId, state)
  }

  /** A new desk card held back for private writing or approval. Only a card without a record. */
  hold(workshopId: string, cardId: string, authorId: string, state: 'private' | 'approval'): boolean {
    if (this.records.get(workshopId, cardId)) return false
    this.write({ workshopId, cardId, authorId, state, reason: null, by: null, at: this.now() })
    return true
  }

  /**
   * The card leaves its hold or rejection: it reached the board, its author withdrew it, or it
   * could not be placed. Tombstones are never released.
   */
  release(workshopId: string, cardId: string): boolean {
    const record = this.records.get(workshopId, cardId)
    if (!record || isTombstone(record.state)) return false
    this.records.remove(workshopId, cardId)
    this.listener(workshopId, record.authorId)
    return true
  }

  /** A card waiting for approval is turned down; it stays on its author's desk with the reason. */
  reject(workshopId: string, cardId: string, authorId: string, reason: string, by: string): boolean {
    const record = this.records.get(workshopId, cardId)
    if (record?.state !== 'approval' || record.authorId !== authorId) return false
    this.write({ ...record, state: 'rejected', reason, by, at: this.now() })
    return true
  }

  /** A facilitator deleted the author's card from the board. A hidden record stays hidden. */
  markDeleted(workshopId: string, cardId: string, authorId: string, by: string, reason?: string): void {
    if (this.records.get(workshopId, cardId)?.state === 'hidden') return
    this.write({ workshopId, cardId, authorId, state: 'deleted', reason: reason ?? null, by, at: this.now() })
  }

  /** A facilitator hid the card (its text left the board; the original is in hidden_cards). */
  markHidden(
    workshopId: string,
    cardId: string,
    authorId: string,
    reason: string,
    by: string,
    at: number,
  ): void {
    this.write({ workshopId, cardId, authorId, state: 'hidden', reason, by, at })
  }

  /**
   * A facilitator hides a card: its original text goes into hidden_cards (the record the minutes
   * keep) and, for a card with an author, the hidden tombstone; both in one commit.
   */
  hide(hidden: {
    workshopId: string
    cardId: string
    authorId: string | null
    text: string
    reason: string
    by: string
    at: number
  }): void {
    const { workshopId, cardId, authorId, text, reason, by, at } = hidden
    this.batch(() => {
      this.db
        .prepare(
          `INSERT INTO hidden_cards (workshop_id, card_id, text, author_id, reason, hidden_by, hidden_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(workshopId, cardId, text, authorId, reason, by, at)
      if (authorId !== null) this.markHidden(workshopId, cardId, authorId, reason, by, at)
      else this.decided({ workshopId, cardId, authorId, state: 'hidden', reason, by, at })
    })
  }

  private write(record: CardRecord): void {
    this.records.put(record)
    if (record.state === 'rejected' || isTombstone(record.state)) this.decided(record)
    this.listener(record.workshopId, record.authorId)
  }
}
