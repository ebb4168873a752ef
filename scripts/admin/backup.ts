/**
 * `backup` and `restore`: SQLite's online backup to one self-contained file, and putting such a
 * file back while no server runs, keeping the replaced database aside.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { checkSchemaVersion, DB_FILE, type Db } from '../../server/db/open-database.ts'
import { runningServerPid } from '../../server/ops/pid-file.ts'
import { config, fail, refuseOnPostgres, single } from './cli.ts'

/** Opens a database file as it is: no migration, nothing written. */
function openAsIs(file: string, readonly: boolean): Db {
  try {
    return new Database(file, { fileMustExist: true, readonly })
  } catch (err) {
    fail(`Cannot open ${file}: ${(err as Error).message}`)
  }
}

function integrityOf(db: Db): string {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join('; ')
  } catch (err) {
    return (err as Error).message
  }
}

export async function backup(args: string[]): Promise<void> {
  const { value } = single(args, 'backup <file>')
  if (config().databaseUrl !== null) refuseOnPostgres('backup')
  const target = path.resolve(value)
  if (fs.existsSync(target)) fail(`${target} exists already; choose a new file name.`)
  const source = openAsIs(path.join(config().dataDir, DB_FILE), false)
  try {
    // SQLite's online backup: pages copied in steps, consistent, beside a server that writes on.
    await source.backup(target)
  } catch (err) {
    fs.rmSync(target, { force: true })
    fail(`The backup failed: ${(err as Error).message}`)
  } finally {
    source.close()
  }
  // One self-contained file: no -wal or -shm beside it, now or when it is read for a restore.
  const copy = openAsIs(target, false)
  copy.pragma('journal_mode = DELETE')
  const integrity = integrityOf(copy)
  copy.close()
  if (integrity !== 'ok') fail(`The backup ${target} does not check out: ${integrity}`)
  process.stdout.write(`Backup written to ${target} (${fs.statSync(target).size} bytes, integrity ok).\n`)
}

export async function restore(args: string[]): Promise<void> {
  const { value } = single(args, 'restore <file>')
  if (config().databaseUrl !== null) refuseOnPostgres('restore')
  const source = path.resolve(value)
  const { dataDir } = config()
  const pid = runningServerPid(dataDir)
  if (pid !== null)
    fail(
      `A server (pid ${pid}) runs on ${dataDir}: stop it first (systemctl stop ratswerkstatt), then restore.`,
    )
  const from = openAsIs(source, true)
  const staging = path.join(dataDir, `${DB_FILE}.restoring`)
  try {
    const integrity = integrityOf(from)
    if (integrity !== 'ok') fail(`${source} is damaged (integrity_check: ${integrity}); nothing was changed.`)
    try {
      checkSchemaVersion(from, source)
    } catch (err) {
      fail(`${(err as Error).message} Nothing was changed.`)
    }
    if (!from.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get())
      fail(`${source} is not a Ratswerkstatt database; nothing was changed.`)
    fs.mkdirSync(dataDir, { recursive: true })
    fs.rmSync(staging, { force: true })
    await from.backup(staging)
  } finally {
    from.close()
  }
  const live = path.join(dataDir, DB_FILE)
  let kept: string | null = null
  if (fs.existsSync(live)) {
    // Fold the live WAL into the file first, so the copy kept aside is complete on its own.
    const current = openAsIs(live, false)
    current.pragma('wal_checkpoint(TRUNCATE)')
    current.close()
    kept = path.join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`)
    fs.renameSync(live, kept)
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true })
  fs.renameSync(staging, live)
  process.stdout.write(
    `Restored ${source} into ${dataDir}${kept ? `; the previous database is kept as ${kept}` : ''}. Start the server now.\n`,
  )
}
