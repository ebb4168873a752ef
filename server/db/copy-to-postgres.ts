/**
 * Moves an instance from its SQLite file to PostgreSQL: every table copied row for row in one
 * PostgreSQL transaction (all or nothing), then checked — each table's rows counted and hashed on
 * both sides (the rows sorted here: the two engines order text differently). The target must be empty: the copy never merges two
 * instances. The minutes' comparison (`minutes-compare.ts`) runs after it.
 */
import { createHash } from 'node:crypto'
import type { Db } from './open-database.ts'
import type { SqlDatabase, SqlValue } from './sql-database.ts'

/**
 * Every table, parents before the tables that reference them. A table the schema has and this
 * list lacks stops the copy: a new table must be placed here, not forgotten.
 */
export const COPY_ORDER = [
  'users',
  'workshops',
  'participants',
  'sessions',
  'room_state',
  'room_updates',
  'snapshots',
  'votes',
  'vote_reveals',
  'vote_results',
  'hidden_cards',
  'card_records',
  'card_photos',
  'paper_votes',
  'paper_voters',
  'speaking_times',
  'audit_log',
  'instance_settings',
] as const

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500

export interface TableCopy {
  table: string
  rows: number
  /** SHA-256 of the table's rows (sorted), the same on both sides. */
  digest: string
}

interface Column {
  name: string
}

function columnsOf(sqlite: Db, table: string): Column[] {
  // table_xinfo also lists generated columns (hidden 2 or 3): computed again by the target.
  return (sqlite.pragma(`table_xinfo("${table}")`) as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0)
    .map((c) => ({ name: c.name }))
}

/** One value as the digest reads it: bytes as hex, everything else as its JSON. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`
  return JSON.stringify(value ?? null)
}

function digestOf(rows: readonly Record<string, unknown>[], columns: Column[]): string {
  // JSON escapes control characters, so the separators cannot occur inside a value.
  const lines = rows.map((row) => columns.map((c) => canonical(row[c.name])).join('\u001f')).sort()
  const hash = createHash('sha256')
  for (const line of lines) hash.update(`${line}\n`)
  return hash.digest('hex')
}

/** The tables of the SQLite file, checked against COPY_ORDER. */
function tablesOf(sqlite: Db): string[] {
  const present = (
    sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[]
  ).map((r) => r.name)
  const unknown = present.filter((t) => !(COPY_ORDER as readonly string[]).includes(t))
  if (unknown.length > 0) throw new Error(`the copy does not know the table(s) ${unknown.join(', ')}`)
  return COPY_ORDER.filter((t) => present.includes(t))
}

export async function copyToPostgres(sqlite: Db, target: SqlDatabase): Promise<TableCopy[]> {
  if (target.dialect !== 'postgres') throw new Error('the target is not PostgreSQL')
  const tables = tablesOf(sqlite)
  for (const table of tables) {
    const row = await target.get<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
    if ((row?.n ?? 0) > 0)
      throw new Error(`the target already holds data (table ${table}); copy only into an empty database`)
  }
  const plan = tables.map((table) => ({ table, columns: columnsOf(sqlite, table) }))
  // Read once, before the transaction: its work may run again on a serialization failure.
  const source = plan.map(({ table, columns }) => ({
    table,
    columns,
    rows: sqlite.prepare(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${table}`).all() as Record<
      string,
      unknown
    >[],
  }))
  await target.transaction(async (tx) => {
    for (const { table, columns, rows } of source) {
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH)
        const one = `(${columns.map(() => '?').join(', ')})`
        const params: SqlValue[] = batch.flatMap((row) => columns.map((c) => row[c.name] as SqlValue))
        await tx.run(
          `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES ${batch.map(() => one).join(', ')}`,
          params,
        )
      }
    }
  })
  const copied: TableCopy[] = []
  for (const { table, columns, rows } of source) {
    const digest = digestOf(rows, columns)
    const back = await target.all<Record<string, unknown>>(
      `SELECT ${columns.map((c) => c.name).join(', ')} FROM ${table}`,
    )
    const check = digestOf(back, columns)
    if (back.length !== rows.length || check !== digest)
      throw new Error(
        `table ${table} differs after the copy: ${rows.length} rows read, ${back.length} in the target`,
      )
    copied.push({ table, rows: rows.length, digest })
  }
  return copied
}
