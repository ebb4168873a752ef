/**
 * A full disk under a live workshop: the real server process is denied file growth (RLIMIT_FSIZE,
 * the same EFBIG a full disk gives), so SQLite cannot write. The facilitator's screen must say
 * so, nobody may see an edit that is not stored, health must fail, and once the disk has room
 * again every accepted edit is stored, delivered and survives a `kill -9`.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { readServerStatus } from '../../shared/protocol/server-status.ts'
import { call, createWorkshop, setupFacilitator } from '../support/api.ts'
import { useServerProcesses } from '../support/server-processes.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const servers = useServerProcesses()

/** Sets the soft limit on the size of any file the process writes (1 byte: nothing can grow). */
function limitFileSize(pid: number, limit: '1' | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${limit}:`])
}

const storageWarning = (client: SyncClient) => readServerStatus(client.provider.awareness.getStates())

describe.each(['on', 'off'])('full disk (commit thread %s)', (commitThread) => {
  it('warns the facilitator, holds edits back, and stores all of them once there is room', async () => {
    const server = await servers.spawn({ COMMIT_THREAD: commitThread })
    const token = await setupFacilitator(server.url)
    const { id } = await createWorkshop(server.url, token)
    const facilitator = connectClient(server.url, id, token)
    const screen = connectClient(server.url, id, token)
    servers.track(facilitator, screen)
    await Promise.all([waitSynced(facilitator), waitSynced(screen)])
    addCard(facilitator.doc, 'before', { text: 'vor dem Fehler', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => readCards(screen.doc).length === 1, 5000, 'first card')

    limitFileSize(server.child.pid as number, '1')
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

    limitFileSize(server.child.pid as number, 'unlimited')
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
