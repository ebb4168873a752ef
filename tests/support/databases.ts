/**
 * The storage engines a storage test runs against: the embedded SQLite file always, PostgreSQL
 * when one answers at TEST_DATABASE_URL (default: the machine's local server). Each PostgreSQL
 * test database is a schema of its own, dropped afterwards. Where no PostgreSQL answers, the
 * tests on it are skipped with one line saying so, unless REQUIRE_TEST_SERVICES=1 (set by
 * .ci/run), which turns the skip into a failure.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/db/open-database.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface OpenedDatabase {
  db: SqlDatabase
  /** Closes the database and removes what the test stored. */
  dispose(): Promise<void>
}

export interface Engine {
  name: 'sqlite' | 'postgres'
  /** Null when the engine can be used; else why not (the test is skipped). */
  unavailable: string | null
  open(): Promise<OpenedDatabase>
}

let postgresCheck: Promise<string | null> | null = null

/** Null when PostgreSQL answers; else one line saying why not. Asked once per test file. */
export function postgresUnavailable(): Promise<string | null> {
  postgresCheck ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return null
    } catch (err) {
      return `PostgreSQL at ${TEST_DATABASE_URL} not reachable (${(err as Error).message})`
    } finally {
      await client.end().catch(() => {})
    }
  })()
  return postgresCheck
}

/** A schema name no other test uses. */
export function testSchema(): string {
  return `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await client.end()
  }
}

const sqlite: Engine = {
  name: 'sqlite',
  unavailable: null,
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-sql-'))
    const db = new SqliteSqlDatabase(openDatabase(dir))
    return {
      db,
      async dispose() {
        await db.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

function postgres(unavailable: string | null): Engine {
  return {
    name: 'postgres',
    unavailable,
    async open() {
      const schema = testSchema()
      const db = await openPostgres({ url: TEST_DATABASE_URL, schema, maxConnections: 4 })
      return {
        db,
        async dispose() {
          await db.close()
          await dropSchema(schema)
        },
      }
    },
  }
}

/**
 * Both engines, for `describe.each`. Call at the top of a test file (top-level await): a missing
 * PostgreSQL is reported once, and is an error where REQUIRE_TEST_SERVICES=1.
 */
export async function storageEngines(): Promise<Engine[]> {
  const missing = await postgresUnavailable()
  if (missing !== null) {
    if (process.env.REQUIRE_TEST_SERVICES === '1')
      throw new Error(`${missing}; REQUIRE_TEST_SERVICES=1 makes this a failure`)
    console.warn(`skipping the PostgreSQL storage tests: ${missing}`)
  }
  return [sqlite, postgres(missing)]
}
