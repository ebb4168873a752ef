/**
 * Opens the embedded SQLite database: WAL journal, the configured durability level, foreign
 * keys on, and every pending migration applied.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

export function openDatabase(dataDir: string, syncMode: 'FULL' | 'NORMAL' = 'FULL'): Db {
  fs.mkdirSync(dataDir, { recursive: true })
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
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
