/**
 * The adversarial suite: participants, observers and facilitators try every write their role forbids, with
 * real y-websocket clients and raw protocol peers. Nothing forbidden is stored or broadcast;
 * honest edits before and after still sync. The figures are printed.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomStore } from '../../server/sync/room-store.ts'
import { addCard, setCardAuthor } from '../../shared/board/card-ops.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import { FIELD, notesOf, readCards, refusalsOf } from '../../shared/board/schema.ts'
import { createWorkshop, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { awarenessMessage, openRaw, receivedAwareness, syncMessage } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const figures = { tries: 0, stored: 0, broadcast: 0 }
afterAll(() => {
  console.log(
    `forbidden writes: ${figures.tries} tried, ${figures.stored} stored, ${figures.broadcast} broadcast (leaks: ${figures.stored + figures.broadcast})`,
  )
})

const MARK = 'VERBOTEN'

const client = (room: string, token: string) => h.client(room, token)

function updateWith(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  build(doc)
  return Y.encodeStateAsUpdate(doc)
}

/** An edit on top of `base`'s state, as a peer synced with it sends it. */
function editOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('forbidden writes', () => {
  it('stores and broadcasts none of them, while honest edits keep flowing', async () => {
    const server = await h.start()
    const token = await setupFacilitator(server.url)
    const { id, joinCode } = await createWorkshop(server.url, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const mallory = await joinAsGuest(server.url, joinCode, 'Mallory')
    const press = await joinAsGuest(server.url, joinCode, 'Presse', 'observer')

    const facilitator = client(id, token)
    const annaDesk = client(`${id}/desk`, anna.token)
    await Promise.all([waitSynced(facilitator), waitSynced(annaDesk)])
    const watcher = await openRaw(server.url, id, { token: anna.token })

    // Honest edits before.
    addCard(facilitator.doc, 'honest-f1', { text: 'Moderation vorher', x: 0, y: 0, color: 'blue' })
    addCard(annaDesk.doc, 'anna1', { text: 'Anna vorher', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 2)

    const attempts: { name: string; room: string; token: string; frame: Uint8Array }[] = [
      {
        name: 'citizen writes the board',
        room: id,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => addCard(d, 'm1', { text: MARK, x: 0, y: 0, color: 'pink' })),
        ),
      },
      {
        name: 'observer writes the board',
        room: id,
        token: press.token,
        frame: syncMessage(
          2,
          updateWith((d) => addCard(d, 'p1', { text: MARK, x: 0, y: 0, color: 'pink' })),
        ),
      },
      {
        name: 'observer writes its desk',
        room: `${id}/desk`,
        token: press.token,
        frame: syncMessage(
          2,
          updateWith((d) => addCard(d, 'p2', { text: MARK, x: 0, y: 0, color: 'pink' })),
        ),
      },
      {
        name: 'citizen sets facilitator state on the board',
        room: id,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => setFacilitation(d, 'locked', true)),
        ),
      },
      {
        name: 'citizen writes facilitator state into its desk',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => d.getMap('facilitation').set('participantMoves', MARK)),
        ),
      },
      {
        name: 'citizen writes an unknown root type into its desk',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => d.getArray('schmuggel').push([MARK])),
        ),
      },
      {
        name: 'citizen writes refusals into its desk',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => d.getMap('refusals').set('x', MARK)),
        ),
      },
      {
        name: 'citizen forges author fields',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => {
            addCard(d, 'm2', { text: MARK, x: 0, y: 0, color: 'pink' })
            const card = notesOf(d).get('m2')
            if (card)
              setCardAuthor(card, { authorId: anna.participantId, authorName: 'Anna', authorRole: 'citizen' })
          }),
        ),
      },
      {
        name: 'citizen reuses another author’s card id',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => addCard(d, 'anna1', { text: MARK, x: 5, y: 5, color: 'pink' })),
        ),
      },
      {
        name: 'facilitator rewrites the author of a citizen’s card',
        room: id,
        token,
        frame: syncMessage(
          2,
          editOf(facilitator.doc, (d) => notesOf(d).get('anna1')?.set(FIELD.authorName, MARK)),
        ),
      },
      {
        name: 'facilitator marks a citizen’s card hidden on the board',
        room: id,
        token,
        frame: syncMessage(
          2,
          editOf(facilitator.doc, (d) =>
            notesOf(d).get('anna1')?.set(FIELD.hidden, { reason: MARK, by: MARK, at: 1 }),
          ),
        ),
      },
      {
        name: 'citizen moves another’s card while moves are off',
        room: `${id}/desk`,
        token: mallory.token,
        frame: syncMessage(
          2,
          updateWith((d) => d.getMap('moves').set('honest-f1', { x: 999, y: 999 })),
        ),
      },
    ]

    for (const attempt of attempts) {
      figures.tries++
      const peer = await openRaw(server.url, attempt.room, { token: attempt.token })
      await waitFor(() => peer.frames.length > 0)
      peer.send(attempt.frame)
      // A forbidden write is dropped; one that keeps coming closes the connection.
      for (let i = 0; i < 3; i++) peer.send(attempt.frame)
      await Promise.race([peer.closed, new Promise((r) => setTimeout(r, 150))])
      peer.ws.close()
    }
    // An oversized card: Mallory's short card is accepted, growing it past the limit is not.
    const malloryDesk = client(`${id}/desk`, mallory.token)
    await waitSynced(malloryDesk)
    figures.tries++
    addCard(malloryDesk.doc, 'm4', { text: 'x', x: 0, y: 0, color: 'pink' })
    const text = notesOf(malloryDesk.doc).get('m4')?.get(FIELD.text) as Y.Text
    text.insert(1, `${MARK}${'x'.repeat(1200)}`)
    await waitFor(() => refusalsOf(malloryDesk.doc).get('m4') === 'text-too-long', 3000, 'refusal shown')

    // Mallory rewrites the server's refusal: her new value names only the old one as its
    // neighbour, so where it lands is known only from the room. From a second connection she
    // deletes it. (Each connection can write nothing more: its next writes would build on the
    // refused one.) Then an honest card from a fresh connection.
    figures.tries += 2
    const eraser = client(`${id}/desk`, mallory.token)
    await waitSynced(eraser)
    refusalsOf(malloryDesk.doc).set('m4', MARK)
    refusalsOf(eraser.doc).delete('m4')
    await new Promise((resolve) => setTimeout(resolve, 200))
    const malloryAgain = client(`${id}/desk`, mallory.token)
    await waitSynced(malloryAgain)
    addCard(malloryAgain.doc, 'm5', { text: 'Mallory ehrlich', x: 0, y: 0, color: 'green' })

    // Presence: Mallory tries to pose as the facilitator.
    figures.tries++
    const liar = await openRaw(server.url, id, { token: mallory.token })
    liar.send(
      awarenessMessage([{ clientId: 31337, clock: 1, state: { user: { name: MARK, role: 'facilitator' } } }]),
    )

    // Honest edits after.
    addCard(facilitator.doc, 'honest-f2', { text: 'Moderation nachher', x: 0, y: 0, color: 'blue' })
    addCard(annaDesk.doc, 'anna2', { text: 'Anna nachher', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 6, 5000, 'honest edits after')
    await waitFor(() => receivedAwareness(watcher.frames).some((e) => e.clientId === 31337))

    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('board not loaded')
    const onBoard =
      JSON.stringify(readCards(room.doc)) + JSON.stringify(room.doc.getMap('facilitation').toJSON())
    if (onBoard.includes(MARK) || room.doc.share.has('schmuggel')) figures.stored++
    const stored = (await new RoomStore(server.deps.sql).load(id)).doc
    if (JSON.stringify(readCards(stored)).includes(MARK)) figures.stored++
    const malloryStored = (await new RoomStore(server.deps.sql).load(`${id}/desk/${mallory.participantId}`))
      .doc
    const deskRoots = [...malloryStored.share.keys()].filter(
      (root) => !['notes', 'moves', 'refusals'].includes(root),
    )
    if (deskRoots.length > 0 || JSON.stringify(malloryStored.getMap('refusals').toJSON()).includes(MARK))
      figures.stored++
    if (framesContain(watcher.frames, MARK)) figures.broadcast++
    for (const c of [facilitator, annaDesk])
      if (JSON.stringify(c.doc.toJSON()).includes(MARK)) figures.broadcast++

    expect(
      readCards(room.doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['anna1', 'anna2', 'honest-f1', 'honest-f2', 'm4', 'm5'])
    expect(malloryStored.getMap('refusals').get('m4')).toBe('text-too-long')
    expect(readCards(room.doc).find((c) => c.id === 'm4')).toMatchObject({ text: 'x', authorName: 'Mallory' })
    expect(readCards(room.doc).find((c) => c.id === 'anna1')).toMatchObject({
      text: 'Anna vorher',
      authorName: 'Anna',
    })
    expect(readCards(room.doc).find((c) => c.id === 'honest-f1')).toMatchObject({ x: 0, y: 0 })
    expect(figures.stored).toBe(0)
    expect(figures.broadcast).toBe(0)
    expect(figures.tries).toBe(attempts.length + 4)
    const presence = receivedAwareness(watcher.frames).filter((e) => e.clientId === 31337)
    expect(presence.at(-1)?.state).toMatchObject({ user: { name: 'Mallory', role: 'citizen' } })
  })
})
