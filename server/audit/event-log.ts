/**
 * The event log's storage (SQLite table `audit_log`): appending one entry to a workshop's chain
 * and reading a chain back. Appending reads the head and writes the next entry in one immediate
 * transaction, so the server and `npm run admin` (another process on the same file) never fork
 * the chain; the primary key (workshop, seq) refuses a fork in any case.
 */
import type { Db } from '../db/open-database.ts'
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

export class EventLog {
  private readonly headStmt
  private readonly insertStmt
  private readonly allStmt
  private readonly appendTx

  constructor(private readonly db: Db) {
    this.headStmt = db.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE workshop_id = ? ORDER BY seq DESC LIMIT 1',
    )
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (workshop_id, seq, at, kind, actor, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.allStmt = db.prepare<[string], Row>('SELECT * FROM audit_log WHERE workshop_id = ? ORDER BY seq')
    this.appendTx = db.transaction(
      (workshopId: string, next: (head: { seq: number; hash: string } | null) => UnsealedEntry[]) => {
        const entries = next(this.headStmt.get(workshopId) ?? null)
        for (const entry of entries) this.insert(workshopId, { ...entry, hash: entryHash(entry) })
        return entries.length
      },
    )
  }

  /**
   * Appends entries after the current head; `next` gets the head (null for an empty log) and
   * returns the entries to add, each chained to the one before. Inside another transaction this
   * is a savepoint of it (the snapshot and its entry commit together).
   */
  append(workshopId: string, next: (head: { seq: number; hash: string } | null) => UnsealedEntry[]): void {
    if (this.db.inTransaction) this.appendTx(workshopId, next)
    else this.appendTx.immediate(workshopId, next)
  }

  /** Copies entries as they are (an import): their hashes are checked, never recomputed. */
  insertSealed(workshopId: string, entries: readonly LogEntry[]): void {
    for (const entry of entries) this.insert(workshopId, entry)
  }

  head(workshopId: string): { seq: number; hash: string } | null {
    return this.headStmt.get(workshopId) ?? null
  }

  /** The whole chain, oldest first; throws UnreadableEntry for a row that is no JSON. */
  entries(workshopId: string): LogEntry[] {
    return this.allStmt.all(workshopId).map(toEntry)
  }

  private insert(workshopId: string, entry: LogEntry): void {
    this.insertStmt.run(
      workshopId,
      entry.seq,
      entry.at,
      entry.kind,
      JSON.stringify(entry.actor),
      JSON.stringify(entry.data),
      entry.prevHash,
      entry.hash,
    )
  }
}

/** Chains entries (without seq, prevHash) after a head: what `append`'s callback returns. */
export function chained(
  head: { seq: number; hash: string } | null,
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
