/**
 * Secret ballots through the HTTP API (`app.request()`): the subtraction attack from issue 11,
 * a small group beside one other, too few voters, minGroupSize below 3, a repeated reveal and a
 * role change before and between reveals, hidden cards and a malformed vote rule on the board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase, facilitationOf, setMinGroupSize } from '../../shared/board/facilitation.ts'
import { OPEN_RULES } from '../../shared/script/script-schema.ts'
import { GROUPS, readResults, type VoteResults } from '../../shared/votes/results.ts'
import { createTestApp } from '../support/test-app.ts'

const PASSWORD = 'richtig-langes-passwort'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

interface Voter {
  token: string
  participantId: string
}

/** A workshop in a dots vote (budget 5, cap 3) with the cards bus, wlan and rathaus. */
async function votingWorkshop() {
  const setup = await t.request('POST', '/api/setup', {
    body: { username: 'moderation', password: PASSWORD },
  })
  expect(setup.status).toBe(201)
  const admin = setup.json.token as string
  const created = await t.request('POST', '/api/workshops', { token: admin, body: { title: 'Haushalt' } })
  const { id, joinCode } = created.json as { id: string; joinCode: string }
  await t.deps.sync.rooms.withBoard(id, (board) => {
    applyPhase(board.doc, {
      id: 'wahl',
      name: 'Priorisieren',
      prompt: '',
      minutes: 0,
      rules: { ...OPEN_RULES, vote: { method: 'dots', budget: 5, cap: 3 } },
    })
    for (const card of ['bus', 'wlan', 'rathaus'])
      addCard(board.doc, card, { text: card, x: 0, y: 0, color: 'yellow' })
  })
  let accounts = 0
  const guest = async (name: string): Promise<Voter> => {
    const res = await t.request('POST', '/api/join', { body: { code: joinCode, name } })
    expect(res.status).toBe(200)
    return { token: res.json.token, participantId: res.json.participantId }
  }
  const account = async (role: 'councillor' | 'staff'): Promise<Voter> => {
    const username = `${role}${++accounts}`
    expect(
      (await t.request('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, role } }))
        .status,
    ).toBe(201)
    const token = (await t.request('POST', '/api/login', { body: { username, password: PASSWORD } })).json
      .token as string
    const joined = await t.request('POST', '/api/join', { token, body: { code: joinCode, name: username } })
    expect(joined.json.role).toBe(role)
    return { token, participantId: joined.json.participantId }
  }
  const vote = (who: Voter, cardId: string, points: number) =>
    t.request('POST', `/api/workshops/${id}/votes`, { token: who.token, body: { cardId, points } })
  const reveal = async (): Promise<VoteResults> => {
    const res = await t.request('POST', `/api/workshops/${id}/votes/reveal`, { token: admin })
    expect(res.status).toBe(200)
    return res.json.results
  }
  const onBoard = () => t.deps.sync.rooms.withBoard(id, (board) => readResults(board.doc))
  const board = <T>(fn: (doc: import('yjs').Doc) => T) => t.deps.sync.rooms.withBoard(id, (b) => fn(b.doc))
  return { id, admin, guest, account, vote, reveal, onBoard, board }
}

/** Totals minus every group shown apart, per card: what anyone can work out from the results. */
function residual(r: VoteResults): Record<string, number> {
  const out: Record<string, number> = {}
  for (const card of r.cards) {
    const rest = card.total - GROUPS.reduce((sum, g) => sum + (card.byGroup[g] ?? 0), 0)
    if (rest !== 0) out[card.cardId] = rest
  }
  return out
}

const setRole = (w: { id: string; admin: string }, who: Voter, role: string) =>
  t.request('PATCH', `/api/workshops/${w.id}/participants/${who.participantId}`, {
    token: w.admin,
    body: { role },
  })

describe('secret ballots', () => {
  it('does not let totals minus the shown groups give away one councillor’s ballot', async () => {
    const w = await votingWorkshop()
    const councillor = await w.account('councillor')
    const citizens = await Promise.all(['A', 'B', 'C'].map(w.guest))
    const staff = [await w.account('staff'), await w.account('staff'), await w.account('staff')]
    expect((await w.vote(councillor, 'rathaus', 3)).status).toBe(200)
    for (const c of citizens) expect((await w.vote(c, 'bus', 2)).status).toBe(200)
    for (const s of staff) expect((await w.vote(s, 'wlan', 1)).status).toBe(200)

    const results = await w.reveal()
    expect(residual(results)).not.toEqual({ rathaus: 3 })
    expect(results.voters).toEqual({ total: 7, byGroup: { citizen: 3, councillor: null, staff: null } })
    expect(results.hiddenGroups).toEqual(['councillor', 'staff'])
    expect(await w.onBoard()).toEqual([results])

    // The minutes say the same, without a count for the hidden groups.
    await t.request('POST', `/api/workshops/${w.id}/snapshots`, { token: w.admin, body: { label: 'Ende' } })
    const md = await t.request('GET', `/api/workshops/${w.id}/minutes?format=md`, { token: w.admin })
    expect(md.text).toContain('Abgestimmt haben: 7 \\(Bürger\\*innen 3\\)')
    expect(md.text).toContain('Ratsmitglieder, Verwaltung: nicht getrennt gezeigt')
    expect(md.text).toContain('| rathaus | 3 | 0 | – | – |')
  })

  it('shows only totals when one councillor votes beside one other group', async () => {
    const w = await votingWorkshop()
    const councillor = await w.account('councillor')
    for (const c of await Promise.all(['A', 'B', 'C'].map(w.guest))) await w.vote(c, 'bus', 2)
    await w.vote(councillor, 'rathaus', 3)
    const results = await w.reveal()
    expect(results.cards).toEqual([
      { cardId: 'bus', total: 6, byGroup: { citizen: null, councillor: null, staff: null } },
      { cardId: 'rathaus', total: 3, byGroup: { citizen: null, councillor: null, staff: null } },
    ])
    expect(results.voters.byGroup).toEqual({ citizen: null, councillor: null, staff: null })
  })

  it('publishes no figures with fewer than three voters, only that there were too few', async () => {
    const w = await votingWorkshop()
    const [a, b] = await Promise.all(['A', 'B'].map(w.guest))
    await w.vote(a as Voter, 'bus', 3)
    await w.vote(b as Voter, 'wlan', 1)
    const results = await w.reveal()
    expect(results).toMatchObject({ tooFewVoters: true, cards: [], minGroupSize: 3 })
    expect(results.voters.total).toBeNull()
    const md = await (async () => {
      await t.request('POST', `/api/workshops/${w.id}/snapshots`, { token: w.admin, body: { label: 'Ende' } })
      return (await t.request('GET', `/api/workshops/${w.id}/minutes?format=md`, { token: w.admin })).text
    })()
    expect(md).toContain('Zu wenige Stimmen für ein Ergebnis \\(weniger als 3\\)')
    expect(md).not.toMatch(/\| bus \|/)
  })

  it('never uses a minGroupSize below 3, however the board was written', async () => {
    const w = await votingWorkshop()
    const councillor = await w.account('councillor')
    for (const c of await Promise.all(['A', 'B', 'C'].map(w.guest))) await w.vote(c, 'bus', 2)
    await w.vote(councillor, 'rathaus', 3)
    await w.board((doc) => setMinGroupSize(doc, 1))
    expect(await w.board((doc) => facilitationOf(doc).get('minGroupSize'))).toBe(3)
    // A facilitator's client can write any value into the board's facilitation map.
    await w.board((doc) => facilitationOf(doc).set('minGroupSize', 1))
    const results = await w.reveal()
    expect(results.minGroupSize).toBe(3)
    expect(results.voters.byGroup).toEqual({ citizen: null, councillor: null, staff: null })
    expect(residual(results)).not.toEqual({ rathaus: 3 })
  })

  it('keeps the group a ballot was cast in when the role changes before the reveal', async () => {
    const w = await votingWorkshop()
    const citizens = await Promise.all(['A', 'B', 'C'].map(w.guest))
    const staff = [await w.account('staff'), await w.account('staff'), await w.account('staff')]
    for (const c of citizens) await w.vote(c, 'bus', 2)
    for (const s of staff) await w.vote(s, 'wlan', 1)
    // After casting, one staff member becomes a councillor: the ballot stays a staff ballot.
    expect((await setRole(w, staff[0] as Voter, 'councillor')).status).toBe(200)
    const results = await w.reveal()
    expect(results.voters).toEqual({ total: 6, byGroup: { citizen: 3, councillor: null, staff: 3 } })
    expect(results.cards.find((c) => c.cardId === 'wlan')?.byGroup.staff).toBe(3)
    expect(results.hiddenGroups).toEqual([])
  })

  it('answers a repeated reveal with the stored results, whatever roles changed in between', async () => {
    const w = await votingWorkshop()
    const citizens = await Promise.all(['A', 'B', 'C', 'D'].map(w.guest))
    const staff = [await w.account('staff'), await w.account('staff'), await w.account('staff')]
    for (const c of citizens) await w.vote(c, 'bus', 2)
    for (const s of staff) await w.vote(s, 'wlan', 1)
    const first = await w.reveal()
    expect(first.voters.byGroup).toMatchObject({ citizen: 4, staff: 3 })

    // The attack: reveal, move one person to another group, reveal again and compare.
    expect((await setRole(w, citizens[0] as Voter, 'observer')).status).toBe(200)
    expect((await setRole(w, staff[1] as Voter, 'councillor')).status).toBe(200)
    await new Promise((r) => setTimeout(r, 5))
    const second = await w.reveal()
    expect(second).toEqual(first)
    expect(await w.onBoard()).toEqual([first])
    expect((await w.vote(citizens[1] as Voter, 'rathaus', 1)).status).toBe(409)
  })

  it('counts a whole ballot in the group of its latest cast', async () => {
    const w = await votingWorkshop()
    const citizens = await Promise.all(['A', 'B', 'C', 'D'].map(w.guest))
    const staff = [await w.account('staff'), await w.account('staff'), await w.account('staff')]
    for (const s of staff) await w.vote(s, 'wlan', 1)
    for (const c of citizens.slice(1)) await w.vote(c, 'bus', 1)
    const moved = staff[0] as Voter
    await setRole(w, moved, 'councillor')
    await w.vote(moved, 'rathaus', 1)
    const results = await w.reveal()
    // One person, one group: the councillor's two cards both leave the staff split.
    expect(results.voters.total).toBe(6)
    expect(results.hiddenGroups).toContain('councillor')
    expect(results.hiddenGroups).toContain('staff')
  })
})

describe('what a ballot may be cast on', () => {
  it('refuses ballots on a hidden card; points already on it may be taken back', async () => {
    const w = await votingWorkshop()
    const a = await w.guest('A')
    expect((await w.vote(a, 'rathaus', 2)).status).toBe(200)
    const hidden = await t.request('POST', `/api/workshops/${w.id}/cards/rathaus/hide`, {
      token: w.admin,
      body: { reason: 'beleidigend' },
    })
    expect(hidden.status).toBe(200)
    const refused = await w.vote(a, 'rathaus', 3)
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('card-hidden')
    const back = await w.vote(a, 'rathaus', 0)
    expect(back.status).toBe(200)
    expect(back.json).toMatchObject({ allocations: {}, used: 0, remaining: 5 })
    // Nor does a card that is not on the board take any.
    expect((await w.vote(a, 'nirgends', 1)).json.error.code).toBe('no-card')
  })

  it('treats a malformed vote rule on the board as no vote and refuses ballots clearly', async () => {
    const w = await votingWorkshop()
    const a = await w.guest('A')
    // A facilitator's client writes the rule directly: a budget nobody should get.
    await w.board((doc) => facilitationOf(doc).set('vote', { method: 'dots', budget: 1e9, cap: 1e9 }))
    const refused = await w.vote(a, 'bus', 1000)
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('vote-rule-invalid')
    const mine = await t.request('GET', `/api/workshops/${w.id}/votes/mine`, { token: a.token })
    expect(mine.json).toEqual({ vote: null })
    const reveal = await t.request('POST', `/api/workshops/${w.id}/votes/reveal`, { token: w.admin })
    expect(reveal.json.error.code).toBe('vote-rule-invalid')
    for (const bad of [
      { method: 'dots', budget: 5 },
      'dots',
      { method: 'x', budget: 5, cap: 3 },
      { method: 'dots', budget: 5, cap: 0.5 },
    ]) {
      await w.board((doc) => facilitationOf(doc).set('vote', bad))
      expect((await w.vote(a, 'bus', 1)).json.error.code).toBe('vote-rule-invalid')
    }
    await w.board((doc) => facilitationOf(doc).set('vote', null))
    expect((await w.vote(a, 'bus', 1)).json.error.code).toBe('no-vote')
  })

  it('refuses facilitators and observers with 403 forbidden, as before', async () => {
    const w = await votingWorkshop()
    const res = await t.request('POST', `/api/workshops/${w.id}/votes`, {
      token: w.admin,
      body: { cardId: 'bus', points: 1 },
    })
    expect(res.status).toBe(403)
    expect(res.json.error.code).toBe('forbidden')
  })
})
