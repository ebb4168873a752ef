/**
 * Issue 12, the room's smaller defects, against a real server with real y-websocket clients:
 * presence from the moment someone connects (also after a reconnect), a hidden card takes no
 * votes (points on it go back, and stay out of the results), a rule change of the running phase
 * is in force at once, and the routes the projector uses refuse everyone but facilitators.
 */
import { describe, expect, it } from 'vitest'
import { announcePresenceOnConnect } from '../../client/src/board/announce-presence.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase, readFacilitation } from '../../shared/board/facilitation.ts'
import { readCards } from '../../shared/board/schema.ts'
import { editPhase } from '../../shared/script/edit-phase.ts'
import { insertPhase, OPEN_RULES, readScript } from '../../shared/script/script-schema.ts'
import { readResults } from '../../shared/votes/results.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

/** The names another client's presence lists, the server's stamp on each connected person. */
function namesSeenBy(client: SyncClient): string[] {
  const names: string[] = []
  client.provider.awareness.getStates().forEach((state, clientId) => {
    if (clientId === client.doc.clientID) return
    const user = (state as { user?: { name?: unknown } }).user
    if (typeof user?.name === 'string') names.push(user.name)
  })
  return names.sort()
}

describe('presence', () => {
  it('lists a newcomer within 2 s of connecting, without any move, and again after a reconnect', async () => {
    const { server, id, joinCode, facilitator } = await h.world()
    announcePresenceOnConnect(facilitator.provider)
    // The facilitator's own state, announced once on its (already made) connection.
    facilitator.provider.awareness.setLocalState({})
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')

    const joined = Date.now()
    const annaBoard = h.client(id, anna.token)
    announcePresenceOnConnect(annaBoard.provider)
    await waitFor(() => namesSeenBy(facilitator).includes('Anna'), 2000, 'Anna on the facilitator’s list')
    const seenAfter = Date.now() - joined
    // The newcomer gets everyone already there at once, too.
    await waitFor(() => namesSeenBy(annaBoard).includes('moderation'), 2000, 'the facilitator on Anna’s list')

    // Anna's connection drops and comes back (same client, unchanged state).
    annaBoard.provider.disconnect()
    await waitFor(() => !namesSeenBy(facilitator).includes('Anna'), 2000, 'Anna gone')
    const back = Date.now()
    annaBoard.provider.connect()
    await waitFor(() => namesSeenBy(facilitator).includes('Anna'), 2000, 'Anna back on the list')
    console.log(
      `presence: newcomer listed after ${seenAfter} ms, after a reconnect after ${Date.now() - back} ms`,
    )
  })

  it('keeps a page without presence of its own (the projector) off the list', async () => {
    const { id, token, facilitator } = await h.world()
    const projector = h.client(id, token)
    projector.provider.awareness.setLocalState(null)
    announcePresenceOnConnect(projector.provider)
    await waitSynced(projector)
    await new Promise((r) => setTimeout(r, 300))
    expect(facilitator.provider.awareness.getStates().has(projector.doc.clientID)).toBe(false)
  })
})

/** A workshop in a dots vote (budget 5, cap 3) with the cards bus and rathaus, and three citizens. */
async function votingWorkshop() {
  const { server, token, id, joinCode } = await h.world()
  await server.deps.sync.rooms.withBoard(id, (board) => {
    applyPhase(board.doc, {
      id: 'wahl',
      name: 'Priorisieren',
      prompt: '',
      minutes: 0,
      rules: { ...OPEN_RULES, vote: { method: 'dots', budget: 5, cap: 3 } },
    })
    for (const card of ['bus', 'rathaus'])
      addCard(board.doc, card, { text: card, x: 0, y: 0, color: 'yellow' })
  })
  const anna = await joinAsGuest(server.url, joinCode, 'Anna')
  const vote = (cardId: string, points: number, who = anna) =>
    call(server.url, 'POST', `/api/workshops/${id}/votes`, { cardId, points }, who.token)
  // Results per card are shown only from three voters on.
  const others = [
    await joinAsGuest(server.url, joinCode, 'Bert'),
    await joinAsGuest(server.url, joinCode, 'Cem'),
  ]
  return { server, token, id, joinCode, anna, others, vote }
}

