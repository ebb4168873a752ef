/**
 * Durability under `kill -9`: a server process is killed while a facilitator streams edits.
 * Whatever another client had received before the kill must be in the restored room, and the
 * writer, reconnecting on its own, converges with the restarted server.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, setCardText } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { createWorkshop, setupFacilitator } from '../support/api.ts'
import { type ServerProcess, spawnServer } from '../support/server-process.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'
import { tempDataDir } from '../support/test-server.ts'

const processes: ServerProcess[] = []
const clients: SyncClient[] = []
let dataDir = ''
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of processes.splice(0)) {
    p.child.kill('SIGKILL')
    await p.exited
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

/** True when `doc` contains every update that `seen` contains. */
function containsAll(doc: Y.Doc, seen: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
    if ((have.get(client) ?? 0) < clock) return false
  }
  return true
}

describe('kill -9 during editing', () => {
  it('loses nothing that another client had received', async () => {
    dataDir = tempDataDir()
    const first = await spawnServer(dataDir)
    processes.push(first)
    const token = await setupFacilitator(first.url)
    const { id } = await createWorkshop(first.url, token)
    const writer = connectClient(first.url, id, token)
    const observer = connectClient(first.url, id, token)
    clients.push(writer, observer)
    await Promise.all([waitSynced(writer), waitSynced(observer)])

    let i = 0
    const stream = setInterval(() => {
      for (let k = 0; k < 5; k++, i++) {
        addCard(writer.doc, `c${i}`, { text: `Karte ${i}`, x: i, y: i, color: 'yellow' })
        if (i > 0) setCardText(writer.doc, `c${i - 1}`, `Karte ${i - 1} überarbeitet`)
      }
    }, 2)
    await waitFor(() => readCards(observer.doc).length >= 300, 15_000, 'observer to receive a stream')
    first.child.kill('SIGKILL')
    await first.exited
    clearInterval(stream)
    const seen = new Y.Doc()
    Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc))
    const seenCards = readCards(seen).length
    observer.destroy()
    clients.splice(clients.indexOf(observer), 1)

    // Restart on the same data (the port changes, so the old writer reconnects by hand below).
    const second = await spawnServer(dataDir)
    processes.push(second)
    const restored = connectClient(second.url, id, token)
    clients.push(restored)
    await waitSynced(restored, 10_000)
    expect(seenCards).toBeGreaterThanOrEqual(300)
    expect(containsAll(restored.doc, seen)).toBe(true)
    expect(readCards(restored.doc).length).toBeGreaterThanOrEqual(seenCards)

    // The writer's own unsent edits arrive when it reconnects: everyone converges.
    const rejoined = connectClient(second.url, id, token, { doc: writer.doc })
    writer.provider.destroy()
    clients.push(rejoined)
    await waitSynced(rejoined, 10_000)
    await waitFor(
      () => containsAll(restored.doc, writer.doc) && containsAll(writer.doc, restored.doc),
      10_000,
      'convergence after reconnect',
    )
    expect(readCards(restored.doc)).toEqual(readCards(writer.doc))
  })
})
