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
 *
 * The desk projection asks the ledger inside Yjs observers, which cannot await: so a workshop's
 * records are kept in memory, loaded once (`await load(workshopId)` before its rooms are used;
 * reading a workshop not loaded throws), and every change updates memory at once and is written
 * through (write-queue.ts): committed in order, a facilitator's decision with its event-log entry
 * in the same transaction. `flushed()` says when all of it is on disk.
 */
import type { CardState, CardStateKind } from '../../shared/board/schema.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import type { Logger } from '../logger.ts'
import { type CardRecord, CardRecords, type HiddenCard } from './card-records.ts'
import { type QueuedWrite, WriteQueue } from './write-queue.ts'

export type { CardRecord, HiddenCard } from './card-records.ts'

export type ChangeListener = (workshopId: string, authorId: string) => void
/** A facilitator's decision on a card (rejected, deleted, hidden); a hidden card without an author has none. */
export type Decision = Omit<CardRecord, 'authorId'> & { authorId: string | null }
/** Records a decision inside the transaction that commits it (the event log). */
export type DecisionRecorder = (decision: Decision, tx: SqlQueries) => Promise<void>

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
  private readonly writes: WriteQueue
  /** Each loaded workshop's records by card id. */
  private readonly loaded = new Map<string, Map<string, CardRecord>>()
  private readonly loading = new Map<string, Promise<void>>()
  private listener: ChangeListener = () => {}
  private decided: DecisionRecorder = async () => {}

  constructor(
    db: SqlDatabase,
    logger: Logger,
    onHealthChange: (error: Error | null) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.records = new CardRecords(db)
    this.writes = new WriteQueue(db, logger, onHealthChange)
  }

  /** Reads the workshop's records into memory (once; a second call waits for the first). */
  load(workshopId: string): Promise<void> {
    if (this.loaded.has(workshopId)) return Promise.resolve()
    let loading = this.loading.get(workshopId)
    if (!loading) {
      loading = this.records
        .ofWorkshop(workshopId)
        .then((records) => {
          this.loaded.set(workshopId, new Map(records.map((r) => [r.cardId, r])))
        })
        .finally(() => this.loading.delete(workshopId))
      this.loading.set(workshopId, loading)
    }
    return loading
  }

  isLoaded(workshopId: string): boolean {
    return this.loaded.has(workshopId)
  }

  /**
   * Drops the workshop's records from memory, after its stored records were changed beside the
   * ledger (a deletion of data); the next `load` reads them again.
   */
  forget(workshopId: string): void {
    this.loaded.delete(workshopId)
  }

  /** Resolves once every change so far is committed. */
  flushed(): Promise<void> {
    return this.writes.flushed()
  }

  /** True once every change so far is committed, false if that takes longer than `timeoutMs`. */
  flushedWithin(timeoutMs: number): Promise<boolean> {
    return this.writes.flushedWithin(timeoutMs)
  }

  /** Why record changes cannot be committed right now; null while they can. */
  get lastError(): Error | null {
    return this.writes.lastError
  }

  /** Commits what is queued (at most `timeoutMs`); false if changes were left. */
  close(timeoutMs?: number): Promise<boolean> {
    return this.writes.close(timeoutMs)
  }

  /** Queues another write after the changes so far, committed with them (the reveal's log entry). */
  alsoCommit(write: QueuedWrite): void {
    this.writes.push(write)
  }

  /** One listener: the sync layer, which mirrors records into loaded desks. */
  onChange(listener: ChangeListener): void {
    this.listener = listener
  }

  /** One recorder for decisions: the event log (server/audit), so no decision goes unrecorded. */
  onDecision(recorder: DecisionRecorder): void {
    this.decided = recorder
  }

  get(workshopId: string, cardId: string): CardRecord | null {
    return this.of(workshopId).get(cardId) ?? null
  }

  /** The author's records, oldest first. */
  ofAuthor(workshopId: string, authorId: string): CardRecord[] {
    return sorted([...this.of(workshopId).values()].filter((r) => r.authorId === authorId))
  }

  /** The records in one state, oldest first. */
  inState(workshopId: string, state: CardStateKind): CardRecord[] {
    return sorted([...this.of(workshopId).values()].filter((r) => r.state === state))
  }

  count(workshopId: string, state: CardStateKind): number {
    let n = 0
    for (const r of this.of(workshopId).values()) if (r.state === state) n++
    return n
  }

  /** A new desk card held back for private writing or approval. Only a card without a record. */
  hold(workshopId: string, cardId: string, authorId: string, state: 'private' | 'approval'): boolean {
    if (this.get(workshopId, cardId)) return false
    this.write({ workshopId, cardId, authorId, state, reason: null, by: null, at: this.now() })
    return true
  }

  /**
   * The card leaves its hold or rejection: it reached the board, its author withdrew it, or it
   * could not be placed. Tombstones are never released.
   */
  release(workshopId: string, cardId: string): boolean {
    const record = this.get(workshopId, cardId)
    if (!record || isTombstone(record.state)) return false
    this.of(workshopId).delete(cardId)
    this.writes.push((tx) => this.records.remove(workshopId, cardId, tx))
    this.listener(workshopId, record.authorId)
    return true
  }

  /** A card waiting for approval is turned down; it stays on its author's desk with the reason. */
  reject(workshopId: string, cardId: string, authorId: string, reason: string, by: string): boolean {
    const record = this.get(workshopId, cardId)
    if (record?.state !== 'approval' || record.authorId !== authorId) return false
    this.write({ ...record, state: 'rejected', reason, by, at: this.now() })
    return true
  }

  /** A facilitator deleted the author's card from the board. A hidden record stays hidden. */
  markDeleted(workshopId: string, cardId: string, authorId: string, by: string, reason?: string): void {
    if (this.get(workshopId, cardId)?.state === 'hidden') return
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
  hide(hidden: HiddenCard): void {
    const { workshopId, cardId, authorId, reason, by, at } = hidden
    this.of(workshopId)
    this.writes.push((tx) => this.records.putHidden(hidden, tx))
    if (authorId !== null) this.markHidden(workshopId, cardId, authorId, reason, by, at)
    else this.decide({ workshopId, cardId, authorId, state: 'hidden', reason, by, at })
  }

  private of(workshopId: string): Map<string, CardRecord> {
    const records = this.loaded.get(workshopId)
    if (!records) throw new Error(`card records of workshop ${workshopId} are not loaded`)
    return records
  }

  private write(record: CardRecord): void {
    this.of(record.workshopId).set(record.cardId, record)
    this.writes.push((tx) => this.records.put(record, tx))
    if (record.state === 'rejected' || isTombstone(record.state)) this.decide(record)
    this.listener(record.workshopId, record.authorId)
  }

  private decide(decision: Decision): void {
    this.writes.push((tx) => this.decided(decision, tx))
  }
}

/** Oldest first, then by card id (the order the stored records were read in). */
function sorted(records: CardRecord[]): CardRecord[] {
  return records.sort((a, b) => a.at - b.at || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0))
}
