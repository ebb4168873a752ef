/**
 * The two schemas stay one: every table of the SQLite migrations exists in PostgreSQL's with the
 * same columns, nullability and primary key, and PostgreSQL migrates once when several nodes start
 * together. A migration appended to one list and not the other fails here.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/open-database.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL, testSchema } from '../support/databases.ts'

interface Column {
  table: string
  column: string
  notNull: boolean
  primaryKey: boolean
}

const missing = await postgresUnavailable()
if (missing && process.env.REQUIRE_TEST_SERVICES === '1') throw new Error(missing)

function sqliteColumns(): Column[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-parity-'))
  const db = openDatabase(dir)
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[]
    return tables.flatMap(({ name }) =>
      (
        db.pragma(`table_xinfo("${name}")`) as { name: string; notnull: number; pk: number; hidden: number }[]
      ).map((c) => ({
        table: name,
        column: c.name,
        notNull: c.notnull === 1 || c.pk > 0,
        primaryKey: c.pk > 0,
      })),
    )
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const sortColumns = (columns: Column[]) =>
  [...columns].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`))

describe.skipIf(missing)('the PostgreSQL schema', () => {
  const schemas: string[] = []
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema)
  })

  it('has the tables and columns of the SQLite schema', async () => {
    const schema = testSchema()
    schemas.push(schema)
    const db = await openPostgres({ url: TEST_DATABASE_URL, schema })
    const columns = await db.all<{
      table_name: string
      column_name: string
      is_nullable: string
      pk: number
    }>(
      `SELECT c.table_name, c.column_name, c.is_nullable,
              (SELECT count(*) FROM information_schema.key_column_usage k
                 JOIN information_schema.table_constraints t
                   ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema
                WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema
                  AND k.table_name = c.table_name AND k.column_name = c.column_name)::int AS pk
         FROM information_schema.columns c
        WHERE c.table_schema = ? AND c.table_name <> 'schema_version'`,
      [schema],
    )
    await db.close()
    const postgres = columns.map((c) => ({
      table: c.table_name,
      column: c.column_name,
      notNull: c.is_nullable === 'NO',
      primaryKey: c.pk > 0,
    }))
    expect(sortColumns(postgres)).toEqual(sortColumns(sqliteColumns()))
  })

  it('migrates once when three nodes open it at the same time', async () => {
    const schema = testSchema()
    schemas.push(schema)
    const nodes = await Promise.all([1, 2, 3].map(() => openPostgres({ url: TEST_DATABASE_URL, schema })))
    await Promise.all(nodes.map((n) => n.close()))
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    const version = await client.query(`SELECT version FROM ${schema}.schema_version`)
    await client.end()
    expect(version.rows).toEqual([{ version: 1 }])
  })
})
