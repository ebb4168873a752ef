/**
 * The storage interface on the embedded SQLite file (better-sqlite3). Statements run at once and
 * are cached by their text. better-sqlite3 is synchronous and one connection serves the whole
 * process, so an open transaction would take in any statement run while its work awaits: while
 * one is open, every other statement and transaction waits for it to end.
 */
import type Database from 'better-sqlite3'
import type { Db } from './open-database.ts'
import type { SqlDatabase, SqlParams, SqlQueries, SqlRunResult } from './sql-database.ts'

export class SqliteSqlDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const
  private readonly statements = new Map<string, Database.Statement>()
  /** Settles when the open transaction ends; null when none is open. */
  private open: Promise<void> | null = null

  /** Runs without waiting: for the work of the transaction that is open. */
  private readonly inside: SqlQueries = {
    get: async <T>(sql: string, params: SqlParams = []) =>
      this.statement(sql).get(...params) as T | undefined,
    all: async <T>(sql: string, params: SqlParams = []) => this.statement(sql).all(...params) as T[],
    run: async (sql: string, params: SqlParams = []) => this.runNow(sql, params),
  }

  constructor(readonly db: Db) {}

  async get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    while (this.open) await this.open
    return this.statement(sql).get(...params) as T | undefined
  }

  async all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    while (this.open) await this.open
    return this.statement(sql).all(...params) as T[]
  }

  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    while (this.open) await this.open
    return this.runNow(sql, params)
  }

  async transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    // No await between this check and taking the turn: two waiting transactions cannot both begin.
    while (this.open) await this.open
    let end = () => {}
    this.open = new Promise<void>((resolve) => {
      end = resolve
    })
    try {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(this.inside)
        this.db.exec('COMMIT')
        return result
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw err
      }
    } finally {
      this.open = null
      end()
    }
  }

  async close(): Promise<void> {
    while (this.open) await this.open
    if (this.db.open) this.db.close()
  }

  private runNow(sql: string, params: SqlParams): SqlRunResult {
    return { changes: this.statement(sql).run(...params).changes }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}
