/**
 * Presence goes out in batches: the cursor moves of a whole room within one batch reach each
 * peer as one message, not one per move, so traffic no longer grows with the square of the room.
 * Real y-websocket clients still see each other and the sender its own state come back.
 */
import { describe, expect, it } from 'vitest'
import { useSyncHarness } from '../support/harness.ts'
import { awarenessMessage, openRaw, receivedAwareness } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const PEERS = 10
const MOVES = 10

const isAwareness = (frame: Uint8Array) => frame[0] === 1

describe('presence batching', () => {
  it(`relays ${PEERS} moving cursors in a few messages, each peer’s latest state included`, async () => {
    const { id, token } = await h.world()
    const watcher = await openRaw(h.server.url, id, { token })
    const movers = await Promise.all(
      Array.from({ length: PEERS }, () => openRaw(h.server.url, id, { token })),
    )
    await waitFor(() => [watcher, ...movers].every((p) => p.frames.length > 0), 5000, 'all admitted')
    await new Promise((r) => setTimeout(r, 150))
    const before = watcher.frames.length
    for (let move = 0; move < MOVES; move++) {
      movers.forEach((peer, i) => {
        peer.send(
          awarenessMessage([{ clientId: 20_000 + i, clock: move + 1, state: { cursor: { x: move, y: i } } }]),
        )
      })
      await new Promise((r) => setTimeout(r, 20))
    }
    const latest = (clientId: number) =>
      receivedAwareness(watcher.frames.slice(before))
        .filter((e) => e.clientId === clientId)
        .at(-1)?.state as { cursor?: { x: number } } | undefined
    await waitFor(
      () => movers.every((_, i) => latest(20_000 + i)?.cursor?.x === MOVES - 1),
      5000,
      'every cursor’s last position',
    )
    await new Promise((r) => setTimeout(r, 200))
    const messages = watcher.frames.slice(before).filter(isAwareness).length
    console.log(
      `presence: ${PEERS} peers x ${MOVES} moves in ~${MOVES * 20} ms reached a watcher in ${messages} messages (unbatched: ${PEERS * MOVES})`,
    )
    expect(messages).toBeLessThan((PEERS * MOVES) / 4)
    for (const peer of [watcher, ...movers]) peer.ws.close()
  })

  it('lets y-websocket clients see each other and their own state come back', async () => {
    const { id, token, facilitator } = await h.world()
    const other = h.client(id, token)
    await waitSynced(other)
    facilitator.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    other.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 })
    const cursorOf = (states: Map<number, Record<string, unknown>>, clientId: number) =>
      states.get(clientId)?.cursor as { x: number } | undefined
    await waitFor(
      () =>
        cursorOf(facilitator.provider.awareness.getStates(), other.doc.clientID)?.x === 3 &&
        cursorOf(other.provider.awareness.getStates(), facilitator.doc.clientID)?.x === 1,
      5000,
      'both cursors on both screens',
    )
    // The sender's own state comes back (the provider counts silence as a dead connection).
    const room = h.server.deps.sync.registry.get(id)
    if (!room) throw new Error('room not loaded')
    const ws = facilitator.provider.ws
    if (!ws) throw new Error('not connected')
    let echoed = false
    ws.addEventListener('message', (event) => {
      const data = new Uint8Array(event.data as ArrayBuffer)
      if (isAwareness(data)) echoed = true
    })
    facilitator.provider.awareness.setLocalStateField('cursor', { x: 5, y: 6 })
    await waitFor(() => echoed, 2000, 'the facilitator’s presence echoed')
    expect(room.awareness.getStates().get(facilitator.doc.clientID)?.user).toMatchObject({
      role: 'facilitator',
    })
    expect(facilitator.closes).toEqual([])
  })
})
