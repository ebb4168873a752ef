/**
 * The card records store (tables `card_records` and `hidden_cards`, async on the storage
 * interface): the server's own record of each participant card that is not, or no longer, on the
 * board as its author wrote it — held for private writing or approval, rejected, deleted by a
 * facilitator, hidden — and the original text of a hidden card. Plain storage; the rules and the
 * in-memory copy the sync layer reads live in card-ledger.ts, which writes inside its own
 * transactions (`q`).
 */
import type { CardStateKind } from '../../shared/board/schema.ts'
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'

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

/** A hidden card's original text and why it was hidden (the record the minutes keep). */
export interface HiddenCard {
  workshopId: string
  cardId: string
  authorId: string | null
  text: string
  reason: string
  by: string
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
  at: Number(r.at),
})

export class CardRecords {
  constructor(private readonly db: SqlDatabase) {}

  /** Every record of a workshop, oldest first. */
  async ofWorkshop(workshopId: string, q: SqlQueries = this.db): Promise<CardRecord[]> {
    const rows = await q.all<Row>('SELECT * FROM card_records WHERE workshop_id = ? ORDER BY at, card_id', [
      workshopId,
    ])
    return rows.map(toRecord)
  }

  async put(record: CardRecord, q: SqlQueries = this.db): Promise<void> {
    await q.run(
      `INSERT INTO card_records (workshop_id, card_id, author_id, state, reason, decided_by, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workshop_id, card_id) DO UPDATE SET author_id = excluded.author_id,
         state = excluded.state, reason = excluded.reason, decided_by = excluded.decided_by,
         at = excluded.at`,
      [record.workshopId, record.cardId, record.authorId, record.state, record.reason, record.by, record.at],
    )
  }

  async remove(workshopId: string, cardId: string, q: SqlQueries = this.db): Promise<void> {
    await q.run('DELETE FROM card_records WHERE workshop_id = ? AND card_id = ?', [workshopId, cardId])
  }

  /**
   * The first original text stays: a queued write that failed for good would hold every later
   * one back, so a second hiding of the same card (which the board refuses anyway) is no error.
   */
  async putHidden(hidden: HiddenCard, q: SqlQueries = this.db): Promise<void> {
    const { workshopId, cardId, text, authorId, reason, by, at } = hidden
    await q.run(
      `INSERT INTO hidden_cards (workshop_id, card_id, text, author_id, reason, hidden_by, hidden_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id, card_id) DO NOTHING`,
      [workshopId, cardId, text, authorId, reason, by, at],
    )
  }
}
