/**
 * Reconnect storm, short version (bench/storm.ts runs 200): every client loses its connection at
 * once, keeps editing offline, and comes back through the admission queue. All converge to one
 * board, and nothing written offline is lost.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, moveCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { useSyncHarness } from '../support/harness.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const CLIENTS = 60

describe('reconnect storm', () => {
  it(`brings ${CLIENTS} clients back to one board after they all drop at once`, async () => {
    const { server, token, id } = await h.world({ sync: { admissionPerSecond: 100, admissionBurst: 20 } })
    const clients: SyncClient[] = []
    for (let i = 0; i < CLIENTS; i++) clients.push(h.client(id, token))
    await Promise.all(clients.map((c) => waitSynced(c, 15_000)))
    clients.forEach((c, i) => {
      addCard(c.doc, `c${i}`, { text: `Karte ${i}`, x: i, y: 0, color: 'yellow' })
    })
    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('room not loaded')
    await waitFor(() => readCards(room.doc).length === CLIENTS, 10_000, 'all cards on the server')

    const dropped = server.deps.sync.dropAll()
    expect(dropped).toBeGreaterThanOrEqual(CLIENTS)
    // While they are away, everyone moves their card.
    clients.forEach((c, i) => {
      moveCard(c.doc, `c${i}`, i, 500)
    })
    const serverVector = () => Y.encodeStateVector(room.doc).toString()
    await waitFor(
      () => clients.every((c) => c.provider.synced && c.provider.wsconnected),
      20_000,
      'every client back and synced',
    )
    await waitFor(
      () => readCards(room.doc).every((c) => c.y === 500),
      10_000,
      'every offline edit on the server',
    )
    await waitFor(
      () => clients.every((c) => Y.encodeStateVector(c.doc).toString() === serverVector()),
      10_000,
      'convergence',
    )
    const failed = clients.filter(
      (c) => JSON.stringify(readCards(c.doc)) !== JSON.stringify(readCards(room.doc)),
    ).length
    expect(failed).toBe(0)
    console.log(
      `reconnect storm: ${CLIENTS} clients dropped at once, ${CLIENTS - failed} converged, ${failed} failed`,
    )
  })
})
