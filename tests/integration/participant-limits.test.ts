/**
 * One participant cannot stall a workshop: its sync sockets are capped (counted before they wait
 * for admission), its connections share one message budget, its frames are capped near the desk
 * quota (facilitators keep the large limit), a waiting socket's early frames are byte-capped and
 * dropped when it closes, and a role change or removal reaches sockets still waiting.
 */
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, type RawPeer, syncMessage } from '../support/raw-client.ts'
import { waitFor } from '../support/sync-client.ts'

const h = useSyncHarness()
/** The limits under test (PARTICIPANT_LIMITS.maxConnections, MAX_EARLY_BYTES), spelled out. */
const MAX_PER_PARTICIPANT = 8
const MAX_EARLY_BYTES = 1024 * 1024

/** A frame of the protocol's auth message type, which the server ignores: pure size. */
function authFrame(bytes: number): Uint8Array {
  const frame = new Uint8Array(bytes)
  frame[0] = 2
  return frame
}

const admitted = (peer: RawPeer) => peer.frames.length > 0
const isStep2 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 1

describe('connections per participant', () => {
  it('admits 8 of 50 sockets from one guest token, refuses the rest before they queue, and the others still get in', async () => {
    const { id, joinCode } = await h.world({
      env: { MAX_CONNECTIONS_PER_WORKSHOP: '20' },
      sync: { admissionPerSecond: 20, admissionBurst: 5 },
    })
    const sync = h.server.deps.sync
    const guest = await joinAsGuest(h.server.url, joinCode, 'Vielfach')
    const peers = await Promise.all(
      Array.from({ length: 50 }, () => openRaw(h.server.url, id, { token: guest.token })),
    )
    const refused: RawPeer[] = []
    for (const peer of peers) peer.closed.then(() => refused.push(peer))
    await waitFor(() => refused.length >= 42, 5000, '42 refusals')
    // Refused at once: most of the 8 are still waiting for admission when the others are turned away.
    expect(sync.heldBy(id, guest.participantId)).toBe(MAX_PER_PARTICIPANT)
    await waitFor(() => peers.filter(admitted).length === MAX_PER_PARTICIPANT, 5000, '8 admitted')
    for (const peer of refused) {
      expect(await peer.closed).toEqual({
        code: CLOSE.tooManyConnections.code,
        reason: CLOSE.tooManyConnections.reason,
      })
    }
    expect(refused.length).toBe(42)
    const refusedCount = refused.length
    expect(sync.connectionsOf(id, guest.participantId).length).toBe(8)

    // Everyone else still gets in, and the y-websocket client of the ninth tab stops retrying.
    const other = await joinAsGuest(h.server.url, joinCode, 'Andere')
    const otherPeer = await openRaw(h.server.url, id, { token: other.token })
    await waitFor(() => admitted(otherPeer), 5000, 'another participant admitted')
    const ninth = h.client(id, guest.token)
    await waitFor(() => ninth.closes.length > 0, 5000, 'the ninth tab refused')
    await new Promise((r) => setTimeout(r, 300))
    expect(ninth.closes).toEqual([CLOSE.tooManyConnections.code])
    expect(ninth.provider.shouldConnect).toBe(false)

    // A closed tab gives its slot back.
    const open = peers.filter(admitted)
    open[0]?.ws.close()
    await waitFor(() => sync.heldBy(id, guest.participantId) === 7, 5000, 'the slot given back')
    const again = await openRaw(h.server.url, id, { token: guest.token })
    await waitFor(() => admitted(again), 5000, 'the guest back in')
    console.log(
      `connections per participant: 50 sockets from one guest, ${peers.filter(admitted).length} admitted, ${refusedCount} closed with 4429; another guest admitted`,
    )
    for (const peer of [...open, otherPeer, again]) peer.ws.close()
  })

  it('shares one message budget between a participant’s connections', async () => {
    const { id, joinCode } = await h.world()
    const guest = await joinAsGuest(h.server.url, joinCode, 'Flut')
    const peers = await Promise.all(
      Array.from({ length: 4 }, () => openRaw(h.server.url, id, { token: guest.token })),
    )
    await waitFor(() => peers.every(admitted), 5000, 'all admitted')
    // 700 messages each stay within one connection's burst (1000); 2800 pass the participant's (2000).
    const query = new Uint8Array([3])
    for (let i = 0; i < 700; i++) for (const peer of peers) peer.send(query)
    const closes = await Promise.race([
      Promise.all(peers.map((p) => p.closed)),
      new Promise<null>((r) => setTimeout(() => r(null), 2000)),
    ])
    const limited = peers.filter((p) => p.ws.readyState !== p.ws.OPEN).length
    expect(limited).toBeGreaterThan(0)
    if (closes) expect(closes.some((c) => c.code === CLOSE.rateLimited.code)).toBe(true)
    console.log(`shared budget: 4 connections x 700 messages, ${limited} closed with 4029`)
    for (const peer of peers) peer.ws.close()
  })
})