describe('hidden cards take no votes', () => {
  it('gives the points on a card back when it is hidden, refuses new ones and leaves it out of the results', async () => {
    const { server, token, id, vote, anna, others } = await votingWorkshop()
    for (const other of others) expect((await vote('bus', 1, other)).status).toBe(200)
    expect((await vote('rathaus', 3)).status).toBe(200)
    expect((await vote('bus', 1)).json).toMatchObject({ used: 4, remaining: 1 })
    // Hand-counted dots on the same card, entered before it was hidden.
    const paper = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/votes/paper`,
      { cardId: 'rathaus', group: 'citizen', points: 4 },
      token,
    )
    expect(paper.status).toBe(200)

    const hidden = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/cards/rathaus/hide`,
      { reason: 'beleidigend' },
      token,
    )
    expect(hidden.status).toBe(200)

    const mine = await call(server.url, 'GET', `/api/workshops/${id}/votes/mine`, undefined, anna.token)
    expect(mine.json.vote).toMatchObject({ allocations: { bus: 1 }, used: 1, remaining: 4 })
    const refused = await vote('rathaus', 1)
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('card-hidden')
    // The budget that came back can be spent elsewhere.
    expect((await vote('bus', 3)).json).toMatchObject({ used: 3, remaining: 2 })

    const revealed = await call(server.url, 'POST', `/api/workshops/${id}/votes/reveal`, undefined, token)
    expect(revealed.status).toBe(200)
    const cards = revealed.json.results.cards as { cardId: string; total: number }[]
    expect(cards.map((c) => c.cardId)).not.toContain('rathaus')
    expect(cards.find((c) => c.cardId === 'bus')?.total).toBe(5)
    const onBoard = await server.deps.sync.rooms.withBoard(id, (board) => readResults(board.doc))
    expect(onBoard[0]?.cards.map((c) => c.cardId)).not.toContain('rathaus')
  })
})

describe('rule changes of the running phase', () => {
  it('are in force at once: a card written after private writing was switched on stays private', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    insertPhase(facilitator.doc, 0, {
      id: 'sammeln',
      name: 'Sammeln',
      prompt: '',
      minutes: 10,
      rules: { ...OPEN_RULES },
    })
    await waitFor(() => server.deps.sync.readBoard(id, (b) => readScript(b).length > 0), 2000, 'script')
    const entered = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/phase`,
      { phaseId: 'sammeln' },
      token,
    )
    expect(entered.status).toBe(200)
    await waitFor(() => readFacilitation(facilitator.doc).phaseId === 'sammeln', 2000, 'phase on the board')

    // The facilitator edits the running phase's rules in the agenda; nobody re-enters it.
    editPhase(facilitator.doc, 'sammeln', { rules: { ...OPEN_RULES, privateWriting: true } })
    await waitFor(
      () => server.deps.sync.readBoard(id, (b) => readFacilitation(b).privateWriting),
      2000,
      'private writing in force on the server',
    )
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    addCard(desk.doc, 'geheim', { text: 'Noch geheim', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 300))
    expect((await call(server.url, 'GET', `/api/workshops/${id}/private`, undefined, token)).json).toEqual({
      count: 1,
      waiting: 0,
    })
    expect(readCards(facilitator.doc)).toEqual([])

    // Back off: the rule that changed goes back, a switch set by hand meanwhile stays.
    facilitator.doc.getMap('facilitation').set('participantMoves', true)
    editPhase(facilitator.doc, 'sammeln', { rules: { ...OPEN_RULES, privateWriting: false } })
    await waitFor(() => readCards(facilitator.doc).length === 1, 3000, 'the held card revealed')
    expect(readFacilitation(facilitator.doc)).toMatchObject({ privateWriting: false, participantMoves: true })
    // Editing a phase that is not running changes nothing in force.
    insertPhase(facilitator.doc, 1, {
      id: 'wahl',
      name: 'Wahl',
      prompt: '',
      minutes: 5,
      rules: { ...OPEN_RULES },
    })
    editPhase(facilitator.doc, 'wahl', { rules: { ...OPEN_RULES, createCards: false } })
    expect(readFacilitation(facilitator.doc).createCards).toBe(true)
  })
})

describe('the projector’s routes', () => {
  it('refuse participants who are not facilitators, and strangers', async () => {
    const { server, id, joinCode } = await h.world()
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    for (const path of ['participants', 'votes/count', `qr.svg?code=${joinCode}`]) {
      const res = await call(server.url, 'GET', `/api/workshops/${id}/${path}`, undefined, anna.token)
      expect([path, res.status]).toEqual([path, 403])
    }
    // The workshop's details read by a participant carry neither the join code nor the doors.
    const details = await call(server.url, 'GET', `/api/workshops/${id}`, undefined, anna.token)
    expect(details.json.me.isFacilitator).toBe(false)
    expect(details.json.joinCode).toBeUndefined()
    const stranger = await call(server.url, 'GET', `/api/workshops/${id}/participants`)
    expect(stranger.status).toBe(401)
  })
})
