/**
 * Two tabs of one browser share their edits through a BroadcastChannel, beside the server. One
 * tab's edit can therefore build on the other tab's edit before that has reached the server. The
 * server must not take that for an attack: it asks the tab to resync and stores both edits.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, moveCard } from '../../shared/board/card-ops.ts'
import { notesOf, readCards } from '../../shared/board/schema.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, syncMessage } from '../support/raw-client.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/** What the BroadcastChannel does: `from`'s edits applied in `to` as if they came from its provider, which does not send them on. */
function shareInBrowser(from: SyncClient, to: SyncClient): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), to.provider)
}

const cardAt = (client: SyncClient, id: string) => readCards(client.doc).find((card) => card.id === id)

describe('two tabs of one browser', () => {
  it("stores an edit that builds on the other tab's edit not yet at the server, without closing", async () => {
    const { id, token, facilitator: screen } = await h.world()
    const tabA = h.client(id, token)
    const tabB = h.client(id, token)
    await Promise.all([waitSynced(tabA), waitSynced(tabB)])

    // Tab A's socket is down for a moment; its new card reaches tab B through the browser only.
    tabA.provider.disconnect()
    addCard(tabA.doc, 'neu', { text: 'Radweg', x: 0, y: 0, color: 'green' })
    shareInBrowser(tabA, tabB)
    expect(notesOf(tabB.doc).has('neu')).toBe(true)
    // Tab B moves it: its update builds on content the server lacks.
    moveCard(tabB.doc, 'neu', 40, 50)

    await waitFor(() => cardAt(screen, 'neu')?.x === 40, 5000, 'the card and its move on the other screen')
    expect(cardAt(screen, 'neu')).toMatchObject({ text: 'Radweg', x: 40, y: 50 })
    expect(tabB.closes).toEqual([])
    expect(tabB.provider.wsconnected).toBe(true)

    // Tab A comes back: everything converges, nothing twice.
    tabA.provider.connect()
    await waitSynced(tabA)
    await waitFor(() => cardAt(tabA, 'neu')?.x === 40, 5000, 'tab A to converge')
    expect(readCards(screen.doc)).toEqual(readCards(tabA.doc))
    await waitFor(() => h.server.deps.sync.writer.idle)
    const stored = (await h.server.deps.sync.store.load(id, [], false)).doc
    expect(readCards(stored).find((card) => card.id === 'neu')).toMatchObject({ x: 40, y: 50 })
  })

  it('refuses the resync answer if it still lacks what the edit builds on', async () => {
    const { id, token } = await h.world()
    const peer = await openRaw(h.server.url, id, { token })
    await waitFor(
      () => peer.frames.some((frame) => frame[0] === 0 && frame[1] === SYNC_STEP_1),
      5000,
      'step 1',
    )
    const asked = peer.frames.length
    // A move of a card that exists nowhere: built in a document the server never saw.
    const elsewhere = new Y.Doc()
    addCard(elsewhere, 'phantom', { text: 'nirgends', x: 0, y: 0, color: 'blue' })
    const before = Y.encodeStateVector(elsewhere)
    moveCard(elsewhere, 'phantom', 9, 9)
    const onTop = Y.encodeStateAsUpdate(elsewhere, before)

    peer.send(syncMessage(SYNC_UPDATE, onTop))
    await waitFor(
      () => peer.frames.slice(asked).some((frame) => frame[0] === 0 && frame[1] === SYNC_STEP_1),
      5000,
      'the server to ask for a resync',
    )
    // Further edits on the same missing content wait for the answer; they are not refused.
    peer.send(syncMessage(SYNC_UPDATE, onTop))
    peer.send(syncMessage(SYNC_STEP_2, onTop))
    expect((await peer.closed).code).toBe(CLOSE.malformedFrame.code)
    const room = h.server.deps.sync.registry.get(id)
    expect(room && notesOf(room.doc).has('phantom')).toBe(false)
  })
})
