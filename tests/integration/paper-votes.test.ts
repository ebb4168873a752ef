/**
 * Hand-counted dots through the HTTP API (`app.request()`): entering and removing counts, who may
 * (assistants and facilitators; citizens are refused), where (not on hidden cards, not outside a
 * vote, not after the reveal), secrecy until the reveal, the merge with device ballots under the
 * secrecy rule (the subtraction attack with paper, a small paper-only group, one or two device
 * ballots beside a paper room) and the minutes ("davon X Punkte von Papier").
 *
 * The assistant role comes with another work package; until it is in ROLES, a co-facilitator
 * (a staff account made facilitator of the workshop) enters the dots.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase, facilitationOf } from '../../shared/board/facilitation.ts'
import { ROLES } from '../../shared/policy/roles.ts'
import { OPEN_RULES } from '../../shared/script/script-schema.ts'
import { readResults, type VoteResults } from '../../shared/votes/results.ts'
import { createTestApp } from '../support/test-app.ts'

const PASSWORD = 'richtig-langes-passwort'
const ASSISTANT_ROLE = (ROLES as readonly string[]).includes('assistant') ? 'assistant' : 'facilitator'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

interface Person {
  token: string
  participantId: string
}

/** A workshop in a dots vote (budget 5, cap 3) with the cards bus, wlan and rathaus. */
async function votingWorkshop() {
  const setup = await t.request('POST', '/api/setup', {
    body: { username: 'moderation', password: PASSWORD },
  })
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
  const guest = async (name: string): Promise<Person> => {
    const res = await t.request('POST', '/api/join', { body: { code: joinCode, name } })
    expect(res.status).toBe(200)
    return { token: res.json.token, participantId: res.json.participantId }
  }
  const account = async (role: 'councillor' | 'staff'): Promise<Person> => {
    const username = `${role}${++accounts}`
    await t.request('POST', '/api/users', { token: admin, body: { username, password: PASSWORD, role } })
    const token = (await t.request('POST', '/api/login', { body: { username, password: PASSWORD } })).json
      .token as string
    const joined = await t.request('POST', '/api/join', { token, body: { code: joinCode, name: username } })
    return { token, participantId: joined.json.participantId }
  }
  const assistant = async (): Promise<Person> => {
    const who = await account('staff')
    const res = await t.request('PATCH', `/api/workshops/${id}/participants/${who.participantId}`, {
      token: admin,
      body: { role: ASSISTANT_ROLE },
    })
    expect(res.status).toBe(200)
    return who
  }
  const vote = (who: Person, cardId: string, points: number) =>
    t.request('POST', `/api/workshops/${id}/votes`, { token: who.token, body: { cardId, points } })
  const paper = (token: string, cardId: string, group: string, points: number) =>
    t.request('POST', `/api/workshops/${id}/votes/paper`, { token, body: { cardId, group, points } })
  const paperVoters = (token: string, group: string, voters: number) =>
    t.request('POST', `/api/workshops/${id}/votes/paper/voters`, { token, body: { group, voters } })
  const reveal = async (): Promise<VoteResults> => {
    const res = await t.request('POST', `/api/workshops/${id}/votes/reveal`, { token: admin })
    expect(res.status).toBe(200)
    return res.json.results
  }
  const minutes = async () => {
    await t.request('POST', `/api/workshops/${id}/snapshots`, { token: admin, body: { label: 'Ende' } })
    return (await t.request('GET', `/api/workshops/${id}/minutes?format=md`, { token: admin })).text
  }
  const board = <T>(fn: (doc: import('yjs').Doc) => T) => t.deps.sync.rooms.withBoard(id, (b) => fn(b.doc))
  return { id, admin, guest, account, assistant, vote, paper, paperVoters, reveal, minutes, board }
}

