/**
 * What every admin command shares: one-line failures, passwords from a file, stdin or a hidden
 * prompt, the configuration and the migrated database (the SQLite file in DATA_DIR, or
 * PostgreSQL with DATABASE_URL), and positional arguments.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { type Config, configFromEnv } from '../../server/config.ts'
import { type Db, openDatabase } from '../../server/db/open-database.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import type { SqlDatabase } from '../../server/db/sql-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'

export function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** A line typed at a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let line = ''
    const done = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new Error('cancelled'))
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1)
        else line += ch
      }
    }
    stdin.on('data', onData)
  })
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? ''

export async function readPassword(file: string | undefined): Promise<string> {
  if (file) return firstLine(fs.readFileSync(file, 'utf8'))
  if (process.stdin.isTTY) {
    const password = await promptHidden('Password: ')
    const again = await promptHidden('Password again: ')
    if (password !== again) fail('The passwords differ; nothing was created.')
    return password
  }
  return firstLine(await readStdin())
}

/** The configuration, or its one-line refusal. */
export function config(): Config {
  try {
    return configFromEnv()
  } catch (err) {
    fail((err as Error).message)
  }
}

/** Runs `fn` on the configured database, migrated, and closes it. */
export async function withDatabase<T>(fn: (sql: SqlDatabase, config: Config) => T | Promise<T>): Promise<T> {
  const cfg = config()
  if (cfg.databaseUrl === null) return withSqliteDatabase((_db, c, sql) => fn(sql, c))
  let sql: SqlDatabase
  try {
    sql = await openPostgres({ url: cfg.databaseUrl, schema: cfg.databaseSchema })
  } catch (err) {
    fail(`Cannot open PostgreSQL: ${(err as Error).message}`)
  }
  try {
    return await fn(sql, cfg)
  } finally {
    await sql.close()
  }
}

/**
 * Runs `fn` on the SQLite file of DATA_DIR (`db` the raw connection, `sql` the storage interface
 * on it), for the commands that are about that file; refused with DATABASE_URL set.
 */
export async function withSqliteDatabase<T>(
  fn: (db: Db, config: Config, sql: SqlDatabase) => T | Promise<T>,
  what = 'This command',
): Promise<T> {
  const cfg = config()
  if (cfg.databaseUrl !== null) refuseOnPostgres(what)
  let db: Db
  try {
    db = openDatabase(cfg.dataDir, cfg.syncMode)
  } catch (err) {
    fail((err as Error).message)
  }
  try {
    return await fn(db, cfg, new SqliteSqlDatabase(db))
  } finally {
    db.close()
  }
}

/** The one line a SQLite-only command answers with DATABASE_URL set. */
export function refuseOnPostgres(what: string): never {
  fail(
    `${what} works on the SQLite file in DATA_DIR; DATABASE_URL is set, so the data is in PostgreSQL. ` +
      'Back up and restore PostgreSQL with its own tools (pg_dump, pg_restore; see docs/operations.md).',
  )
}

/** The one positional argument a command takes. */
export function single(
  args: string[],
  usage: string,
): { value: string; options: { 'password-file'?: string } } {
  const { values, positionals } = parseArgs({
    args,
    options: { 'password-file': { type: 'string' } },
    allowPositionals: true,
  })
  if (positionals.length !== 1) fail(`usage: npm run admin -- ${usage}`)
  return { value: positionals[0] as string, options: values }
}
