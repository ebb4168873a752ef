/**
 * Server-owned card state (issue 11, C): private drafts, the approval queue, hidden cards and
 * facilitator deletions are server records, never inferred from "on a desk but not on the
 * board". Each test is one hole of today's main, tried with a real server and real clients.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addCard, deleteCard, setCardText } from '../../shared/board/card-ops.ts'
import { readFacilitation, setFacilitation } from '../../shared/board/facilitation.ts'
import { cardStatesOf, readCards, refusalsOf } from '../../shared/board/schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'
import type { TestServer } from '../support/test-server.ts'

const h = useSyncHarness()

type World = Awaited<ReturnType<typeof h.world>>

async function guest(world: World, name: string) {
  const joined = await joinAsGuest(world.server.url, world.joinCode, name)
  const desk = h.client(`${world.id}/desk`, joined.token)
  await waitSynced(desk)
  return { ...joined, desk }
}

/** The board as the server holds it. */
function serverBoard(server: TestServer, id: string): Y.Doc {
  const room = server.deps.sync.registry.get(id)
  if (!room) throw new Error('board not loaded')
  return room.doc
}

async function settle(server: TestServer): Promise<void> {
  await waitFor(() => server.deps.sync.writer.idle)
  await new Promise((r) => setTimeout(r, 150))
}

/** A facilitator's switch, once the server has it. */
async function setSwitch(world: World, key: 'privateWriting' | 'approval', value: boolean) {
  setFacilitation(world.facilitator.doc, key, value)
  await waitFor(() => readFacilitation(serverBoard(world.server, world.id))[key] === value)
  await settle(world.server)
}

const get = (world: World, path: string) =>
  call(world.server.url, 'GET', `/api/workshops/${world.id}${path}`, undefined, world.token)
const post = (world: World, path: string, body?: unknown) =>
  call(world.server.url, 'POST', `/api/workshops/${world.id}${path}`, body, world.token)
const pendingTexts = async (world: World) =>
  ((await get(world, '/pending')).json.pending as { text: string }[]).map((p) => p.text)
const boardTexts = (world: World) => readCards(world.facilitator.doc).map((c) => c.text)

