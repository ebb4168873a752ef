/**
 * The event log's storage (table `audit_log`, async on the storage interface): appending one
 * entry to a workshop's chain and reading a chain back. Appending reads the head and writes the
 * next entry in one transaction (immediate on SQLite, SERIALIZABLE on PostgreSQL), so the server
 * and `npm run admin` (another process on the same file) never fork the chain; the primary key
 * (workshop, seq) refuses a fork in any case. Inside a caller's transaction it runs on that
 * transaction's `tx`, so the entry commits with what it records.
 */
import type { SqlDatabase, SqlQueries } from '../db/sql-database.ts'
import {
  type AuditActor,
  type EntryData,
  entryHash,
  GENESIS_HASH,
  type LogEntry,
  type UnsealedEntry,
} from './chain.ts'

interface Row {
  seq: number
  at: number
  kind: string
  actor: string
  data: string
  prev_hash: string
  hash: string
}

export type Head = { seq: number; hash: string } | null

/** A stored row whose JSON cannot be read: the chain is broken there. */
export class UnreadableEntry extends Error {
  constructor(readonly seq: number) {
    super(`log entry ${seq} is not readable JSON`)
  }
}

function toEntry(row: Row): LogEntry {
  try {
    return {
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      actor: JSON.parse(row.actor) as AuditActor,
      data: JSON.parse(row.data) as EntryData,
      prevHash: row.prev_hash,
      hash: row.hash,
    }
  } catch {
    throw new UnreadableEntry(row.seq)
  }
}

/** SQLSTATE of a unique violation: two appends took the same head (the loser runs again). */
const UNIQUE_VIOLATION = '23505'
const MAX_APPEND_ATTEMPTS = 10

export class EventLog {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Appends entries after the current head; `next` gets the head (null for an empty log) and
   * the transaction's queries, and returns the entries to add, each chained to the one before.
   * With `q` (a caller's transaction) it runs there: the entry commits with the caller's work.
   * `next` may run more than once (a retried transaction): no side effects in it.
   */
  async append(
    workshopId: string,
    next: (head: Head, q: SqlQueries) => Promise<UnsealedEntry[]>,
    q?: SqlQueries,
  ): Promise<void> {
    const work = async (tx: SqlQueries) => {
      const entries = await next(await this.head(workshopId, tx), tx)
      for (const entry of entries) await this.insert(workshopId, { ...entry, hash: entryHash(entry) }, tx)
    }
    if (q) return work(q)
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work)
      } catch (err) {
        // PostgreSQL mostly reports a lost race for the head as a serialization failure (retried
        // by the transaction itself), but may report it as the primary key's violation.
        const code = (err as { code?: string }).code
        if (code !== UNIQUE_VIOLATION || attempt >= MAX_APPEND_ATTEMPTS) throw err
      }
    }
  }

  /** Copies entries as they are (an import): their hashes are checked, never recomputed. */
  async insertSealed(
    workshopId: string,
    entries: readonly LogEntry[],
    q: SqlQueries = this.db,
  ): Promise<void> {
    for (const entry of entries) await this.insert(workshopId, entry, q)
  }

  async head(workshopId: string, q: SqlQueries = this.db): Promise<Head> {
    const row = await q.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE workshop_id = ? ORDER BY seq DESC LIMIT 1',
      [workshopId],
    )
    return row ? { seq: Number(row.seq), hash: row.hash } : null
  }

  /** The whole chain, oldest first; throws UnreadableEntry for a row that is no JSON. */
  async entries(workshopId: string, q: SqlQueries = this.db): Promise<LogEntry[]> {
    const rows = await q.all<Row>('SELECT * FROM audit_log WHERE workshop_id = ? ORDER BY seq', [workshopId])
    return rows.map(toEntry)
  }

  private async insert(workshopId: string, entry: LogEntry, q: SqlQueries): Promise<void> {
    await q.run(
      `INSERT INTO audit_log (workshop_id, seq, at, kind, actor, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        workshopId,
        entry.seq,
        entry.at,
        entry.kind,
        JSON.stringify(entry.actor),
        JSON.stringify(entry.data),
        entry.prevHash,
        entry.hash,
      ],
    )
  }
}

/** Chains entries (without seq, prevHash) after a head: what `append`'s callback returns. */
export function chained(
  head: Head,
  entries: readonly Omit<UnsealedEntry, 'seq' | 'prevHash'>[],
): UnsealedEntry[] {
  let seq = head?.seq ?? 0
  let prevHash = head?.hash ?? GENESIS_HASH
  return entries.map((entry) => {
    seq += 1
    const sealed = { ...entry, seq, prevHash }
    prevHash = entryHash(sealed)
    return sealed
  })
}
