/**
 * Opens the embedded SQLite database: WAL journal, the configured durability level, foreign
 * keys on, and every pending migration applied. A data directory the server cannot write is
 * refused at once, with a message that says which and why, not a stack trace.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { FOREIGN_KEYS_OFF, MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

export function openDatabase(dataDir: string, syncMode: 'FULL' | 'NORMAL' = 'FULL'): Db {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    // Also catches a read-only mount or an immutable directory, which file modes do not show.
    fs.accessSync(dataDir, fs.constants.W_OK)
  } catch (err) {
    throw new Error(
      `DATA_DIR ${path.resolve(dataDir)} is not writable (${(err as NodeJS.ErrnoException).code}). ` +
        'Ratswerkstatt stores every edit there: point DATA_DIR at a directory this process may write.',
    )
  }
  const db = new Database(path.join(dataDir, 'ratswerkstatt.sqlite'))
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