describe('frame size', () => {
  it('closes a participant’s 8 MiB frame with 1009 while a facilitator’s passes', async () => {
    const { id, joinCode, token } = await h.world()
    const guest = await joinAsGuest(h.server.url, joinCode, 'Gross')
    const desk = await openRaw(h.server.url, `${id}/desk`, { token: guest.token })
    await waitFor(() => admitted(desk))
    desk.send(authFrame(8 * 1024 * 1024))
    const closed = await Promise.race([
      desk.closed,
      new Promise<null>((r) => setTimeout(() => r(null), 2000)),
    ])
    expect(closed?.code).toBe(1009)

    const facilitator = await openRaw(h.server.url, id, { token })
    await waitFor(() => admitted(facilitator))
    facilitator.send(authFrame(8 * 1024 * 1024))
    facilitator.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => facilitator.frames.some(isStep2), 5000, 'the facilitator answered after 8 MiB')
    expect(facilitator.ws.readyState).toBe(facilitator.ws.OPEN)
    facilitator.ws.close()
  })

  it('refuses a participant’s oversized frame from its header, before the payload arrives', async () => {
    const { id, joinCode } = await h.world()
    const guest = await joinAsGuest(h.server.url, joinCode, 'Kopf')
    const peer = await openRaw(h.server.url, id, { token: guest.token })
    await waitFor(() => admitted(peer))
    // A masked binary frame announcing 8 MiB (64-bit length), then only 1 KiB of it.
    const header = Buffer.alloc(14)
    header[0] = 0x82
    header[1] = 0x80 | 127
    header.writeBigUInt64BE(BigInt(8 * 1024 * 1024), 2)
    const socket = (peer.ws as unknown as { _socket: Socket })._socket
    socket.write(Buffer.concat([header, Buffer.alloc(1024)]))
    const closed = await Promise.race([
      peer.closed,
      new Promise<null>((r) => setTimeout(() => r(null), 2000)),
    ])
    expect(closed?.code).toBe(1009)
  })
})

