/**
 * Which engine the test servers store in: the SQLite file in their data directory, or with
 * `TEST_STORAGE=postgres` PostgreSQL at TEST_DATABASE_URL, a fresh schema for each server,
 * dropped when it is disposed. Tests that are about the SQLite file itself skip on PostgreSQL
 * (`sqliteOnly`), each with its reason.
 */
import { afterAll, describe, it } from 'vitest'
import { openDatabase } from '../../server/db/open-database.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { dropSchema, TEST_DATABASE_URL, testSchema } from './databases.ts'

export const ON_POSTGRES = process.env.TEST_STORAGE === 'postgres'

export interface TestStorage {
  /** Environment for the server's configuration (empty on SQLite). */
  env: Record<string, string>
  /** Removes what the server stored (its schema on PostgreSQL). */
  dispose(): Promise<void>
}

/**
 * The storage of each data directory a test passed in (a server restarted on it, the admin CLI
 * run on it before a server): the same database every time, kept as the directory is.
 */
const kept = new Map<string, TestStorage>()

// This module is loaded once per test file: the databases kept for its data directories go when
// the file's tests are done (not under bench scripts, which use the servers without vitest).
if (process.env.VITEST)
  afterAll(async () => {
    for (const storage of kept.values()) await storage.dispose()
    kept.clear()
  })

/** The storage environment that goes with a data directory (the same database each time). */
export function storageEnvOf(dataDir: string): Record<string, string> {
  let storage = kept.get(dataDir)
  if (!storage) {
    storage = testStorage()
    kept.set(dataDir, storage)
  }
  return storage.env
}

/** Opens the database that goes with a data directory (a stopped server's, to look into). */
export async function openStorageOf(dataDir: string): Promise<SqlDatabase> {
  const { DATABASE_URL, DATABASE_SCHEMA } = storageEnvOf(dataDir)
  if (DATABASE_URL) return openPostgres({ url: DATABASE_URL, schema: DATABASE_SCHEMA, maxConnections: 1 })
  return new SqliteSqlDatabase(openDatabase(dataDir))
}

/** The database a server made for its own data directory, for the admin CLI run beside it. */
export function useStorageFor(dataDir: string, storage: TestStorage): () => void {
  kept.set(dataDir, storage)
  return () => kept.delete(dataDir)
}

/** A fresh database for one test server; `env` of the test's own (a DATABASE_URL) wins. */
export function testStorage(env: Record<string, string> = {}): TestStorage {
  if (!ON_POSTGRES || 'DATABASE_URL' in env) return { env: {}, dispose: async () => {} }
  const schema = testSchema()
  return {
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    dispose: () => dropSchema(schema),
  }
}

/**
 * `describe` for tests of the SQLite file itself, skipped on PostgreSQL; `reason` says why, in one
 * line, in the skipped suite's name.
 */
export function sqliteOnly(reason: string) {
  return (name: string, fn: () => void) =>
    describe.skipIf(ON_POSTGRES)(`${name} [SQLite only: ${reason}]`, fn)
}

/** `it` for one test of the SQLite file, skipped on PostgreSQL with its reason in the name. */
export function itSqliteOnly(reason: string) {
  return (name: string, fn: () => Promise<void> | void, timeout?: number) =>
    it.skipIf(ON_POSTGRES)(`${name} [SQLite only: ${reason}]`, fn, timeout)
}