describe('entering hand-counted dots', () => {
  it('stores each count with who entered it, reads it back, and removes it with 0', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    const set = await w.paper(a.token, 'bus', 'citizen', 12)
    expect(set.status).toBe(200)
    expect(set.json).toMatchObject({
      phaseId: 'wahl',
      revealed: false,
      entries: [{ cardId: 'bus', group: 'citizen', points: 12, enteredBy: a.participantId }],
      voters: { citizen: null, councillor: null, staff: null },
    })
    expect(typeof set.json.entries[0].enteredAt).toBe('number')
    // Corrected, then a second card and the number of people on paper.
    expect((await w.paper(a.token, 'bus', 'citizen', 14)).status).toBe(200)
    expect((await w.paper(a.token, 'wlan', 'staff', 6)).status).toBe(200)
    expect((await w.paperVoters(a.token, 'citizen', 5)).json.voters).toEqual({
      citizen: 5,
      councillor: null,
      staff: null,
    })
    const read = await t.request('GET', `/api/workshops/${w.id}/votes/paper`, { token: a.token })
    expect(read.json.entries.map((e: { cardId: string; points: number }) => [e.cardId, e.points])).toEqual([
      ['bus', 14],
      ['wlan', 6],
    ])
    // In SQLite, with who and when.
    const rows = await t.deps.sql.all(
      'SELECT card_id, voter_group, points, entered_by FROM paper_votes WHERE workshop_id = ? ORDER BY card_id',
      [w.id],
    )
    expect(rows).toEqual([
      { card_id: 'bus', voter_group: 'citizen', points: 14, entered_by: a.participantId },
      { card_id: 'wlan', voter_group: 'staff', points: 6, entered_by: a.participantId },
    ])
    const removed = await w.paper(a.token, 'bus', 'citizen', 0)
    expect(removed.json.entries).toEqual([expect.objectContaining({ cardId: 'wlan', points: 6 })])
    expect((await w.paperVoters(a.token, 'citizen', 0)).json.voters.citizen).toBeNull()
    // The workshop's facilitator may enter too.
    expect((await w.paper(w.admin, 'rathaus', 'councillor', 3)).status).toBe(200)
  })

  it('refuses citizens, bad input, hidden and unknown cards, and no vote', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    const citizen = await w.guest('A')
    for (const res of [
      await w.paper(citizen.token, 'bus', 'citizen', 3),
      await w.paperVoters(citizen.token, 'citizen', 3),
      await t.request('GET', `/api/workshops/${w.id}/votes/paper`, { token: citizen.token }),
    ]) {
      expect(res.status).toBe(403)
      expect(res.json.error.code).toBe('forbidden')
    }
    for (const body of [
      { cardId: 'bus', group: 'facilitator', points: 3 },
      { cardId: 'bus', group: 'citizen', points: -1 },
      { cardId: 'bus', group: 'citizen', points: 1.5 },
      { cardId: 'bus', group: 'citizen', points: 3, extra: 1 },
    ]) {
      const res = await t.request('POST', `/api/workshops/${w.id}/votes/paper`, { token: a.token, body })
      expect(res.status).toBe(400)
    }
    expect((await w.paper(a.token, 'nirgends', 'citizen', 3)).json.error.code).toBe('no-card')
    expect((await w.paper(a.token, 'rathaus', 'citizen', 3)).status).toBe(200)
    await t.request('POST', `/api/workshops/${w.id}/cards/rathaus/hide`, {
      token: w.admin,
      body: { reason: 'beleidigend' },
    })
    const hidden = await w.paper(a.token, 'rathaus', 'citizen', 4)
    expect(hidden.status).toBe(400)
    expect(hidden.json.error.code).toBe('card-hidden')
    // Points already entered may be taken back from a card since hidden.
    expect((await w.paper(a.token, 'rathaus', 'citizen', 0)).json.entries).toEqual([])
    await w.board((doc) => facilitationOf(doc).set('vote', null))
    expect((await w.paper(a.token, 'bus', 'citizen', 3)).json.error.code).toBe('no-vote')
    expect(await t.deps.sql.get('SELECT COUNT(*) AS n FROM paper_votes')).toEqual({ n: 0 })
  })

  it('keeps the counts secret until the reveal, and refuses them after it', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    const citizens = await Promise.all(['A', 'B', 'C'].map(w.guest))
    for (const c of citizens) await w.vote(c, 'bus', 2)
    await w.paper(a.token, 'wlan', 'citizen', 11)
    // Nothing of it on the board, nor in anyone's own ballot.
    expect(await w.board((doc) => readResults(doc))).toEqual([])
    const mine = await t.request('GET', `/api/workshops/${w.id}/votes/mine`, { token: citizens[0]?.token })
    expect(JSON.stringify(mine.json)).not.toContain('wlan')
    // The entering person reads back the entries only, never a device ballot.
    const read = await t.request('GET', `/api/workshops/${w.id}/votes/paper`, { token: a.token })
    expect(JSON.stringify(read.json)).not.toContain('bus')
    await w.reveal()
    for (const res of [
      await w.paper(a.token, 'wlan', 'citizen', 12),
      await w.paperVoters(a.token, 'citizen', 4),
    ]) {
      expect(res.status).toBe(409)
      expect(res.json.error.code).toBe('revealed')
    }
    const after = await t.request('GET', `/api/workshops/${w.id}/votes/paper`, { token: a.token })
    expect(after.json).toMatchObject({ revealed: true, entries: [{ cardId: 'wlan', points: 11 }] })
  })
})