describe('waiting for admission', () => {
  it('closes a waiting socket whose early frames pass the byte cap and drops them', async () => {
    const { id, joinCode } = await h.world({ sync: { admissionPerSecond: 1, admissionBurst: 1 } })
    const sync = h.server.deps.sync
    const guest = await joinAsGuest(h.server.url, joinCode, 'Früh')
    const peer = await openRaw(h.server.url, id, { token: guest.token })
    await waitFor(() => sync.admission.queued === 1, 2000, 'the socket waiting')
    const half = Math.ceil(MAX_EARLY_BYTES / 2) + 1024
    peer.send(authFrame(half))
    peer.send(authFrame(half))
    const closed = await Promise.race([peer.closed, new Promise<null>((r) => setTimeout(() => r(null), 800))])
    expect(closed).toEqual({ code: CLOSE.rateLimited.code, reason: CLOSE.rateLimited.reason })
    // It left the queue with its frames; its slot is back once the socket is gone.
    expect(sync.admission.queued).toBe(0)
    await waitFor(() => sync.heldBy(id, guest.participantId) === 0, 2000, 'the slot given back')
  })

  it('closes a waiting socket at once when its participant’s role changes or it is removed', async () => {
    const { id, joinCode, token } = await h.world({ sync: { admissionPerSecond: 1, admissionBurst: 1 } })
    const sync = h.server.deps.sync
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const bert = await joinAsGuest(h.server.url, joinCode, 'Bert')
    const annaPeer = await openRaw(h.server.url, `${id}/desk`, { token: anna.token })
    const bertPeer = await openRaw(h.server.url, id, { token: bert.token })
    await waitFor(() => sync.admission.queued === 2, 2000, 'both waiting')
    const demoted = await call(
      h.server.url,
      'PATCH',
      `/api/workshops/${id}/participants/${anna.participantId}`,
      { role: 'observer' },
      token,
    )
    expect(demoted.status).toBe(200)
    const removed = await call(
      h.server.url,
      'DELETE',
      `/api/workshops/${id}/participants/${bert.participantId}`,
      undefined,
      token,
    )
    expect(removed.status).toBe(204)
    const timeout = () => new Promise<null>((r) => setTimeout(() => r(null), 500))
    expect(await Promise.race([annaPeer.closed, timeout()])).toEqual({
      code: CLOSE.roleChanged.code,
      reason: CLOSE.roleChanged.reason,
    })
    expect(await Promise.race([bertPeer.closed, timeout()])).toEqual({
      code: CLOSE.removed.code,
      reason: CLOSE.removed.reason,
    })
    expect(annaPeer.frames.length + bertPeer.frames.length).toBe(0)
    expect(sync.admission.queued).toBe(0)
  })
})

describe('sync step 1', () => {
  it('answers step 1s that arrive before the answer went out once, from one encoding', async () => {
    const { id, token } = await h.world()
    const peer = await openRaw(h.server.url, id, { token })
    await waitFor(() => admitted(peer))
    const before = peer.frames.length
    // One write: an edit (the room now waits for its commit), then five step 1s behind it.
    const doc = new Y.Doc()
    addCard(doc, 'eins', { text: 'eins', x: 0, y: 0, color: 'yellow' })
    const empty = Y.encodeStateVector(new Y.Doc())
    const socket = (peer.ws as unknown as { _socket: Socket })._socket
    socket.cork()
    peer.send(syncMessage(2, Y.encodeStateAsUpdate(doc)))
    for (let i = 0; i < 5; i++) peer.send(syncMessage(0, empty))
    socket.uncork()
    await waitFor(() => peer.frames.slice(before).some(isStep2), 5000, 'the answer')
    await new Promise((r) => setTimeout(r, 300))
    expect(peer.frames.slice(before).filter(isStep2).length).toBe(1)

    // Peers with the same state vector share one encoding until the room changes.
    const room = h.server.deps.sync.registry.get(id)
    if (!room) throw new Error('room not loaded')
    const upToDate = Y.encodeStateVector(room.doc)
    expect(room.syncAnswerFor(upToDate)).toBe(room.syncAnswerFor(Uint8Array.from(upToDate)))
    peer.ws.close()
  })

  it('closes a connection that keeps asking with new state vectors', async () => {
    const { id, token } = await h.world()
    const peer = await openRaw(h.server.url, id, { token })
    await waitFor(() => admitted(peer))
    let answered = 0
    for (let i = 0; i < 10 && peer.ws.readyState === peer.ws.OPEN; i++) {
      const doc = new Y.Doc()
      doc.getMap('x').set('n', i)
      peer.send(syncMessage(0, Y.encodeStateVector(doc)))
      await Promise.race([
        waitFor(() => peer.frames.filter(isStep2).length > answered, 1000, 'an answer').catch(() => {}),
        peer.closed,
      ])
      answered = peer.frames.filter(isStep2).length
    }
    const closed = await Promise.race([peer.closed, new Promise<null>((r) => setTimeout(() => r(null), 500))])
    expect(closed).toEqual({ code: CLOSE.rateLimited.code, reason: CLOSE.rateLimited.reason })
    expect(answered).toBeLessThanOrEqual(5)
  })
})
