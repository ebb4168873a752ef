/**
 * Private writing: while it is on, a participant's new cards reach no other browser (the text
 * is in no frame anyone else receives); facilitators see only how many there are. After the
 * reveal they are on the board with their recorded author.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readFacilitation, setFacilitation } from '../../shared/board/facilitation.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, createWorkshop, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const client = (room: string, token: string) => h.client(room, token)

describe('private writing', () => {
  it('keeps new cards off every other screen until the reveal', async () => {
    const server = await h.start()
    const token = await setupFacilitator(server.url)
    const { id, joinCode } = await createWorkshop(server.url, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const bert = await joinAsGuest(server.url, joinCode, 'Bert')

    const facilitator = client(id, token)
    await waitSynced(facilitator)
    setFacilitation(facilitator.doc, 'privateWriting', true)

    // Bert's screen: his board and his desk, read as raw frames.
    const bertBoard = await openRaw(server.url, id, { token: bert.token })
    const bertDesk = await openRaw(server.url, `${id}/desk`, { token: bert.token })
    const annaDesk = client(`${id}/desk`, anna.token)
    const annaBoard = client(id, anna.token)
    await Promise.all([waitSynced(annaDesk), waitSynced(annaBoard)])
    await waitFor(() => readFacilitation(annaBoard.doc).privateWriting)

    const secrets = ['Der Bauhof arbeitet zu langsam', 'Parkplätze am Markt fehlen', 'Zu wenig Bänke im Park']
    secrets.forEach((text, i) => {
      addCard(annaDesk.doc, `a${i}`, { text, x: i * 200, y: 0, color: 'yellow' })
    })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 200))

    const count = await call(server.url, 'GET', `/api/workshops/${id}/private`, undefined, token)
    expect(count.json).toEqual({ count: 3, waiting: 0 })
    const everyoneElse = [...bertBoard.frames, ...bertDesk.frames]
    const leaked = secrets.filter((text) => framesContain(everyoneElse, text))
    expect(leaked).toEqual([])
    expect(readCards(facilitator.doc)).toEqual([])
    // The facilitator's own screen gets no text either: only the count, over HTTP.
    expect(JSON.stringify(facilitator.doc.toJSON())).not.toContain('Bauhof')

    const revealed = await call(server.url, 'POST', `/api/workshops/${id}/reveal`, undefined, token)
    expect(revealed.json).toEqual({ revealed: 3 })
    await waitFor(
      () => secrets.every((text) => framesContain(bertBoard.frames, text)),
      3000,
      'revealed text on Bert’s screen',
    )
    await waitFor(() => readCards(facilitator.doc).length === 3)
    expect(readCards(facilitator.doc).map((c) => [c.text, c.authorName])).toEqual(
      secrets.map((text) => [text, 'Anna']),
    )
    expect((await call(server.url, 'GET', `/api/workshops/${id}/private`, undefined, token)).json).toEqual({
      count: 0,
      waiting: 0,
    })
    expect(framesContain(bertDesk.frames, 'Bauhof')).toBe(false)
    console.log(
      `private writing: ${secrets.length} cards, ${leaked.length} leaked before the reveal, ${secrets.length} on the board after`,
    )
  })

  it('lets only facilitators see the count and reveal', async () => {
    const server = await h.start()
    const token = await setupFacilitator(server.url)
    const { id, joinCode } = await createWorkshop(server.url, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    expect(
      (await call(server.url, 'GET', `/api/workshops/${id}/private`, undefined, anna.token)).status,
    ).toBe(403)
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/reveal`, undefined, anna.token)).status,
    ).toBe(403)
  })
})
