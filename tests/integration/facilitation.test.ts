/**
 * Running the method through the API and real sync clients: templates, phase transitions with
 * snapshots, the server-time timer, and secret voting with budget, cap and results by group.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readFacilitation, timerRemainingMs } from '../../shared/board/facilitation.ts'
import { readFrames } from '../../shared/board/frames.ts'
import { setMeasure } from '../../shared/board/measures.ts'
import { readScript } from '../../shared/script/script-schema.ts'
import { readResults } from '../../shared/votes/results.ts'
import { call, joinAsGuest, PASSWORD, setupFacilitator } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

async function templatedWorkshop(template = 'zukunftswerkstatt') {
  const server = await h.start()
  const token = await setupFacilitator(server.url)
  const created = await call(server.url, 'POST', '/api/workshops', { title: 'Werkstatt', template }, token)
  const board = h.client(created.json.id, token)
  await waitSynced(board)
  return { server, token, id: created.json.id as string, joinCode: created.json.joinCode as string, board }
}

async function account(url: string, admin: string, username: string, role: 'councillor' | 'staff') {
  await call(url, 'POST', '/api/users', { username, password: PASSWORD, role }, admin)
  return (await call(url, 'POST', '/api/login', { username, password: PASSWORD })).json.token as string
}

describe('script and phases', () => {
  it('starts from the template and stores a snapshot at every transition', async () => {
    const { server, token, id, board } = await templatedWorkshop()
    const script = readScript(board.doc)
    expect(script.map((p) => p.name)).toEqual([
      'Vorbereitung',
      'Kritikphase',
      'Fantasiephase',
      'Verwirklichungsphase',
      'Nachbereitung',
    ])
    expect(readFacilitation(board.doc)).toMatchObject({ phaseId: 'zw-vorbereitung', privateWriting: false })
    const res = await call(server.url, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-kritik' }, token)
    expect(res.status).toBe(200)
    await waitFor(() => readFacilitation(board.doc).phaseId === 'zw-kritik')
    expect(readFacilitation(board.doc)).toMatchObject({
      privateWriting: true,
      showAuthors: false,
      participantMoves: true,
      vote: { method: 'dots', budget: 5, cap: 3 },
    })
    const snapshots = await call(server.url, 'GET', `/api/workshops/${id}/snapshots`, undefined, token)
    expect(snapshots.json.snapshots[0]).toMatchObject({ label: 'Vorbereitung', phase: 'zw-vorbereitung' })
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'nope' }, token)).status,
    ).toBe(404)
    const guest = await joinAsGuest(
      server.url,
      (await call(server.url, 'GET', `/api/workshops/${id}`, undefined, token)).json.joinCode,
      'A',
    )
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-fantasie' }, guest.token))
        .status,
    ).toBe(403)
  })

  it('starts a World Café with its tables as frames', async () => {
    const { board } = await templatedWorkshop('world-cafe')
    expect(readFrames(board.doc).map((f) => f.title)).toEqual(['Tisch 1', 'Tisch 2', 'Tisch 3', 'Tisch 4'])
    expect(readScript(board.doc).map((p) => p.name)).toEqual(['Ankommen', 'Runde 1', 'Runde 2', 'Ernte'])
  })

  it('keeps one timer in server time that every screen reads alike', async () => {
    const { server, token, id, board } = await templatedWorkshop()
    const start = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/timer`,
      { action: 'start', seconds: 300 },
      token,
    )
    expect(start.json.timer).toMatchObject({ status: 'running', durationMs: 300_000 })
    const late = h.client(id, token)
    await waitSynced(late)
    await waitFor(() => readFacilitation(board.doc).timer.status === 'running')
    const now = Date.now()
    const a = timerRemainingMs(readFacilitation(board.doc).timer, now)
    const b = timerRemainingMs(readFacilitation(late.doc).timer, now)
    expect(Math.abs(a - b)).toBeLessThan(1000)
    expect(a).toBeGreaterThan(295_000)
    await call(server.url, 'POST', `/api/workshops/${id}/timer`, { action: 'pause' }, token)
    await waitFor(() => readFacilitation(late.doc).timer.status === 'paused')
    await call(server.url, 'POST', `/api/workshops/${id}/timer`, { action: 'extend', seconds: 60 }, token)
    await waitFor(() => timerRemainingMs(readFacilitation(late.doc).timer, Date.now()) > 355_000)
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/timer`, { action: 'stop' }, token)).status,
    ).toBe(400)
  })
})

describe('secret voting', () => {
  it('enforces budget and cap, leaks nothing before the reveal, and splits results by group', async () => {
    const { server, token, id, joinCode, board } = await templatedWorkshop()
    await call(server.url, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-fantasie' }, token)
    await waitFor(() => readFacilitation(board.doc).phaseId === 'zw-fantasie')
    addCard(board.doc, 'bus', { text: 'Bürgerbus', x: 0, y: 0, color: 'yellow' })
    addCard(board.doc, 'wlan', { text: 'WLAN', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 100))

    const citizens = await Promise.all(['A', 'B', 'C'].map((n) => joinAsGuest(server.url, joinCode, n)))
    const councillorToken = await account(server.url, token, 'ratsfrau', 'councillor')
    await call(server.url, 'POST', '/api/join', { code: joinCode, name: 'x' }, councillorToken)
    const vote = (t: string, cardId: string, points: number) =>
      call(server.url, 'POST', `/api/workshops/${id}/votes`, { cardId, points }, t)

    // Budget 5, cap 3.
    expect((await vote(citizens[0]?.token ?? '', 'bus', 3)).status).toBe(200)
    const overCap = await vote(citizens[0]?.token ?? '', 'wlan', 4)
    expect(overCap.status).toBe(400)
    expect(overCap.json.error.code).toBe('over-cap')
    expect((await vote(citizens[0]?.token ?? '', 'wlan', 2)).json.remaining).toBe(0)
    const overBudget = await vote(citizens[0]?.token ?? '', 'wlan', 3)
    expect(overBudget.json.error.code).toBe('over-budget')
    const mine = await call(
      server.url,
      'GET',
      `/api/workshops/${id}/votes/mine`,
      undefined,
      citizens[0]?.token,
    )
    expect(mine.json.vote).toMatchObject({ allocations: { bus: 3, wlan: 2 }, used: 5, remaining: 0 })
    expect((await vote(token, 'bus', 1)).status).toBe(403)

    // Bert's screen during the vote: nothing about anyone else's ballot.
    const watcher = await openRaw(server.url, id, { token: citizens[1]?.token })
    await vote(citizens[1]?.token ?? '', 'wlan', 3)
    await vote(citizens[2]?.token ?? '', 'wlan', 3)
    await vote(councillorToken, 'bus', 3)
    await new Promise((r) => setTimeout(r, 200))
    const theirs = await call(
      server.url,
      'GET',
      `/api/workshops/${id}/votes/mine`,
      undefined,
      citizens[1]?.token,
    )
    expect(theirs.json.vote.allocations).toEqual({ wlan: 3 })
    expect(readResults(board.doc)).toEqual([])
    for (const needle of ['"total"', 'byGroup', 'results'])
      expect(framesContain(watcher.frames, needle)).toBe(false)
    const count = await call(server.url, 'GET', `/api/workshops/${id}/votes/count`, undefined, token)
    // Bert's socket is the one voter-group connection.
    expect(count.json).toEqual({ voters: 4, eligible: 1 })

    const revealed = await call(server.url, 'POST', `/api/workshops/${id}/votes/reveal`, undefined, token)
    expect(revealed.status).toBe(200)
    await waitFor(() => readResults(board.doc).length === 1)
    const [results] = readResults(board.doc)
    // One councillor beside the citizens: showing the citizens apart would make totals minus
    // citizens the councillor's ballot, so only the totals are published, and no group counts.
    expect(results?.cards).toEqual([
      { cardId: 'wlan', total: 8, byGroup: { citizen: null, councillor: null, staff: null } },
      { cardId: 'bus', total: 6, byGroup: { citizen: null, councillor: null, staff: null } },
    ])
    expect(results?.hiddenGroups).toEqual(['citizen', 'councillor'])
    expect(results?.voters).toEqual({ total: 4, byGroup: { citizen: null, councillor: null, staff: null } })
    expect(framesContain(watcher.frames, 'byGroup')).toBe(true)
    expect((await vote(citizens[1]?.token ?? '', 'bus', 1)).status).toBe(409)

    // The minutes carry the results and the measures.
    setMeasure(board.doc, {
      id: 'm1',
      title: 'WLAN im Rathaus',
      cardId: 'wlan',
      owner: 'IT',
      department: 'Hauptamt',
      due: '2027-03-31',
    })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 100))
    await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende' }, token)
    const md = await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=md`, undefined, token)
    expect(md.json).toContain('Abstimmung: Fantasiephase')
    expect(md.json).toContain('| WLAN | 8 | – | – | – |')
    expect(md.json).toContain('Bürger\\*innen, Ratsmitglieder: nicht getrennt gezeigt')
    expect(md.json).toContain('| WLAN im Rathaus | IT | Hauptamt | 31\\. März 2027 |')
    console.log('voting: over-cap and over-budget refused, 0 ballots visible to others before the reveal')
  })
})
