/**
 * The card records store (SQLite): the server's own record of each participant card that is not,
 * or no longer, on the board as its author wrote it — held for private writing or approval,
 * rejected, deleted by a facilitator, hidden. Plain storage; the rules live in card-ledger.ts.
 */
import type { CardStateKind } from '../../shared/board/schema.ts'
import type { Db } from '../db/open-database.ts'

export interface CardRecord {
  workshopId: string
  cardId: string
  authorId: string
  state: CardStateKind
  reason: string | null
  /** Who decided it (a facilitator's display name); null for holds. */
  by: string | null
  at: number
}

interface Row {
  workshop_id: string
  card_id: string
  author_id: string
  state: CardStateKind
  reason: string | null
  decided_by: string | null
  at: number
}

const toRecord = (r: Row): CardRecord => ({
  workshopId: r.workshop_id,
  cardId: r.card_id,
  authorId: r.author_id,
  state: r.state,
  reason: r.reason,
  by: r.decided_by,
  at: r.at,
})

export class CardRecords {
  private readonly getStmt
  private readonly putStmt
  private readonly removeStmt
  private readonly ofAuthorStmt
  private readonly inStateStmt
  private readonly countStmt

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], Row>(
      'SELECT * FROM card_records WHERE workshop_id = ? AND card_id = ?',
    )
    this.putStmt = db.prepare(
      `INSERT INTO card_records (workshop_id, card_id, author_id, state, reason, decided_by, at)
       VALUES (@workshopId, @cardId, @authorId, @state, @reason, @by, @at)
       ON CONFLICT (workshop_id, card_id) DO UPDATE SET author_id = excluded.author_id,
         state = excluded.state, reason = excluded.reason, decided_by = excluded.decided_by,
         at = excluded.at`,
    )
    this.removeStmt = db.prepare('DELETE FROM card_records WHERE workshop_id = ? AND card_id = ?')
    this.ofAuthorStmt = db.prepare<[string, string], Row>(
      'SELECT * FROM card_records WHERE workshop_id = ? AND author_id = ? ORDER BY at, card_id',
    )
    this.inStateStmt = db.prepare<[string, string], Row>(
      'SELECT * FROM card_records WHERE workshop_id = ? AND state = ? ORDER BY at, card_id',
    )
    this.countStmt = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM card_records WHERE workshop_id = ? AND state = ?',
    )
  }

  get(workshopId: string, cardId: string): CardRecord | null {
    const row = this.getStmt.get(workshopId, cardId)
    return row ? toRecord(row) : null
  }

  put(record: CardRecord): void {
    this.putStmt.run(record)
  }

  remove(workshopId: string, cardId: string): void {
    this.removeStmt.run(workshopId, cardId)
  }

  ofAuthor(workshopId: string, authorId: string): CardRecord[] {
    return this.ofAuthorStmt.all(workshopId, authorId).map(toRecord)
  }

  inState(workshopId: string, state: CardStateKind): CardRecord[] {
    return this.inStateStmt.all(workshopId, state).map(toRecord)
  }

  count(workshopId: string, state: CardStateKind): number {
    return this.countStmt.get(workshopId, state)?.n ?? 0
  }
}
