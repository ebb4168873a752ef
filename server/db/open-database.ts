/**
 * Opens the embedded SQLite database: WAL journal, the configured durability level, foreign
 * keys on, and every pending migration applied. A data directory the server cannot write is
 * refused at once, with a message that says which and why, not a stack trace.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

/** The data directory cannot be used; the message is meant for whoever runs the server. */
export class DataDirError extends Error {}

export function openDatabase(dataDir: string, syncMode: 'FULL' | 'NORMAL' = 'FULL'): Db {
  const file = path.join(dataDir, 'ratswerkstatt.sqlite')
  let db: Db
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    // Also catches a read-only mount or an immutable directory, which file modes do not show.
    fs.accessSync(dataDir, fs.constants.W_OK)
    db = new Database(file)
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message
    throw new DataDirError(
      `DATA_DIR ${path.resolve(dataDir)} is not writable (${reason}). Ratswerkstatt stores every ` +
        'edit there: point DATA_DIR at a directory this process may write.',
    )
  }
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${syncMode}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] as string
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