describe('paper in the results', () => {
  it('merges paper with device ballots per card and group and says so in the minutes', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    for (const c of await Promise.all(['A', 'B', 'C'].map(w.guest))) await w.vote(c, 'bus', 2)
    for (const s of [await w.account('staff'), await w.account('staff'), await w.account('staff')])
      await w.vote(s, 'wlan', 1)
    await w.paper(a.token, 'bus', 'citizen', 9)
    await w.paper(a.token, 'wlan', 'citizen', 3)
    await w.paper(a.token, 'rathaus', 'staff', 12)
    await w.paperVoters(a.token, 'citizen', 4)
    const results = await w.reveal()
    expect(results.cards).toEqual([
      { cardId: 'bus', total: 15, byGroup: { citizen: 15, councillor: null, staff: 0 }, paper: 9 },
      { cardId: 'rathaus', total: 12, byGroup: { citizen: 0, councillor: null, staff: 12 }, paper: 12 },
      { cardId: 'wlan', total: 6, byGroup: { citizen: 3, councillor: null, staff: 3 }, paper: 3 },
    ])
    // Staff's 12 dots on one card need at least 4 people (3 each at most): 3 + 4 staff.
    expect(results.voters).toEqual({ total: 14, byGroup: { citizen: 7, councillor: null, staff: 7 } })
    expect(results.paper).toEqual({ points: 24, voters: 8, withheld: [] })
    expect(await w.board((doc) => readResults(doc))).toEqual([results])
    const md = await w.minutes()
    expect(md).toContain('davon 24 Punkte von Papier')
    expect(md).toContain('8 Personen auf Papier')
    expect(md).toContain('| Karte | Gesamt | davon Papier | Bürger\\*innen | Ratsmitglieder | Verwaltung |')
    expect(md).toContain('| bus | 15 | 9 | 15 | – | 0 |')
  })

  it('stops the subtraction attack with paper: counted dots never make one device ballot visible', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    const councillor = await w.account('councillor')
    await w.vote(councillor, 'rathaus', 3)
    for (const c of await Promise.all(['A', 'B', 'C'].map(w.guest))) await w.vote(c, 'bus', 2)
    for (const s of [await w.account('staff'), await w.account('staff'), await w.account('staff')])
      await w.vote(s, 'wlan', 1)
    // The assistant claims ten councillors on paper, with dots they know exactly.
    await w.paper(a.token, 'rathaus', 'councillor', 20)
    await w.paper(a.token, 'bus', 'councillor', 10)
    await w.paperVoters(a.token, 'councillor', 10)
    const results = await w.reveal()
    expect(results.voters.byGroup.councillor).toBeNull()
    expect(results.hiddenGroups).toEqual(['councillor', 'staff'])
    const rathaus = results.cards.find((c) => c.cardId === 'rathaus')
    // Total minus the known dots minus the shown citizens: the rest of four device voters.
    expect((rathaus?.total ?? 0) - 20 - (rathaus?.byGroup.citizen ?? 0)).toBe(3)
    expect(rathaus?.byGroup).toEqual({ citizen: 0, councillor: null, staff: null })
  })

  it('shows no small group that voted on paper only, and leaves out two device ballots beside a paper room', async () => {
    const w = await votingWorkshop()
    const a = await w.assistant()
    const [x, y] = await Promise.all(['A', 'B'].map(w.guest))
    await w.vote(x as Person, 'bus', 3)
    await w.vote(y as Person, 'wlan', 2)
    await w.paper(a.token, 'bus', 'citizen', 20)
    await w.paper(a.token, 'wlan', 'staff', 15)
    // One councillor's three dots on paper.
    await w.paper(a.token, 'rathaus', 'councillor', 3)
    const results = await w.reveal()
    expect(results.paper).toEqual({ points: 38, voters: 13, withheld: ['devices'] })
    expect(results.cards.map((c) => [c.cardId, c.total, c.paper])).toEqual([
      ['bus', 20, 20],
      ['wlan', 15, 15],
      ['rathaus', 3, 3],
    ])
    expect(results.voters.byGroup.councillor).toBeNull()
    // On paper, staff (the smaller shown group) joins the lone councillor in the rest.
    expect(results.voters.byGroup).toEqual({ citizen: 7, councillor: null, staff: null })
    expect(results.hiddenGroups).toEqual(['councillor', 'staff'])
    const md = await w.minutes()
    expect(md).toContain('Stimmen an Geräten nicht gezählt')
  })
})
