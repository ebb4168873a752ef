/**
 * Storage failing under a live workshop, with the real server process: a full disk (the process
 * is denied file growth, RLIMIT_FSIZE, the same EFBIG a full disk gives) and a data directory
 * that turns read-only (its files made immutable: writes fail with EPERM, as on a filesystem
 * remounted read-only after an error, which even root cannot write). The facilitator's screen
 * must say so, nobody may see an edit that is not stored, health must fail, and once writing
 * works again every accepted edit is stored, delivered and survives a `kill -9`. A data directory
 * that is read-only from the start stops the server with a message saying so. With
 * TEST_STORAGE=postgres the failure is PostgreSQL refusing the room writes (a trigger raising an
 * error), the rest the same; the data directory's files are SQLite's alone.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { readServerStatus } from '../../shared/protocol/server-status.ts'
import { call, createWorkshop, setupFacilitator } from '../support/api.ts'
import { spawnServer } from '../support/server-process.ts'
import { useServerProcesses } from '../support/server-processes.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'
import { tempDataDir } from '../support/test-server.ts'
import { ON_POSTGRES, storageEnvOf } from '../support/test-storage.ts'

const servers = useServerProcesses()

/** Sets the soft limit on the size of any file the process writes (1 byte: nothing can grow). */
function limitFileSize(pid: number, limit: '1' | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${limit}:`])
}

/**
 * Makes the data directory, the database and its write-ahead log immutable (or writable again):
 * not even root may write them. SQLite's `-shm` index stays writable: SQLite maps it into memory,
 * and a mapped file made immutable under a process kills it with SIGBUS on the next write.
 */
function setImmutable(dir: string, on: boolean): void {
  const database = path.join(dir, 'ratswerkstatt.sqlite')
  execFileSync('chattr', [on ? '+i' : '-i', dir, database, `${database}-wal`])
}

/** Makes the data directory's PostgreSQL schema refuse (or take again) every room write. */
async function refuseRoomWrites(dataDir: string, on: boolean): Promise<void> {
  const { DATABASE_URL, DATABASE_SCHEMA } = storageEnvOf(dataDir)
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    await client.query(`SET search_path = ${DATABASE_SCHEMA}`)
    if (on) {
      await client.query(`CREATE FUNCTION refuse_room_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$`)
      for (const table of ['room_updates', 'room_state'])
        await client.query(
          `CREATE TRIGGER refuse_room_write BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_room_write()`,
        )
    } else await client.query('DROP FUNCTION refuse_room_write() CASCADE')
  } finally {
    await client.end()
  }
}

interface Failure {
  name: string
  commitThread: 'on' | 'off'
  start(pid: number, dataDir: string): void | Promise<void>
  end(pid: number, dataDir: string): void | Promise<void>
}

const fullDisk = {
  name: 'full disk',
  start: (pid: number) => limitFileSize(pid, '1'),
  end: (pid: number) => limitFileSize(pid, 'unlimited'),
}
const readOnly = {
  name: 'read-only data directory',
  start: (_pid: number, dataDir: string) => setImmutable(dataDir, true),
  end: (_pid: number, dataDir: string) => setImmutable(dataDir, false),
}
const refusingPostgres = {
  name: 'PostgreSQL refusing writes',
  start: (_pid: number, dataDir: string) => refuseRoomWrites(dataDir, true),
  end: (_pid: number, dataDir: string) => refuseRoomWrites(dataDir, false),
}
const failures: Failure[] = ON_POSTGRES
  ? [{ ...refusingPostgres, commitThread: 'off' }]
  : [
      { ...fullDisk, commitThread: 'on' },
      { ...fullDisk, commitThread: 'off' },
      { ...readOnly, commitThread: 'off' },
    ]

const storageWarning = (client: SyncClient) => readServerStatus(client.provider.awareness.getStates())

describe.each(failures)('$name (commit thread $commitThread)', (failure) => {
  const { commitThread } = failure
  it('warns the facilitator, holds edits back, and stores all of them once writing works', async () => {
    const server = await servers.spawn({ COMMIT_THREAD: commitThread })
    const pid = server.child.pid as number
    const token = await setupFacilitator(server.url)
    const { id } = await createWorkshop(server.url, token)
    const facilitator = connectClient(server.url, id, token)
    const screen = connectClient(server.url, id, token)
    servers.track(facilitator, screen)
    await Promise.all([waitSynced(facilitator), waitSynced(screen)])
    addCard(facilitator.doc, 'before', { text: 'vor dem Fehler', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => readCards(screen.doc).length === 1, 5000, 'first card')

    await failure.start(pid, servers.dataDir)
    try {
      for (let i = 0; i < 20; i++)
        addCard(facilitator.doc, `held${i}`, { text: `Karte ${i}`, x: i, y: i, color: 'green' })
      await waitFor(() => storageWarning(facilitator) !== null, 5000, 'the storage warning')
      await waitFor(() => storageWarning(screen) !== null, 5000, 'the warning on every screen')
      const health = await fetch(`${server.url}/api/health`)
      expect(health.status).toBe(503)
      expect(((await health.json()) as { error: { code: string } }).error.code).toBe('storage-failing')
      // A snapshot must not hold what is not stored: refused with a clear error, not left hanging.
      const snapshot = await call(
        server.url,
        'POST',
        `/api/workshops/${id}/snapshots`,
        { label: 'Stand' },
        token,
      )
      expect(snapshot.status).toBe(503)
      expect(snapshot.json.error.code).toBe('storage-failing')
      // Nothing that is not on disk reaches anyone else.
      await new Promise((r) => setTimeout(r, 300))
      expect(readCards(screen.doc).map((c) => c.id)).toEqual(['before'])
    } finally {
      await failure.end(pid, servers.dataDir)
    }

    await waitFor(() => readCards(screen.doc).length === 21, 5000, 'held cards after recovery')
    await waitFor(() => storageWarning(facilitator) === null, 5000, 'the warning to clear')
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)

    server.child.kill('SIGKILL')
    await server.exited
    const restarted = await servers.spawn({ COMMIT_THREAD: commitThread })
    const reader = connectClient(restarted.url, id, token)
    servers.track(reader)
    await waitSynced(reader, 10_000)
    expect(readCards(reader.doc)).toHaveLength(21)
  }, 30_000)
})

describe('a data directory read-only from the start', () => {
  it('stops the server with a message naming the directory, not a stack trace', async () => {
    const parent = tempDataDir()
    execFileSync('chattr', ['+i', parent])
    try {
      const started = spawnServer(path.join(parent, 'data'))
      await expect(started).rejects.toThrow(/exited with 1/)
      const output = await started.catch((err: Error) => err.message)
      expect(output).toContain(
        `Ratswerkstatt cannot start: DATA_DIR ${path.join(parent, 'data')} is not writable`,
      )
      expect(output).not.toMatch(/\n\s+at /)
    } finally {
      execFileSync('chattr', ['-i', parent])
      fs.rmSync(parent, { recursive: true, force: true })
    }
  })
})
