/**
 * Board sync through real y-websocket clients against a real server: convergence, late
 * joiners, restarts, and the desk path by which participants reach the board.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { addCard, moveCard, setCardText } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { createWorkshop, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { connectClient, type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'
import { startTestServer, type TestServer, tempDataDir } from '../support/test-server.ts'

const servers: TestServer[] = []
const clients: SyncClient[] = []
/** Data directories a test chose itself; a server removes only those it made. */
const dataDirs: string[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.dispose()
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function start(dataDir?: string) {
  const server = await startTestServer(dataDir ? { dataDir } : {})
  servers.push(server)
  return server
}

function client(url: string, room: string, token: string) {
  const c = connectClient(url, room, token)
  clients.push(c)
  return c
}

const card = { text: 'Radwege fehlen', x: 10, y: 20, color: 'yellow' as const }

describe('board sync', () => {
  it('two facilitator clients converge and a late joiner gets the full state', async () => {
    const server = await start()
    const token = await setupFacilitator(server.url)
    const { id } = await createWorkshop(server.url, token)
    const a = client(server.url, id, token)
    const b = client(server.url, id, token)
    await Promise.all([waitSynced(a), waitSynced(b)])
    addCard(a.doc, 'c1', card)
    addCard(b.doc, 'c2', { ...card, text: 'Mehr Bänke' })
    await waitFor(() => readCards(a.doc).length === 2 && readCards(b.doc).length === 2)
    moveCard(b.doc, 'c1', 300, 400)
    setCardText(a.doc, 'c2', 'Mehr Bänke im Park')
    // Converged, including the author the server stamps on each card.
    await waitFor(
      () =>
        readCards(a.doc).every((c) => c.authorName) &&
        JSON.stringify(readCards(a.doc)) === JSON.stringify(readCards(b.doc)),
    )
    const late = client(server.url, id, token)
    await waitSynced(late)
    expect(readCards(late.doc)).toEqual(readCards(a.doc))
    expect(readCards(late.doc).find((c) => c.id === 'c1')).toMatchObject({ x: 300, y: 400 })
  })

  it('a restart restores the board exactly', async () => {
    const dataDir = tempDataDir()
    dataDirs.push(dataDir)
    const first = await start(dataDir)
    const token = await setupFacilitator(first.url)
    const { id } = await createWorkshop(first.url, token)
    const a = client(first.url, id, token)
    await waitSynced(a)
    for (let i = 0; i < 30; i++) addCard(a.doc, `card${i}`, { ...card, text: `Idee ${i}`, x: i })
    const serverBoard = first.deps.sync.registry.get(id)
    // The server stamps every card with its author; wait until the client has that too.
    await waitFor(() => readCards(a.doc).filter((c) => c.authorName === 'moderation').length === 30)
    await waitFor(
      () => !!serverBoard && readCards(serverBoard.doc).length === 30 && first.deps.sync.writer.idle,
    )
    const before = readCards(a.doc)
    a.destroy()
    clients.splice(clients.indexOf(a), 1)
    await first.close()
    servers.splice(servers.indexOf(first), 1)

    const second = await start(dataDir)
    const b = client(second.url, id, token)
    await waitSynced(b)
    expect(readCards(b.doc)).toEqual(before)
  })

  it('a citizen reads the board, posts through the desk, and the server records the author', async () => {
    const server = await start()
    const token = await setupFacilitator(server.url)
    const { id, joinCode } = await createWorkshop(server.url, token)
    const guest = await joinAsGuest(server.url, joinCode, 'Anna')
    const facilitator = client(server.url, id, token)
    const board = client(server.url, id, guest.token)
    const desk = client(server.url, `${id}/desk`, guest.token)
    await Promise.all([waitSynced(facilitator), waitSynced(board), waitSynced(desk)])

    addCard(desk.doc, 'anna1', card)
    await waitFor(() => readCards(facilitator.doc).length === 1, 5000, 'projection')
    expect(readCards(facilitator.doc)[0]).toMatchObject({
      id: 'anna1',
      text: 'Radwege fehlen',
      authorId: guest.participantId,
      authorName: 'Anna',
      authorRole: 'citizen',
    })
    await waitFor(() => readCards(board.doc).length === 1)
    setCardText(desk.doc, 'anna1', 'Sichere Radwege fehlen')
    moveCard(desk.doc, 'anna1', 50, 60)
    await waitFor(
      () => readCards(board.doc)[0]?.text === 'Sichere Radwege fehlen' && readCards(board.doc)[0]?.x === 50,
    )
  })

  it('a citizen’s direct board writes are never applied', async () => {
    const server = await start()
    const token = await setupFacilitator(server.url)
    const { id, joinCode } = await createWorkshop(server.url, token)
    const guest = await joinAsGuest(server.url, joinCode, 'Mallory')
    const facilitator = client(server.url, id, token)
    const rogue = client(server.url, id, guest.token)
    await Promise.all([waitSynced(facilitator), waitSynced(rogue)])
    addCard(rogue.doc, 'forged', { ...card, text: 'gefälscht' })
    addCard(facilitator.doc, 'real', card)
    await waitFor(() => readCards(rogue.doc).some((c) => c.id === 'real'))
    await new Promise((r) => setTimeout(r, 100))
    expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['real'])
    const late = client(server.url, id, token)
    await waitSynced(late)
    expect(readCards(late.doc).map((c) => c.id)).toEqual(['real'])
  })
})
