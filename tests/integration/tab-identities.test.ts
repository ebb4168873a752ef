/**
 * Two guests in two tabs of one browser profile (a shared table tablet) share one cookie jar.
 * The general session cookie is whoever joined last; each guest's join also sets their own
 * `rw_p_<participantId>` cookie, and a tab that names its participant (`X-RW-As`, `?as=` on a
 * sync socket) acts as that guest, or as no one when that guest's cookie is gone: never as the
 * other guest. Logging out in one tab leaves the other tab's guest logged in.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { deskRoomName } from '../../server/sync/workshop-rooms.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { waitFor } from '../support/sync-client.ts'
import { createTestApp } from '../support/test-app.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

const PASSWORD = 'richtig-langes-passwort'

/** A browser profile's cookies, as Set-Cookie answers leave them. */
class CookieJar {
  readonly cookies = new Map<string, string>()
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      const expired = attributes.some((a) => /^max-age=0$/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

describe('two guests in one browser profile (HTTP)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>
  afterEach(() => t?.close())

  async function workshopWithVote(env: Record<string, string> = {}) {
    t = await createTestApp(env)
    const setup = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    const token = setup.json.token as string
    const created = await t.request('POST', '/api/workshops', {
      token,
      body: { title: 'Tisch 3', template: 'zukunftswerkstatt' },
    })
    const id = created.json.id as string
    await t.request('POST', `/api/workshops/${id}/phase`, { token, body: { phaseId: 'zw-kritik' } })
    await t.deps.sync.rooms.withBoard(id, (board) => {
      addCard(board.doc, 'bus', { text: 'Bürgerbus', x: 0, y: 0, color: 'yellow' })
      addCard(board.doc, 'bank', { text: 'Parkbank', x: 200, y: 0, color: 'green' })
    })
    return { id, joinCode: created.json.joinCode as string }
  }

  /** A tab of the profile: every request carries the jar; `as` names the tab's participant. */
  function tabOf(jar: CookieJar, origin: string, host: string) {
    return async (method: string, path: string, options: { body?: unknown; as?: string } = {}) => {
      const res = await t.request(method, path, {
        body: options.body,
        headers: { cookie: jar.header(), origin, host, ...(options.as ? { 'x-rw-as': options.as } : {}) },
      })
      jar.take(res.headers)
      return res
    }
  }

  it('acts as the guest each request names, 401 for one without its cookie, logout ends one tab', async () => {
    const { id, joinCode } = await workshopWithVote()
    const jar = new CookieJar()
    const tab = tabOf(jar, 'http://localhost', 'localhost')

    const anna = await tab('POST', '/api/join', { body: { code: joinCode, name: 'Anna' } })
    const annaId = anna.json.participantId as string
    expect(jar.cookies.get(`rw_p_${annaId}`)).toMatch(/^[a-z2-7]{32}$/)
    expect(anna.headers.getSetCookie().join('\n')).toMatch(
      new RegExp(`rw_p_${annaId}=.*HttpOnly.*SameSite=Lax`),
    )
    // Bert joins in the other tab of the same profile: the general cookie is his from now on.
    const bert = await tab('POST', '/api/join', { body: { code: joinCode, name: 'Bert' } })
    const bertId = bert.json.participantId as string
    expect(bertId).not.toBe(annaId)
    expect(jar.cookies.get('rw_session')).toBe(jar.cookies.get(`rw_p_${bertId}`))
    expect(jar.cookies.get(`rw_p_${annaId}`)).not.toBe(jar.cookies.get('rw_session'))

    // Each tab names its guest and is that guest, whatever the general cookie holds.
    expect((await tab('GET', '/api/me', { as: annaId })).json.guest).toMatchObject({
      id: annaId,
      name: 'Anna',
    })
    expect((await tab('GET', '/api/me', { as: bertId })).json.guest).toMatchObject({
      id: bertId,
      name: 'Bert',
    })
    const annaVote = await tab('POST', `/api/workshops/${id}/votes`, {
      as: annaId,
      body: { cardId: 'bus', points: 3 },
    })
    expect(annaVote.status).toBe(200)
    const bertVote = await tab('POST', `/api/workshops/${id}/votes`, {
      as: bertId,
      body: { cardId: 'bank', points: 2 },
    })
    expect(bertVote.status).toBe(200)
    expect((await t.deps.votes.mine(id, annaId))?.allocations).toEqual({ bus: 3 })
    expect((await t.deps.votes.mine(id, bertId))?.allocations).toEqual({ bank: 2 })
    expect((await tab('GET', `/api/workshops/${id}`, { as: annaId })).json.me.participantId).toBe(annaId)
    // A v1 client naming no one gets the general cookie's guest, as before.
    expect((await tab('GET', '/api/me')).json.guest.id).toBe(bertId)

    // Naming a guest whose cookie this profile lacks is no one: 401, never the other guest.
    const carla = await t.request('POST', '/api/join', { body: { code: joinCode, name: 'Carla' } })
    const carlaId = carla.json.participantId as string
    expect((await tab('GET', '/api/me', { as: carlaId })).status).toBe(401)
    const stray = await tab('POST', `/api/workshops/${id}/votes`, {
      as: carlaId,
      body: { cardId: 'bus', points: 1 },
    })
    expect(stray.status).toBe(401)
    expect((await tab('GET', '/api/me', { as: 'no such id!' })).status).toBe(401)
    // A participant's cookie holding someone else's session (set by hand) is no one either.
    const forged = await t.request('GET', '/api/me', {
      headers: { cookie: `rw_p_${carlaId}=${jar.cookies.get(`rw_p_${annaId}`)}`, 'x-rw-as': carlaId },
    })
    expect(forged.status).toBe(401)
    expect((await t.deps.votes.mine(id, annaId))?.allocations).toEqual({ bus: 3 })
    expect((await t.deps.votes.mine(id, bertId))?.allocations).toEqual({ bank: 2 })
    expect((await t.deps.votes.mine(id, carlaId))?.allocations).toEqual({})

    // The participant's cookie is a cookie like the session's: a foreign origin is refused (CSRF).
    const foreign = await t.request('POST', `/api/workshops/${id}/votes`, {
      body: { cardId: 'bus', points: 1 },
      headers: {
        cookie: `rw_p_${annaId}=${jar.cookies.get(`rw_p_${annaId}`)}`,
        'x-rw-as': annaId,
        origin: 'https://evil.example',
        host: 'localhost',
      },
    })
    expect(foreign.status).toBe(403)

    // Anna's tab rejoins under her name: the same participant, on the session her tab presents.
    const annaToken = jar.cookies.get(`rw_p_${annaId}`)
    const again = await tab('POST', '/api/join', { as: annaId, body: { code: joinCode, name: 'anna' } })
    expect(again.json.participantId).toBe(annaId)
    expect(jar.cookies.get(`rw_p_${annaId}`)).toBe(annaToken)
    expect((await tab('GET', `/api/workshops/${id}/votes/mine`, { as: annaId })).json.vote).toMatchObject({
      used: 3,
    })
    // …and is the profile's latest join again; Bert's tab, naming Bert, stays Bert.
    expect(jar.cookies.get('rw_session')).toBe(annaToken)

    // Bert logs out in his tab: his cookie and session end, Anna's tab stays logged in.
    const bertLogout = await tab('POST', '/api/logout', { as: bertId })
    expect(bertLogout.status).toBe(204)
    expect(jar.cookies.has(`rw_p_${bertId}`)).toBe(false)
    expect(jar.cookies.get('rw_session')).toBe(annaToken)
    expect((await tab('GET', '/api/me', { as: bertId })).status).toBe(401)
    expect((await tab('GET', '/api/me', { as: annaId })).json.guest.id).toBe(annaId)
    // Bert's tab, still naming him, joins again under his name: no session of his is left, but
    // the device (the general cookie) says it is Bert again, with his ballot, not a new voter.
    const bertBack = await tab('POST', '/api/join', { as: bertId, body: { code: joinCode, name: 'Bert' } })
    expect(bertBack.json.participantId).toBe(bertId)
    expect((await tab('GET', `/api/workshops/${id}/votes/mine`, { as: bertId })).json.vote).toMatchObject({
      used: 2,
    })

    // Anna logs out: her cookie goes; the general cookie holds Bert's session now and stays.
    expect((await tab('POST', '/api/logout', { as: annaId })).status).toBe(204)
    expect([...jar.cookies.keys()].sort()).toEqual([`rw_p_${bertId}`, 'rw_session'])
    expect((await t.request('GET', '/api/me', { token: annaToken })).status).toBe(401)
    // Bert logs out: his cookie goes, and the general cookie too, which held his session.
    expect((await tab('POST', '/api/logout', { as: bertId })).status).toBe(204)
    expect([...jar.cookies.keys()]).toEqual([])
  })

  it('names the participant cookie __Host-rw_p_<id> over https and reads it', async () => {
    const { joinCode } = await workshopWithVote({ PUBLIC_URL: 'https://werkstatt.example.de' })
    const jar = new CookieJar()
    const tab = tabOf(jar, 'https://werkstatt.example.de', 'werkstatt.example.de')
    const anna = await tab('POST', '/api/join', { body: { code: joinCode, name: 'Anna' } })
    const annaId = anna.json.participantId as string
    const line = anna.headers.getSetCookie().find((l) => l.startsWith(`__Host-rw_p_${annaId}=`)) ?? ''
    expect(line).toMatch(/HttpOnly/)
    expect(line).toMatch(/Secure/)
    expect(line).toMatch(/Path=\//)
    expect(line).toMatch(/SameSite=Lax/)
    expect(line).not.toMatch(/Domain=/i)
    await tab('POST', '/api/join', { body: { code: joinCode, name: 'Bert' } })
    expect((await tab('GET', '/api/me', { as: annaId })).json.guest.id).toBe(annaId)
    expect((await tab('POST', '/api/logout', { as: annaId })).headers.getSetCookie().join('\n')).toContain(
      `__Host-rw_p_${annaId}=;`,
    )
  })
})

describe('two guests in one browser profile (sync sockets)', () => {
  let server: TestServer
  afterEach(() => server?.dispose())

  it('opens the named guest’s desk with `?as=`, and refuses a name without its cookie with 4401', async () => {
    server = await startTestServer()
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'moderation', password: PASSWORD }),
    })
    const { token } = (await setup.json()) as { token: string }
    const created = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Tisch 3' }),
    })
    const { id, joinCode } = (await created.json()) as { id: string; joinCode: string }
    const jar = new CookieJar()
    const join = async (name: string) => {
      const res = await fetch(`${server.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: jar.header() },
        body: JSON.stringify({ code: joinCode, name }),
      })
      jar.take(res.headers)
      return ((await res.json()) as { participantId: string }).participantId
    }
    const annaId = await join('Anna')
    const bertId = await join('Bert')

    const open = (path: string, as?: string) => {
      const url = new URL(`${server.url.replace(/^http/, 'ws')}/sync/${path}`)
      if (as) url.searchParams.set('as', as)
      const ws = new WebSocket(url, { headers: { cookie: jar.header() }, origin: server.url })
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
      return { ws, closed }
    }
    // Anna's tab opens "its" desk: the server picks Anna's desk although the general cookie is Bert's.
    const annaDesk = open(`${id}/desk`, annaId)
    await waitFor(
      () => server.deps.sync.registry.get(deskRoomName(id, annaId)) !== undefined,
      5000,
      'Anna’s desk',
    )
    expect(server.deps.sync.registry.get(deskRoomName(id, bertId))).toBeUndefined()
    // A name whose cookie the profile lacks is refused as unauthenticated, not let in as Bert.
    const carla = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: joinCode, name: 'Carla' }),
    })
    const { participantId: carlaId } = (await carla.json()) as { participantId: string }
    expect(await open(id, carlaId).closed).toBe(CLOSE.unauthenticated.code)
    expect(await open(`${id}/desk`, carlaId).closed).toBe(CLOSE.unauthenticated.code)
    annaDesk.ws.close()
    await annaDesk.closed
  })
})
