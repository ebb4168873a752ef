/**
 * Opens the embedded SQLite database: WAL journal, the configured durability level, foreign
 * keys on, and every pending migration applied. A data directory the server cannot write is
 * refused at once, with a message that says which and why, not a stack trace; so is a database
 * written by a newer release (a rollback must restore the backup taken before the upgrade).
 * Before migrating an existing database, a copy of it is kept in the data directory.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { FOREIGN_KEYS_OFF, MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

export const DB_FILE = 'ratswerkstatt.sqlite'

/**
 * Creates DATA_DIR if needed and makes sure this process may write it; else one message saying
 * which directory and why (`holds`: what the server keeps there).
 */
export function ensureDataDir(dataDir: string, holds = 'stores every edit there'): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    // Also catches a read-only mount or an immutable directory, which file modes do not show.
    fs.accessSync(dataDir, fs.constants.W_OK)
  } catch (err) {
    throw new Error(
      `DATA_DIR ${path.resolve(dataDir)} is not writable (${(err as NodeJS.ErrnoException).code}). ` +
        `Ratswerkstatt ${holds}: point DATA_DIR at a directory this process may write.`,
    )
  }
}

export function openDatabase(dataDir: string, syncMode: 'FULL' | 'NORMAL' = 'FULL'): Db {
  ensureDataDir(dataDir)
  const db = new Database(path.join(dataDir, DB_FILE))
  try {
    // Before anything writes to the file: a newer release's database is left as it is.
    checkSchemaVersion(db, db.name)
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${syncMode}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Deleted rows are overwritten with zeros, so a deleted workshop's texts leave the file's
    // free pages too (the WAL is checkpointed with TRUNCATE after a deletion: retention/).
    db.pragma('secure_delete = ON')
    migrate(db, dataDir)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

/** Refuses a schema newer than this code's. */
export function checkSchemaVersion(db: Db, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length)
    throw new Error(
      `The database ${file} has schema version ${current}, newer than this release knows (${MIGRATIONS.length}). ` +
        'Start the newer release, or restore the backup-before-v… file it made before upgrading.',
    )
  return current
}

function migrate(db: Db, dataDir: string): void {
  const current = checkSchemaVersion(db, db.name)
  if (current > 0 && current < MIGRATIONS.length) backUpBeforeMigrating(db, dataDir, MIGRATIONS.length)
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] as string
    const keysOff = sql.includes(FOREIGN_KEYS_OFF)
    const enforced = db.pragma('foreign_keys', { simple: true }) === 1
    // Outside the transaction: SQLite ignores this pragma inside one.
    if (keysOff && enforced) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(sql)
        if (keysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[]
          if (broken.length > 0)
            throw new Error(`migration ${version + 1} broke ${broken.length} foreign keys`)
        }
        db.pragma(`user_version = ${version + 1}`)
      })()
    } finally {
      if (keysOff && enforced) db.pragma('foreign_keys = ON')
    }
  }
}

/**
 * A consistent copy of the database as it was, `backup-before-v<N>-<time>.sqlite` in the data
 * directory. `VACUUM INTO` is SQLite's online copy that runs synchronously (the backup API of
 * better-sqlite3 is asynchronous, and the server opens its database before it serves).
 */
function backUpBeforeMigrating(db: Db, dataDir: string, target: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(dataDir, `backup-before-v${target}-${stamp}.sqlite`)
  db.prepare('VACUUM INTO ?').run(file)
  return file
}
