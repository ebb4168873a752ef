/**
 * A reader that stops reading (a laptop asleep mid-sync, a phone in a tunnel) must not hold up
 * anyone else: while it is stalled, another screen gets every update at once, and once its queue
 * passes the limit the server drops its socket (it reconnects and resyncs).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, syncMessage } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const UPDATES = 60
const TEXT = 'x'.repeat(100_000)

describe('a stalled reader', () => {
  it('delays nobody else and is cut off once its queue is full', async () => {
    const { id, token, facilitator } = await h.world({ sync: { maxBufferedBytes: 1024 * 1024 } })
    const stalled = await openRaw(h.server.url, id, { token })
    stalled.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => stalled.frames.length > 0)
    // Stop reading: the server's writes pile up in the kernel and then in its own queue.
    stalled.ws.pause()
    const screen = h.client(id, token)
    await waitSynced(screen)

    const notes = facilitator.doc.getMap<Y.Map<unknown>>('notes')
    const sentAt = new Map<string, number>()
    const delays: number[] = []
    screen.doc.getMap<Y.Map<unknown>>('notes').observe((event) => {
      for (const key of event.keysChanged) {
        const at = sentAt.get(key)
        if (at !== undefined) delays.push(performance.now() - at)
      }
    })
    for (let i = 0; i < UPDATES; i++) {
      const card = new Y.Map<unknown>()
      card.set('text', new Y.Text(TEXT))
      sentAt.set(`big${i}`, performance.now())
      notes.set(`big${i}`, card)
      await new Promise((r) => setTimeout(r, 10))
    }
    await waitFor(() => delays.length === UPDATES, 10_000, 'every update on the other screen')
    await waitFor(
      () => h.server.deps.sync.connectionsOf(id).length === 2,
      10_000,
      'the stalled reader cut off',
    )
    // The server dropped the socket: a close frame would wait behind the queue it does not read.
    stalled.ws.resume()
    expect((await stalled.closed).code).toBe(1006)
    const worst = Math.max(...delays)
    console.log(
      `stalled reader: ${UPDATES} updates of 100 kB, the other screen got all, worst delay ${worst.toFixed(1)} ms; the stalled one was dropped once 1 MiB was queued`,
    )
    expect(worst).toBeLessThan(1000)
    expect(screen.closes).toEqual([])
  }, 30_000)
})
