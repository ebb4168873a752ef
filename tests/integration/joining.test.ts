/**
 * One person, one voice, and the facilitator's doors: a rejoin from the session of an earlier
 * join keeps the participant and its ballot, another name on the same device is a new
 * participant, joining can be closed, the code renewed and the guests capped; an account's
 * join hands out no copy of its login token; over https the cookie is a __Host- cookie.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { createTestApp } from '../support/test-app.ts'

const PASSWORD = 'richtig-langes-passwort'
let t: Awaited<ReturnType<typeof createTestApp>>
afterEach(() => t?.close())

async function facilitatorWithWorkshop(env: Record<string, string> = {}) {
  t = await createTestApp(env)
  const setup = await t.request('POST', '/api/setup', {
    body: { username: 'moderation', password: PASSWORD },
  })
  expect(setup.status).toBe(201)
  const token = setup.json.token as string
  const created = await t.request('POST', '/api/workshops', {
    token,
    body: { title: 'Ratssaal', template: 'zukunftswerkstatt' },
  })
  return { token, id: created.json.id as string, joinCode: created.json.joinCode as string }
}

const join = (body: { code: string; name: string; role?: string }, token?: string) =>
  t.request('POST', '/api/join', { body, token })

const sameOrigin = (token: string) => ({
  cookie: `rw_session=${token}`,
  origin: 'http://localhost',
  host: 'localhost',
})

describe('rejoining', () => {
  it('keeps the participant and its ballot for the same session and name; another name is a new participant', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop()
    await t.request('POST', `/api/workshops/${id}/phase`, { token, body: { phaseId: 'zw-kritik' } })
    await t.deps.sync.rooms.withBoard(id, (board) => {
      addCard(board.doc, 'bus', { text: 'Bürgerbus', x: 0, y: 0, color: 'yellow' })
    })
    const first = await join({ code: joinCode, name: 'Anna' })
    expect(first.status).toBe(200)
    const vote = await t.request('POST', `/api/workshops/${id}/votes`, {
      token: first.json.token,
      body: { cardId: 'bus', points: 3 },
    })
    expect(vote.status).toBe(200)

    // The same browser (its cookie) and the same name, typed a little differently: the same person.
    const again = await t.request('POST', '/api/join', {
      body: { code: joinCode, name: ' anna ' },
      headers: sameOrigin(first.json.token),
    })
    expect(again.status).toBe(200)
    expect(again.json.participantId).toBe(first.json.participantId)
    const mine = await t.request('GET', `/api/workshops/${id}/votes/mine`, { token: again.json.token })
    expect(mine.json.vote).toMatchObject({ used: 3, remaining: 2 })
    // A bearer client rejoining with its token is the same participant too, and no fresh budget.
    const viaBearer = await join({ code: joinCode, name: 'Anna' }, first.json.token)
    expect(viaBearer.json.participantId).toBe(first.json.participantId)
    const over = await t.request('POST', `/api/workshops/${id}/votes`, {
      token: viaBearer.json.token,
      body: { cardId: 'bus', points: 6 },
    })
    expect(over.status).toBe(400)

    // A shared tablet: another name from the same session is a new participant with its own desk.
    const ben = await join({ code: joinCode, name: 'Ben' }, first.json.token)
    expect(ben.status).toBe(200)
    expect(ben.json.participantId).not.toBe(first.json.participantId)
    expect(ben.json.token).not.toBe(first.json.token)
    const benMine = await t.request('GET', `/api/workshops/${id}/votes/mine`, { token: ben.json.token })
    expect(benMine.json.vote).toMatchObject({ used: 0, remaining: 5 })
    // …and Anna, back at the tablet after Ben, is Anna again.
    const annaAgain = await join({ code: joinCode, name: 'Anna' }, ben.json.token)
    expect(annaAgain.json.participantId).toBe(first.json.participantId)
    // Without a session, a name is just a name: a new participant.
    const stranger = await join({ code: joinCode, name: 'Anna' })
    expect(stranger.json.participantId).not.toBe(first.json.participantId)

    const guests = (await t.deps.workshops.participants(id)).filter((p) => p.userId === null)
    expect(guests.map((p) => p.name)).toEqual(['Anna', 'Ben', 'Anna'])
  })

  it('does not let a removed guest back in under the same name from the same device', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop()
    const anna = await join({ code: joinCode, name: 'Anna' })
    const ben = await join({ code: joinCode, name: 'Ben' }, anna.json.token)
    const removed = await t.request(
      'DELETE',
      `/api/workshops/${id}/participants/${anna.json.participantId}`,
      {
        token,
      },
    )
    expect(removed.status).toBe(204)
    const back = await join({ code: joinCode, name: 'Anna' }, ben.json.token)
    expect(back.status).toBe(403)
    expect(back.json.error.code).toBe('removed')
  })
})

describe('the facilitator’s doors', () => {
  it('closes and reopens joining; people already in keep their place', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop()
    const anna = await join({ code: joinCode, name: 'Anna' })
    const details = await t.request('GET', `/api/workshops/${id}`, { token: anna.json.token })
    expect(details.json.joining).toBe(true)

    const closed = await t.request('PATCH', `/api/workshops/${id}`, { token, body: { joining: false } })
    expect(closed.status).toBe(200)
    expect(closed.json).toMatchObject({ joining: false })
    const refused = await join({ code: joinCode, name: 'Ben' })
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('joining-closed')
    expect((await t.request('GET', `/api/join/${joinCode}`)).json).toEqual({
      title: 'Ratssaal',
      joining: false,
    })
    expect((await t.request('GET', `/api/workshops/${id}`, { token: anna.json.token })).json.joining).toBe(
      false,
    )
    const annaBack = await join({ code: joinCode, name: 'Anna' }, anna.json.token)
    expect(annaBack.status).toBe(200)
    expect(annaBack.json.participantId).toBe(anna.json.participantId)

    // Only the facilitator holds the doors.
    const byGuest = await t.request('PATCH', `/api/workshops/${id}`, {
      token: anna.json.token,
      body: { joining: true },
    })
    expect(byGuest.status).toBe(403)
    expect((await t.request('PATCH', `/api/workshops/${id}`, { token, body: {} })).status).toBe(400)
    expect(
      (await t.request('PATCH', `/api/workshops/${id}`, { token, body: { joining: 'yes' } })).status,
    ).toBe(400)

    await t.request('PATCH', `/api/workshops/${id}`, { token, body: { joining: true } })
    expect((await join({ code: joinCode, name: 'Ben' })).status).toBe(200)
  })

  it('gives a new join code; the old one then answers 404', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop()
    const anna = await join({ code: joinCode, name: 'Anna' })
    const renewed = await t.request('POST', `/api/workshops/${id}/join-code`, { token })
    expect(renewed.status).toBe(200)
    expect(renewed.json.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(renewed.json.joinCode).not.toBe(joinCode)
    expect((await join({ code: joinCode, name: 'Ben' })).status).toBe(404)
    expect((await t.request('GET', `/api/join/${joinCode}`)).status).toBe(404)
    expect((await join({ code: renewed.json.joinCode, name: 'Ben' })).status).toBe(200)
    expect((await t.request('GET', `/api/workshops/${id}`, { token })).json.joinCode).toBe(
      renewed.json.joinCode,
    )
    // Those already in stay in.
    expect((await t.request('GET', `/api/workshops/${id}`, { token: anna.json.token })).status).toBe(200)
    expect(
      (await t.request('POST', `/api/workshops/${id}/join-code`, { token: anna.json.token })).status,
    ).toBe(403)
  })

  it('caps the guests of a workshop', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop()
    const cap = await t.request('PATCH', `/api/workshops/${id}`, { token, body: { guestCap: 2 } })
    expect(cap.json).toMatchObject({ guestCap: 2, effectiveGuestCap: 2, guests: 0 })
    const anna = await join({ code: joinCode, name: 'Anna' })
    await join({ code: joinCode, name: 'Ben' })
    const third = await join({ code: joinCode, name: 'Cem' })
    expect(third.status).toBe(403)
    expect(third.json.error.code).toBe('workshop-full')
    // A guest already in is not a new one.
    expect((await join({ code: joinCode, name: 'Anna' }, anna.json.token)).status).toBe(200)
    expect((await t.request('PATCH', `/api/workshops/${id}`, { token, body: { guestCap: -1 } })).status).toBe(
      400,
    )
    await t.request('PATCH', `/api/workshops/${id}`, { token, body: { guestCap: null } })
    expect((await join({ code: joinCode, name: 'Cem' })).status).toBe(200)
  })

  it('applies the server default cap (MAX_GUESTS_PER_WORKSHOP) unless the workshop has its own', async () => {
    const { token, id, joinCode } = await facilitatorWithWorkshop({ MAX_GUESTS_PER_WORKSHOP: '1' })
    expect((await join({ code: joinCode, name: 'Anna' })).status).toBe(200)
    expect((await join({ code: joinCode, name: 'Ben' })).json.error.code).toBe('workshop-full')
    await t.request('PATCH', `/api/workshops/${id}`, { token, body: { guestCap: 5 } })
    expect((await join({ code: joinCode, name: 'Ben' })).status).toBe(200)
  })
})

describe('accounts and cookies', () => {
  it('answers an account’s join with its participant and no copy of its login token', async () => {
    const { token: admin, id, joinCode } = await facilitatorWithWorkshop()
    await t.request('POST', '/api/users', {
      token: admin,
      body: { username: 'ratsfrau', password: PASSWORD, role: 'councillor' },
    })
    const login = await t.request('POST', '/api/login', {
      body: { username: 'ratsfrau', password: PASSWORD },
    })
    const councillor = login.json.token as string
    const joined = await join({ code: joinCode, name: 'egal' }, councillor)
    expect(joined.status).toBe(200)
    expect(joined.json).toMatchObject({ workshopId: id, role: 'councillor' })
    expect(joined.json.token ?? null).toBeNull()
    expect(joined.text).not.toContain(councillor)
    expect(joined.headers.get('set-cookie')).toBeNull()
    // Joining again is the same participant.
    const again = await join({ code: joinCode, name: 'egal' }, councillor)
    expect(again.json.participantId).toBe(joined.json.participantId)
    // A new account cannot come in while joining is closed; a member still can.
    await t.request('PATCH', `/api/workshops/${id}`, { token: admin, body: { joining: false } })
    expect((await join({ code: joinCode, name: 'x' }, councillor)).status).toBe(200)
    await t.request('POST', '/api/users', {
      token: admin,
      body: { username: 'spaet', password: PASSWORD, role: 'staff' },
    })
    const late = await t.request('POST', '/api/login', { body: { username: 'spaet', password: PASSWORD } })
    const refused = await join({ code: joinCode, name: 'x' }, late.json.token)
    expect(refused.json.error.code).toBe('joining-closed')
  })

  it('names the cookie __Host-rw_session over https and reads both names', async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://werkstatt.example.de' })
    const setup = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    const cookie = setup.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^__Host-rw_session=[a-z2-7]{32}/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
    const token = setup.json.token as string
    for (const name of ['__Host-rw_session', 'rw_session']) {
      const me = await t.request('GET', '/api/me', { headers: { cookie: `${name}=${token}` } })
      expect(me.status, name).toBe(200)
    }
    // The __Host- cookie is a cookie like the other: a foreign origin is refused (CSRF).
    const foreign = await t.request('POST', '/api/workshops', {
      body: { title: 'Fremd' },
      headers: { cookie: `__Host-rw_session=${token}`, origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    const logout = await t.request('POST', '/api/logout', {
      headers: { cookie: `__Host-rw_session=${token}`, origin: 'https://werkstatt.example.de' },
    })
    expect(logout.status).toBe(204)
    expect(logout.headers.get('set-cookie')).toContain('__Host-rw_session=;')
  })
})
