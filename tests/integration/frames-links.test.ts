/**
 * Frames and connectors over real connections: a participant records the frame of their own card
 * only where moving it is allowed and only for a frame that holds it; nobody but a facilitator
 * writes connectors or frames; a facilitator's frame move carries its cards. Real server, real
 * y-websocket clients, raw peers for what an honest client never sends.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomStore } from '../../server/sync/room-store.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { addConnector, readConnectors } from '../../shared/board/connectors.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import { moveFrame, readFrames, setFrame } from '../../shared/board/frames.ts'
import { FIELD, movesOf, notesOf, readCards, refusalsOf } from '../../shared/board/schema.ts'
import { joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, syncMessage } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

const cardOn = (doc: Y.Doc, id: string) => readCards(doc).find((c) => c.id === id)

describe('frames and connectors on the server', () => {
  it('takes a participant’s frame only where moving the card is allowed and the frame holds it', async () => {
    const { id, joinCode, facilitator } = await h.world()
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const mallory = await joinAsGuest(h.server.url, joinCode, 'Mallory')
    setFrame(facilitator.doc, { id: 'f1', title: 'Verkehr', x: 0, y: 0, w: 400, h: 300 })
    setFrame(facilitator.doc, { id: 'f2', title: 'Grün', x: 600, y: 0, w: 400, h: 300 })
    const desk = h.client(`${id}/desk`, anna.token)
    const malloryDesk = h.client(`${id}/desk`, mallory.token)
    await Promise.all([waitSynced(desk), waitSynced(malloryDesk)])
    addCard(desk.doc, 'a1', { text: 'Radweg', x: 20, y: 500, color: 'yellow' })
    await waitFor(() => cardOn(facilitator.doc, 'a1') !== undefined, 5000, 'card on the board')
    const deskCard = notesOf(desk.doc).get('a1') as Y.Map<unknown>
    const drop = (x: number, y: number, frameId: string | null) =>
      desk.doc.transact(() => {
        deskCard.set(FIELD.x, x)
        deskCard.set(FIELD.y, y)
        deskCard.set(FIELD.frameId, frameId)
      })
    const refusal = () => refusalsOf(desk.doc).get('a1') ?? null

    // Dropped into a frame: it joins.
    drop(20, 60, 'f1')
    await waitFor(() => cardOn(facilitator.doc, 'a1')?.frameId === 'f1', 5000, 'joined f1')

    // A frame that does not hold the card, or does not exist: refused, nothing changes.
    drop(40, 60, 'f2')
    await waitFor(() => refusal() === 'bad-frame', 5000, 'bad-frame refusal')
    drop(40, 80, 'ghost')
    await waitFor(() => deskCard.get(FIELD.y) === 80 && refusal() === 'bad-frame')
    expect(cardOn(facilitator.doc, 'a1')).toMatchObject({ x: 20, y: 60, frameId: 'f1' })

    // Locked: no moving, so no clustering either.
    setFacilitation(facilitator.doc, 'locked', true)
    await new Promise((r) => setTimeout(r, 100))
    drop(620, 60, 'f2')
    await waitFor(() => refusal() === 'board-locked', 5000, 'locked refusal')
    expect(cardOn(facilitator.doc, 'a1')).toMatchObject({ x: 20, y: 60, frameId: 'f1' })
    setFacilitation(facilitator.doc, 'locked', false)
    await new Promise((r) => setTimeout(r, 100))

    // Dropped outside every frame: it leaves (recorded as none).
    drop(20, 500, null)
    await waitFor(() => cardOn(facilitator.doc, 'a1')?.frameId === null, 5000, 'left f1')
    expect(refusal()).toBeNull()

    // Someone else's card: Mallory's wish is refused while moves are off, and when they are on
    // the card records the frame it lands in (the server decides, from where it lands).
    movesOf(malloryDesk.doc).set('a1', { x: 620, y: 60 })
    await waitFor(() => refusalsOf(malloryDesk.doc).get('a1') === 'moves-not-allowed', 5000, 'moves refused')
    expect(cardOn(facilitator.doc, 'a1')).toMatchObject({ x: 20, y: 500, frameId: null })
    setFacilitation(facilitator.doc, 'participantMoves', true)
    await new Promise((r) => setTimeout(r, 100))
    movesOf(malloryDesk.doc).set('a1', { x: 640, y: 80 })
    await waitFor(() => cardOn(facilitator.doc, 'a1')?.frameId === 'f2', 5000, 'moved into f2')

    // The facilitator moves f2: the card goes along, on every screen and in the store.
    moveFrame(facilitator.doc, 'f2', 600, 800)
    await waitFor(() => cardOn(facilitator.doc, 'a1')?.y === 880)
    const room = h.server.deps.sync.registry.get(id)
    await waitFor(() => (room ? cardOn(room.doc, 'a1')?.y === 880 : false), 5000, 'server has the move')
    expect(readFrames(room?.doc as Y.Doc).find((f) => f.id === 'f2')).toMatchObject({ x: 600, y: 800 })
  })

  it('stores connectors a facilitator draws and refuses a participant’s', async () => {
    const { server, id, joinCode, facilitator } = await h.world()
    const mallory = await joinAsGuest(server.url, joinCode, 'Mallory')
    addCard(facilitator.doc, 'c1', { text: 'Eins', x: 0, y: 0, color: 'yellow' })
    addCard(facilitator.doc, 'c2', { text: 'Zwei', x: 300, y: 0, color: 'yellow' })
    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('board not loaded')
    await waitFor(() => readCards(room.doc).length === 2)

    // Mallory writes a connector and a frame on the board, and a connector into her desk.
    const peer = await openRaw(server.url, id, { token: mallory.token })
    await waitFor(() => peer.frames.length > 0)
    const onTop = (change: (doc: Y.Doc) => void) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc))
      const before = Y.encodeStateVector(doc)
      change(doc)
      return Y.encodeStateAsUpdate(doc, before)
    }
    peer.send(
      syncMessage(
        2,
        onTop((d) => addConnector(d, 'c1', 'c2')),
      ),
    )
    peer.send(
      syncMessage(
        2,
        onTop((d) => setFrame(d, { id: 'fx', title: 'Mallory', x: 0, y: 0, w: 400, h: 300 })),
      ),
    )
    const deskPeer = await openRaw(server.url, `${id}/desk`, { token: mallory.token })
    await waitFor(() => deskPeer.frames.length > 0)
    const smuggled = new Y.Doc()
    smuggled.getMap('connectors').set('l1', { from: 'c1', to: 'c2', createdAt: 1 })
    deskPeer.send(syncMessage(2, Y.encodeStateAsUpdate(smuggled)))
    await new Promise((r) => setTimeout(r, 300))
    expect(readConnectors(room.doc)).toEqual([])
    expect(readFrames(room.doc)).toEqual([])
    const deskStored = (await new RoomStore(server.deps.sql).load(`${id}/desk/${mallory.participantId}`)).doc
    expect(deskStored.share.has('connectors')).toBe(false)

    // The facilitator's connector is stored and reaches everyone.
    const result = addConnector(facilitator.doc, 'c1', 'c2')
    expect(result.ok).toBe(true)
    await waitFor(() => readConnectors(room.doc).length === 1, 5000, 'connector stored')
    const reader = h.client(id, mallory.token)
    await waitSynced(reader)
    await waitFor(() => readConnectors(reader.doc).length === 1, 5000, 'connector broadcast')
    expect(readConnectors((await new RoomStore(server.deps.sql).load(id)).doc)).toHaveLength(1)
  })
})
