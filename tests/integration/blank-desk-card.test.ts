/**
 * A blank new desk card (from a client that still writes one when its editor opens) waits on
 * the desk: it reaches the board, or the approval queue, with its first character, so the board
 * and the minutes never show an empty card.
 */
import { describe, expect, it } from 'vitest'
import { addCard, setCardText } from '../../shared/board/card-ops.ts'
import { readFacilitation, setFacilitation } from '../../shared/board/facilitation.ts'
import { readCards, refusalsOf } from '../../shared/board/schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a blank new desk card', () => {
  it('stays off the board and out of the queue until it has text', async () => {
    const world = await h.world()
    const anna = await joinAsGuest(world.server.url, world.joinCode, 'Anna')
    const desk = h.client(`${world.id}/desk`, anna.token)
    await waitSynced(desk)

    addCard(desk.doc, 'blank1', { text: '', x: 0, y: 0, color: 'yellow' })
    addCard(desk.doc, 'blank2', { text: '  ', x: 200, y: 0, color: 'yellow' })
    await pause(400)
    expect(readCards(world.facilitator.doc)).toEqual([])
    expect(refusalsOf(desk.doc).size).toBe(0)

    setCardText(desk.doc, 'blank1', 'Jetzt mit Text')
    await waitFor(() => readCards(world.facilitator.doc).length === 1, 5000, 'the card on the board')
    expect(readCards(world.facilitator.doc)[0]).toMatchObject({ id: 'blank1', text: 'Jetzt mit Text' })

    // With approval on, the blank card is not queued either; with text it is.
    setFacilitation(world.facilitator.doc, 'approval', true)
    const board = world.server.deps.sync.registry.get(world.id)?.doc
    if (!board) throw new Error('board not loaded')
    await waitFor(() => readFacilitation(board).approval)
    addCard(desk.doc, 'blank3', { text: '', x: 400, y: 0, color: 'yellow' })
    await pause(400)
    const pending = async () =>
      (
        (await call(world.server.url, 'GET', `/api/workshops/${world.id}/pending`, undefined, world.token))
          .json.pending as { id: string }[]
      ).map((p) => p.id)
    expect(await pending()).toEqual([])
    setCardText(desk.doc, 'blank3', 'Bitte freigeben')
    await pause(400)
    expect(await pending()).toEqual(['blank3'])
    expect(readCards(world.facilitator.doc).map((c) => c.id)).toEqual(['blank1'])
  })
})