describe('private drafts', () => {
  it('never reach /pending when private writing is switched off while approval is on', async () => {
    const world = await h.world()
    await setSwitch(world, 'approval', true)
    await setSwitch(world, 'privateWriting', true)
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'p1', { text: 'Mein privater Entwurf', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    expect((await get(world, '/private')).json).toMatchObject({ count: 1 })

    await setSwitch(world, 'privateWriting', false)
    expect(await pendingTexts(world)).toEqual([])
    // Ending private writing is a reveal: the card is on the board, not stranded on the desk.
    await waitFor(() => boardTexts(world).includes('Mein privater Entwurf'), 3000, 'the revealed card')
    expect((await get(world, '/private')).json).toMatchObject({ count: 0 })
  })

  it('never reach /pending after a phase change without a reveal, and the phase change reveals them', async () => {
    const world = await h.world()
    const script = await call(
      world.server.url,
      'POST',
      '/api/workshops',
      { title: 'W', template: 'zukunftswerkstatt' },
      world.token,
    )
    const w: World = {
      ...world,
      id: script.json.id,
      joinCode: script.json.joinCode,
      facilitator: h.client(script.json.id, world.token),
    }
    await waitSynced(w.facilitator)
    expect((await post(w, '/phase', { phaseId: 'zw-kritik' })).status).toBe(200)
    await waitFor(() => readFacilitation(w.facilitator.doc).privateWriting)
    const anna = await guest(w, 'Anna')
    addCard(anna.desk.doc, 'k1', { text: 'Kritik an der Verwaltung', x: 0, y: 0, color: 'pink' })
    await settle(w.server)
    expect((await get(w, '/private')).json).toMatchObject({ count: 1 })

    expect((await post(w, '/phase', { phaseId: 'zw-fantasie' })).status).toBe(200)
    await settle(w.server)
    expect(await pendingTexts(w)).toEqual([])
    await waitFor(() => boardTexts(w).includes('Kritik an der Verwaltung'), 3000, 'the revealed card')
    expect(readCards(w.facilitator.doc)[0]).toMatchObject({ id: 'k1', authorName: 'Anna' })
    // The ending phase's snapshot holds the revealed card.
    const snapshots = (await get(w, '/snapshots')).json.snapshots as { id: string; label: string }[]
    const kritik = snapshots.find((s) => s.label === 'Kritikphase')
    const minutes = await get(w, `/minutes?format=md&snapshot=${kritik?.id}`)
    expect(minutes.json).toContain('Kritik an der Verwaltung')
  })

  it('are revealed by a phase change even when the next phase writes privately too', async () => {
    const world = await h.world()
    const script = await call(
      world.server.url,
      'POST',
      '/api/workshops',
      { title: 'W', template: 'zukunftswerkstatt' },
      world.token,
    )
    const w: World = {
      ...world,
      id: script.json.id,
      joinCode: script.json.joinCode,
      facilitator: h.client(script.json.id, world.token),
    }
    await waitSynced(w.facilitator)
    await post(w, '/phase', { phaseId: 'zw-kritik' })
    await waitFor(() => readFacilitation(w.facilitator.doc).privateWriting)
    const anna = await guest(w, 'Anna')
    addCard(anna.desk.doc, 'k1', { text: 'Erste Runde', x: 0, y: 0, color: 'pink' })
    await settle(w.server)
    await post(w, '/phase', { phaseId: 'zw-kritik' })
    await waitFor(() => boardTexts(w).includes('Erste Runde'), 3000, 'the revealed card')
    expect((await get(w, '/private')).json).toMatchObject({ count: 0 })
  })

  it('are counted from the records: the facilitator’s poll loads no desk', async () => {
    const world = await h.world({ sync: { idleUnloadMs: 50 } })
    await setSwitch(world, 'privateWriting', true)
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'p1', { text: 'still', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    anna.desk.destroy()
    const deskRoom = `${world.id}/desk/${anna.participantId}`
    await waitFor(() => !world.server.deps.sync.registry.get(deskRoom), 3000, 'the desk to unload')
    expect((await get(world, '/private')).json).toMatchObject({ count: 1 })
    expect(world.server.deps.sync.registry.get(deskRoom)).toBeUndefined()
  })
})

describe('the approval queue', () => {
  it('keeps waiting cards when approval is switched off, until the facilitator approves', async () => {
    const world = await h.world()
    await setSwitch(world, 'approval', true)
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'a1', { text: 'Wartet', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    await setSwitch(world, 'approval', false)
    expect((await get(world, '/private')).json).toEqual({ count: 0, waiting: 1 })
    // The author edits the waiting card: it stays in the queue, off the board.
    setCardText(anna.desk.doc, 'a1', 'Wartet, überarbeitet')
    await settle(world.server)
    expect(boardTexts(world)).toEqual([])
    expect(await pendingTexts(world)).toEqual(['Wartet, überarbeitet'])
    expect(cardStatesOf(anna.desk.doc).get('a1')?.state).toBe('approval')
    expect(
      (await post(world, '/pending/approve', { participantId: anna.participantId, cardId: 'a1' })).status,
    ).toBe(200)
    await waitFor(() => boardTexts(world).includes('Wartet, überarbeitet'))
    await waitFor(() => !cardStatesOf(anna.desk.doc).has('a1'), 3000, 'the state to clear')
    expect(await pendingTexts(world)).toEqual([])
  })

  it('rejects a waiting card: it stays off the board and its author’s desk shows the reason', async () => {
    const world = await h.world()
    await setSwitch(world, 'approval', true)
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'a1', { text: 'Werbung für meinen Laden', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    const rejected = await post(world, '/pending/reject', {
      participantId: anna.participantId,
      cardId: 'a1',
      reason: 'Keine Werbung',
    })
    expect(rejected.status).toBe(200)
    await waitFor(() => cardStatesOf(anna.desk.doc).get('a1')?.state === 'rejected', 3000, 'the rejection')
    expect(cardStatesOf(anna.desk.doc).get('a1')).toMatchObject({ reason: 'Keine Werbung', by: 'moderation' })
    expect(await pendingTexts(world)).toEqual([])
    await setSwitch(world, 'approval', false)
    setCardText(anna.desk.doc, 'a1', 'Werbung, nochmal')
    await waitFor(() => refusalsOf(anna.desk.doc).get('a1') === 'card-rejected', 3000, 'the refusal')
    expect(boardTexts(world)).toEqual([])
    expect(
      (await post(world, '/pending/approve', { participantId: anna.participantId, cardId: 'a1' })).status,
    ).toBe(404)
    const bad = await post(world, '/pending/reject', { participantId: anna.participantId, cardId: 'a1' })
    expect(bad.status).toBe(400)
  })

  it('drops a removed participant’s waiting cards from the queue and its count', async () => {
    const world = await h.world()
    await setSwitch(world, 'approval', true)
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'a1', { text: 'Von Anna', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    expect((await get(world, '/private')).json).toEqual({ count: 0, waiting: 1 })
    const removed = await call(
      world.server.url,
      'DELETE',
      `/api/workshops/${world.id}/participants/${anna.participantId}`,
      undefined,
      world.token,
    )
    expect(removed.status).toBe(204)
    expect((await get(world, '/private')).json).toEqual({ count: 0, waiting: 0 })
    expect(await pendingTexts(world)).toEqual([])
  })
})

describe('hidden cards', () => {
  async function hiddenCard() {
    const world = await h.world()
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'rude', { text: 'Beleidigung', x: 0, y: 0, color: 'pink' })
    await waitFor(() => boardTexts(world).length === 1)
    expect((await post(world, '/cards/rude/hide', { reason: 'beleidigend' })).status).toBe(200)
    await waitFor(() => readCards(world.facilitator.doc)[0]?.hidden !== null)
    await settle(world.server)
    return { world, anna }
  }

  it('cannot be erased by its author’s desk delete', async () => {
    const { world, anna } = await hiddenCard()
    deleteCard(anna.desk.doc, 'rude')
    await settle(world.server)
    expect(readCards(serverBoard(world.server, world.id))).toMatchObject([
      { id: 'rude', text: '', hidden: { reason: 'beleidigend' } },
    ])
    expect(cardStatesOf(anna.desk.doc).get('rude')).toMatchObject({ state: 'hidden', reason: 'beleidigend' })
  })

  it('refuses re-creating the hidden id', async () => {
    const { world, anna } = await hiddenCard()
    deleteCard(anna.desk.doc, 'rude')
    await settle(world.server)
    addCard(anna.desk.doc, 'rude', { text: 'Beleidigung, neu', x: 0, y: 0, color: 'pink' })
    await waitFor(() => refusalsOf(anna.desk.doc).get('rude') === 'card-hidden', 3000, 'the refusal')
    expect(readCards(serverBoard(world.server, world.id))).toMatchObject([{ id: 'rude', text: '' }])
    expect(JSON.stringify(world.facilitator.doc.toJSON())).not.toContain('Beleidigung, neu')
  })
})

describe('a card a facilitator deleted', () => {
  async function deletedCard(settings: { privateWriting?: boolean } = {}) {
    const world = await h.world()
    const anna = await guest(world, 'Anna')
    addCard(anna.desk.doc, 'k1', { text: 'Gelöscht', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => boardTexts(world).length === 1)
    if (settings.privateWriting) await setSwitch(world, 'privateWriting', true)
    deleteCard(world.facilitator.doc, 'k1')
    await settle(world.server)
    expect(readCards(serverBoard(world.server, world.id))).toEqual([])
    return { world, anna }
  }

  it('stays deleted after its author’s next edit, and the desk shows why', async () => {
    const { world, anna } = await deletedCard()
    setCardText(anna.desk.doc, 'k1', 'Gelöscht? Wieder da!')
    await settle(world.server)
    expect(readCards(serverBoard(world.server, world.id))).toEqual([])
    await waitFor(() => refusalsOf(anna.desk.doc).get('k1') === 'card-deleted', 3000, 'the refusal')
    expect(cardStatesOf(anna.desk.doc).get('k1')).toMatchObject({ state: 'deleted', by: 'moderation' })
    deleteCard(anna.desk.doc, 'k1')
    await settle(world.server)
    addCard(anna.desk.doc, 'k1', { text: 'neu unter alter Nummer', x: 0, y: 0, color: 'yellow' })
    await settle(world.server)
    expect(readCards(serverBoard(world.server, world.id))).toEqual([])
  })

  it('stays deleted through a reveal and an approval', async () => {
    const { world, anna } = await deletedCard({ privateWriting: true })
    expect((await post(world, '/reveal')).json).toEqual({ revealed: 0 })
    await setSwitch(world, 'privateWriting', false)
    await setSwitch(world, 'approval', true)
    const approve = await post(world, '/pending/approve', { participantId: anna.participantId, cardId: 'k1' })
    expect(approve.status).toBe(404)
    await settle(world.server)
    expect(readCards(serverBoard(world.server, world.id))).toEqual([])
  })
})
