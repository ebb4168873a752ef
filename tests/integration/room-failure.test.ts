/**
 * A room whose document throws while applying an update (a Yjs failure the inspection did not
 * foresee, or a server observer's bug) is never left half-applied: nothing of that update is
 * stored or relayed, the peer that sent it is refused, and everyone else reconnects to the room
 * reloaded from disk, with everything accepted before it, and goes on working.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { notesOf, readCards } from '../../shared/board/schema.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { createWorkshop, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

const ids = (client: SyncClient) =>
  readCards(client.doc)
    .map((card) => card.id)
    .sort()

/** Stops reconnecting after a permanent refusal, as the browser client does. */
function stopOnRefusal(client: SyncClient): void {
  client.provider.on('connection-close', (event) => {
    if (event && event.code >= 4400 && event.code < 4500) client.provider.disconnect()
  })
}

describe('a room that fails to apply an update', () => {
  it('drops that update, refuses its sender and reloads the room from disk for everyone else', async () => {
    const { id, token, joinCode, facilitator } = await h.world()
    const offender = h.client(id, token)
    stopOnRefusal(offender)
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await Promise.all([waitSynced(offender), waitSynced(desk)])
    for (const card of ['c1', 'c2', 'c3'])
      addCard(facilitator.doc, card, { text: card, x: 0, y: 0, color: 'blue' })
    await waitFor(() => ids(offender).length === 3, 5000, 'cards to reach the second screen')

    const sync = h.server.deps.sync
    const failing = sync.registry.get(id)
    if (!failing) throw new Error('board not loaded')
    // Stands in for whatever makes Yjs throw halfway through an update: it throws after the card
    // is integrated, so the half-applied state is really there in the failing document.
    notesOf(failing.doc).observe((event) => {
      if (event.keysChanged.has('boom')) throw new Error('simulated failure inside Yjs')
    })
    addCard(offender.doc, 'boom', { text: 'kaputt', x: 0, y: 0, color: 'pink' })

    await waitFor(() => offender.closes.includes(CLOSE.malformedFrame.code), 5000, 'the sender refused')
    await waitFor(() => facilitator.closes.includes(CLOSE.roomFailed.code), 5000, 'the others closed')
    await waitFor(() => desk.closes.includes(CLOSE.roomFailed.code), 5000, "the desk's connection closed")
    expect(failing.isFailed).toBe(true)
    expect(failing.isDestroyed).toBe(true)

    await Promise.all([waitSynced(facilitator), waitSynced(desk)])
    await waitFor(() => facilitator.provider.wsconnected && desk.provider.wsconnected)
    const reloaded = sync.registry.get(id)
    expect(reloaded).toBeDefined()
    expect(reloaded).not.toBe(failing)
    expect(
      readCards(reloaded?.doc ?? failing.doc)
        .map((card) => card.id)
        .sort(),
    ).toEqual(['c1', 'c2', 'c3'])
    expect(ids(facilitator)).toEqual(['c1', 'c2', 'c3'])

    // The room goes on: a facilitator's card and a citizen's desk card (projected onto the
    // reloaded board, not the discarded one) reach the board and are stored.
    addCard(facilitator.doc, 'c4', { text: 'weiter', x: 0, y: 0, color: 'blue' })
    addCard(desk.doc, 'd1', { text: 'vom Platz', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => ids(facilitator).includes('d1') && ids(facilitator).includes('c4'), 5000, 'new cards')
    await waitFor(() => sync.writer.idle)
    const stored = (await sync.store.load(id, [], false)).doc
    expect(
      readCards(stored)
        .map((card) => card.id)
        .sort(),
    ).toEqual(['c1', 'c2', 'c3', 'c4', 'd1'])
    expect(notesOf(stored).has('boom')).toBe(false)
  })

  it('fails a room whose stored row Yjs cannot read, instead of throwing out of its build', async () => {
    const { id, token, facilitator } = await h.world()
    addCard(facilitator.doc, 'c1', { text: 'gespeichert', x: 0, y: 0, color: 'blue' })
    const sync = h.server.deps.sync
    await waitFor(() => {
      const board = sync.registry.get(id)
      return !!board && readCards(board.doc).length === 1 && sync.writer.idle
    })
    facilitator.provider.disconnect()
    await waitFor(() => sync.connectionCount === 0)
    sync.registry.unloadAll()
    await waitFor(() => sync.writer.idle)
    // Disk corruption: the room's one stored row is garbage (the log was folded into it on unload).
    await h.server.deps.sql.run('UPDATE room_state SET state = ? WHERE room = ?', [
      Buffer.from([9, 9, 9, 9]),
      id,
    ])
    expect(
      await h.server.deps.sql.get('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?', [id]),
    ).toEqual({
      n: 0,
    })

    const room = await sync.registry.acquire(id)
    expect(room.isBuilt).toBe(false)
    expect(() => room.doc).not.toThrow()
    expect(room.isFailed).toBe(true)
    expect(sync.registry.get(id)).toBeUndefined()
    // The server goes on: another workshop still syncs.
    const other = await createWorkshop(h.server.url, token, 'Andere')
    const screen = h.client(other.id, token)
    await waitSynced(screen)
    addCard(screen.doc, 'x', { text: 'weiter', x: 0, y: 0, color: 'blue' })
    await waitFor(
      async () =>
        sync.writer.idle && readCards((await sync.store.load(other.id, [], false)).doc).length === 1,
    )
  })
})
