/**
 * The storage interface on a PostgreSQL server (node-postgres, a pool of connections). Every
 * connection runs with `synchronous_commit = on`, whatever the server's default: a commit returns
 * only once its WAL is flushed, the same promise SQLite's `synchronous = FULL` gives. Transactions
 * are SERIALIZABLE and retried on a serialization failure, so a store's check-then-write behaves
 * as it does on SQLite, where writers take turns. Open it with `openPostgres`, which migrates.
 */
import pg from 'pg'
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts'
import {
  numberedPlaceholders,
  type SqlDatabase,
  type SqlParams,
  type SqlQueries,
  type SqlRunResult,
} from './sql-database.ts'

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string
  /** The schema this instance's tables live in (tests use one each); `public` by default. */
  schema?: string
  /** Connections in the pool. */
  maxConnections?: number
}

/** SQLSTATEs after which a serializable transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01'])
const MAX_ATTEMPTS = 30

const INT8_OID = 20
/** BIGINT columns hold times in milliseconds and sequence numbers: far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

type Client = pg.Pool | pg.PoolClient

export class PostgresSqlDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const
  private readonly texts = new Map<string, string>()

  constructor(readonly pool: pg.Pool) {}

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.query<T>(this.pool, sql, params).then((r) => r.rows[0])
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.query<T>(this.pool, sql, params).then((r) => r.rows)
  }

  run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    return this.query(this.pool, sql, params).then((r) => ({ changes: r.rowCount ?? 0 }))
  }

  async transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    const tx: SqlQueries = {
      get: (sql, params = []) => this.query(client, sql, params).then((r) => r.rows[0]),
      all: (sql, params = []) => this.query(client, sql, params).then((r) => r.rows),
      run: (sql, params = []) => this.query(client, sql, params).then((r) => ({ changes: r.rowCount ?? 0 })),
    } as SqlQueries
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
        try {
          const result = await work(tx)
          await client.query('COMMIT')
          return result
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {})
          const code = (err as { code?: string }).code
          if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw err
          // Jittered, so that the transactions that collided do not collide again in step.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * Math.min(attempt, 10)))
        }
      }
    } finally {
      client.release()
    }
  }

  close(): Promise<void> {
    return this.pool.end()
  }

  private query<T>(
    client: Client,
    sql: string,
    params: SqlParams,
  ): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    let text = this.texts.get(sql)
    if (text === undefined) {
      text = numberedPlaceholders(sql)
      this.texts.set(sql, text)
    }
    return client.query<T & pg.QueryResultRow>(text, params as unknown[])
  }
}

/** A schema name used unquoted in SQL: letters, digits and underscores only. */
function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`)
  return schema
}

/** Connects, makes sure of the schema and its migrations, and returns the database. */
export async function openPostgres(options: PostgresOptions): Promise<PostgresSqlDatabase> {
  const schema = checkedSchema(options.schema ?? 'public')
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: `-c synchronous_commit=on -c search_path=${schema}`,
    types,
  })
  // An idle connection that breaks (the server restarted) is dropped; the next query reconnects.
  pool.on('error', () => {})
  try {
    await migratePostgres(pool, schema)
  } catch (err) {
    await pool.end()
    throw err
  }
  return new PostgresSqlDatabase(pool)
}

/**
 * Creates the schema and applies pending migrations under an advisory lock, so that nodes starting
 * together migrate once.
 * A database newer than this release is refused, as on SQLite.
 */
async function migratePostgres(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect()
  const lock = `ratswerkstatt-migrate-${schema}`
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock])
    // Under the lock: IF NOT EXISTS does not make two concurrent creations safe.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
    const row = await client.query<{ version: number }>('SELECT version FROM schema_version')
    if (row.rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)')
    const current = row.rows[0]?.version ?? 0
    if (current > POSTGRES_MIGRATIONS.length)
      throw new Error(
        `The PostgreSQL schema ${schema} has version ${current}, newer than this release knows ` +
          `(${POSTGRES_MIGRATIONS.length}). Start the newer release, or restore the database's backup.`,
      )
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query('BEGIN')
      try {
        await client.query(POSTGRES_MIGRATIONS[version] as string)
        await client.query('UPDATE schema_version SET version = $1', [version + 1])
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => {})
    client.release()
  }
}
