/**
 * Migrations: a database written by a newer release is refused with one clear line, and an
 * existing database is copied (`backup-before-v<N>-<time>.sqlite`) before it is migrated.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/db/migrations.ts'
import { DB_FILE, openDatabase } from '../../server/db/open-database.ts'
import { tempDataDir } from '../support/test-server.ts'
import { sqliteOnly } from '../support/test-storage.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function dataDir(): string {
  const d = tempDataDir()
  dirs.push(d)
  return d
}

/** A database as an older release left it: the first `version` migrations and one account. */
function olderDatabase(dir: string, version: number): void {
  const db = new Database(path.join(dir, DB_FILE))
  db.pragma('journal_mode = WAL')
  for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql)
  db.pragma(`user_version = ${version}`)
  db.prepare(
    "INSERT INTO users (id, username, password_hash, role, is_admin, created_at) VALUES ('u1', 'altkonto', 'x', 'facilitator', 1, 1)",
  ).run()
  db.close()
}

sqliteOnly("SQLite's file migrations, the same in the SQLite run")('migrations', () => {
  it('refuse a database newer than the code with one line', () => {
    const dir = dataDir()
    const db = new Database(path.join(dir, DB_FILE))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    let message = ''
    try {
      openDatabase(dir).close()
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain(
      `schema version ${MIGRATIONS.length + 1}, newer than this release knows (${MIGRATIONS.length})`,
    )
    expect(message).not.toContain('\n')
    // Nothing was changed: still the newer version.
    const after = new Database(path.join(dir, DB_FILE), { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1)
    after.close()
  })

  it('back the existing database up before migrating it, and not a fresh one', () => {
    const fresh = dataDir()
    openDatabase(fresh).close()
    expect(fs.readdirSync(fresh).filter((f) => f.startsWith('backup-'))).toEqual([])

    const dir = dataDir()
    const old = MIGRATIONS.length - 2
    olderDatabase(dir, old)
    const db = openDatabase(dir)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    db.close()
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('backup-'))
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatch(
      new RegExp(`^backup-before-v${MIGRATIONS.length}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.sqlite$`),
    )
    const copy = new Database(path.join(dir, backups[0] as string), { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(old)
    expect(copy.prepare('SELECT username FROM users').all()).toEqual([{ username: 'altkonto' }])
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
    // Opened again at the current version: no second copy.
    openDatabase(dir).close()
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('backup-'))).toHaveLength(1)
  })
})
