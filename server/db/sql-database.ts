/**
 * The storage interface every store is written against: SQL with `?` placeholders, asynchronous,
 * with transactions, and two implementations (sqlite-sql.ts on the embedded SQLite file,
 * postgres-sql.ts on a PostgreSQL server). A store's SQL is written once, in the subset both
 * engines read the same way (`ON CONFLICT … DO …`, no `INSERT OR …`, no pragmas, BLOB/BYTEA as
 * bytes, integers up to 2^53); where they differ, the store asks `dialect`.
 */

export type SqlValue = string | number | bigint | null | Uint8Array

export type SqlParams = readonly SqlValue[]

export interface SqlRunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number
}

/** The statements one may run, on the database or inside one of its transactions. */
export interface SqlQueries {
  /** The first row, or undefined. */
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>
  all<T>(sql: string, params?: SqlParams): Promise<T[]>
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>
}

export type SqlDialect = 'sqlite' | 'postgres'

export interface SqlDatabase extends SqlQueries {
  readonly dialect: SqlDialect
  /**
   * Runs `work` in one transaction: committed, durably, when it resolves; rolled back when it
   * throws (the error is thrown on). Statements outside it never see or join its changes.
   */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * `?` placeholders as PostgreSQL's `$1, $2, …`, leaving `?` inside quotes, quoted names and
 * comments alone.
 */
export function numberedPlaceholders(sql: string): string {
  let out = ''
  let n = 0
  let i = 0
  while (i < sql.length) {
    const c = sql[i] as string
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1)
      const stop = end === -1 ? sql.length : end + 1
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? sql.length : end
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '?') {
      out += `$${++n}`
      i++
    } else {
      out += c
      i++
    }
  }
  return out
}
