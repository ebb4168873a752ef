/** The public HTTP interface v1 through `app.request()`: every route, good input and bad. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { createTestApp } from '../support/test-app.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const PASSWORD = 'richtig-langes-passwort'

async function setup() {
  const res = await t.request('POST', '/api/setup', { body: { username: 'moderation', password: PASSWORD } })
  expect(res.status).toBe(201)
  return res.json.token as string
}

async function workshop(token: string) {
  const res = await t.request('POST', '/api/workshops', { token, body: { title: 'Digitale Kommune' } })
  expect(res.status).toBe(201)
  return res.json as { id: string; joinCode: string }
}

function expectError(
  res: { json: { error?: { code?: unknown; message?: unknown } }; text: string },
  code: string,
) {
  expect(res.json.error?.code).toBe(code)
  expect(typeof res.json.error?.message).toBe('string')
  expect(res.text).not.toMatch(/at .*\.ts:\d+/)
}

describe('health and setup', () => {
  it('reports health', async () => {
    const res = await t.request('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true })
  })

  it('creates the first account once, then answers 409', async () => {
    expect((await t.request('GET', '/api/setup')).json).toEqual({ needed: true, codeRequired: false })
    const res = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    expect(res.status).toBe(201)
    expect(res.json.user).toMatchObject({ username: 'moderation', role: 'facilitator', isAdmin: true })
    expect(res.json.token).toMatch(/^[a-z2-7]{32}$/)
    const again = await t.request('POST', '/api/setup', { body: { username: 'zweite', password: PASSWORD } })
    expect(again.status).toBe(409)
    expectError(again, 'already-set-up')
    expect((await t.request('GET', '/api/setup')).json).toMatchObject({ needed: false })
  })

  it('needs the setup code from anywhere but this machine', async () => {
    const remote = { address: '192.0.2.10' }
    expect((await t.request('GET', '/api/setup', remote)).json).toEqual({ needed: true, codeRequired: true })
    const body = { username: 'moderation', password: PASSWORD }
    const without = await t.request('POST', '/api/setup', { ...remote, body })
    expect(without.status).toBe(403)
    expectError(without, 'setup-code-required')
    const wrong = await t.request('POST', '/api/setup', {
      ...remote,
      body: { ...body, setupCode: 'X'.repeat(16) },
    })
    expect(wrong.status).toBe(403)
    expectError(wrong, 'invalid-setup-code')
    // A page on a foreign name rebound to 127.0.0.1 is not this machine either.
    const rebound = await t.request('POST', 'http://evil.example/api/setup', { body })
    expect(rebound.status).toBe(403)
    expect(await t.deps.users.count()).toBe(0)
    const code = (await t.deps.setup.pendingCode()) ?? ''
    const typed = `${code.slice(0, 8).toLowerCase()} ${code.slice(8)}`
    const created = await t.request('POST', '/api/setup', { ...remote, body: { ...body, setupCode: typed } })
    expect(created.status).toBe(201)
    // Spent: the instance is set up, and there is no code any more.
    expect(await t.deps.setup.pendingCode()).toBeNull()
    expect(
      (
        await t.request('POST', '/api/setup', {
          ...remote,
          body: { ...body, username: 'zweite', setupCode: code },
        })
      ).status,
    ).toBe(409)
  })

  it('refuses bad setup bodies with a clear 400 and creates nothing', async () => {
    const cases = [
      { body: { username: 'moderation', password: 'kurz' } },
      { body: { username: 'x', password: PASSWORD } },
      { body: { username: 'moderation', password: PASSWORD, role: 'admin' } },
      { body: ['nope'] },
    ]
    for (const c of cases) {
      const res = await t.request('POST', '/api/setup', c)
      expect(res.status).toBe(400)
      expectError(res, 'invalid-request')
    }
    const broken = await t.request('POST', '/api/setup', {
      rawBody: '{"username":',
      headers: { 'content-type': 'application/json' },
    })
    expect(broken.status).toBe(400)
    expectError(broken, 'invalid-json')
    const wrongType = await t.request('POST', '/api/setup', {
      rawBody: 'username=a',
      headers: { 'content-type': 'text/plain' },
    })
    expect(wrongType.status).toBe(415)
    expect(await t.deps.users.count()).toBe(0)
  })

  it('refuses oversized bodies with 413', async () => {
    const res = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: 'x'.repeat(100 * 1024) },
    })
    expect(res.status).toBe(413)
    expectError(res, 'payload-too-large')
    expect(await t.deps.users.count()).toBe(0)
  })
})

describe('login, sessions and tokens', () => {
  it('answers an unknown user and a wrong password with the same 401', async () => {
    await setup()
    const wrong = await t.request('POST', '/api/login', {
      body: { username: 'moderation', password: 'falsch-falsch' },
    })
    const unknown = await t.request('POST', '/api/login', {
      body: { username: 'niemand', password: PASSWORD },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.json).toEqual(unknown.json)
  })

  it('logs in with a HttpOnly SameSite cookie and a bearer token; logout ends the session', async () => {
    await setup()
    const res = await t.request('POST', '/api/login', {
      body: { username: 'Moderation', password: PASSWORD },
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/rw_session=[a-z2-7]{32}/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const token = res.json.token as string
    expect((await t.request('GET', '/api/me', { token })).json.user.username).toBe('moderation')
    const viaCookie = await t.request('GET', '/api/me', { headers: { cookie: `rw_session=${token}` } })
    expect(viaCookie.status).toBe(200)
    expect((await t.request('POST', '/api/logout', { token })).status).toBe(204)
    const after = await t.request('GET', '/api/me', { token })
    expect(after.status).toBe(401)
    expectError(after, 'unauthenticated')
  })

  it('stores only the SHA-256 of a session token', async () => {
    const token = await setup()
    const rows = await t.deps.sql.all<{ id: string }>('SELECT id FROM sessions')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0]?.id).not.toContain(token)
  })

  it('refuses missing and forged tokens', async () => {
    await setup()
    for (const token of ['', 'a'.repeat(32), 'not a token', 'x'.repeat(5000)]) {
      const res = await t.request('GET', '/api/me', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(401)
    }
    expect((await t.request('POST', '/api/workshops', { body: { title: 'x' } })).status).toBe(401)
  })

  it('refuses a cookie-authenticated state change from another origin (CSRF)', async () => {
    const token = await setup()
    const res = await t.request('POST', '/api/workshops', {
      body: { title: 'Fremd' },
      headers: { cookie: `rw_session=${token}`, origin: 'https://evil.example', host: 'localhost' },
    })
    expect(res.status).toBe(403)
    expectError(res, 'cross-origin')
    const same = await t.request('POST', '/api/workshops', {
      body: { title: 'Eigen' },
      headers: { cookie: `rw_session=${token}`, origin: 'http://localhost', host: 'localhost' },
    })
    expect(same.status).toBe(201)
  })
})

describe('accounts', () => {
  it('lets the administrator create accounts with roles, and nobody else', async () => {
    const admin = await setup()
    const created = await t.request('POST', '/api/users', {
      token: admin,
      body: { username: 'ratsfrau', password: PASSWORD, role: 'councillor' },
    })
    expect(created.status).toBe(201)
    expect(created.json.user).toMatchObject({ username: 'ratsfrau', role: 'councillor', isAdmin: false })
    const duplicate = await t.request('POST', '/api/users', {
      token: admin,
      body: { username: 'RATSFRAU', password: PASSWORD, role: 'staff' },
    })
    expect(duplicate.status).toBe(409)
    const badRole = await t.request('POST', '/api/users', {
      token: admin,
      body: { username: 'chef', password: PASSWORD, role: 'administrator' },
    })
    expect(badRole.status).toBe(400)
    const login = await t.request('POST', '/api/login', {
      body: { username: 'ratsfrau', password: PASSWORD },
    })
    const councillor = login.json.token as string
    const notAdmin = await t.request('POST', '/api/users', {
      token: councillor,
      body: { username: 'noch', password: PASSWORD, role: 'staff' },
    })
    expect(notAdmin.status).toBe(403)
    const noWorkshop = await t.request('POST', '/api/workshops', { token: councillor, body: { title: 'x' } })
    expect(noWorkshop.status).toBe(403)
  })
})

describe('workshops and joining', () => {
  it('creates a workshop with an unambiguous join code, a join link and a QR code', async () => {
    const token = await setup()
    const { id, joinCode } = await workshop(token)
    expect(joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    const details = await t.request('GET', `/api/workshops/${id}`, { token })
    expect(details.json).toMatchObject({
      id,
      title: 'Digitale Kommune',
      joinCode,
      me: { isFacilitator: true },
    })
    expect(details.json.joinUrl).toBe(`http://localhost/join/${joinCode}`)
    const qr = await t.request('GET', `/api/workshops/${id}/qr.svg`, { token })
    expect(qr.status).toBe(200)
    expect(qr.headers.get('content-type')).toContain('image/svg+xml')
    expect(qr.text).toContain('<svg')
    const list = await t.request('GET', '/api/workshops', { token })
    expect(list.json.workshops).toHaveLength(1)
    expect((await t.request('POST', '/api/workshops', { token, body: { title: '  ' } })).status).toBe(400)
    expect(
      (await t.request('POST', '/api/workshops', { token, body: { title: 'x', template: 'nope' } })).status,
    ).toBe(400)
  })

  it('uses PUBLIC_URL for links behind a proxy', async () => {
    t.close()
    t = await createTestApp({ PUBLIC_URL: 'https://werkstatt.example.de' })
    const token = await setup()
    const { id, joinCode } = await workshop(token)
    const details = await t.request('GET', `/api/workshops/${id}`, { token })
    expect(details.json.joinUrl).toBe(`https://werkstatt.example.de/join/${joinCode}`)
  })

  it('lets a citizen join with the code and a name, as typed by people', async () => {
    const token = await setup()
    const { id, joinCode } = await workshop(token)
    const typed = `${joinCode.slice(0, 4).toLowerCase()}-${joinCode.slice(4)}`
    const lookup = await t.request('GET', `/api/join/${typed}`)
    expect(lookup.json).toEqual({ title: 'Digitale Kommune', joining: true })
    const res = await t.request('POST', '/api/join', { body: { code: typed, name: '  Anna  ' } })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ workshopId: id, role: 'citizen' })
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/)
    const guest = res.json.token as string
    const me = await t.request('GET', `/api/workshops/${id}`, { token: guest })
    expect(me.json.me).toMatchObject({ name: 'Anna', role: 'citizen', isFacilitator: false })
    expect(me.json.joinCode).toBeUndefined()
    const observer = await t.request('POST', '/api/join', {
      body: { code: joinCode, name: 'Presse', role: 'observer' },
    })
    expect(observer.json.role).toBe('observer')
  })

  it('answers bad joins clearly and creates no participant', async () => {
    const token = await setup()
    const { joinCode } = await workshop(token)
    const count = async () =>
      ((await t.deps.sql.get('SELECT COUNT(*) AS n FROM participants')) as { n: number }).n
    const before = await count()
    const unknown = await t.request('POST', '/api/join', { body: { code: 'ZZZZZZZZ', name: 'Anna' } })
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('unknown-join-code')
    const ambiguous = await t.request('POST', '/api/join', { body: { code: 'O0I1L000', name: 'Anna' } })
    expect(ambiguous.status).toBe(404)
    expect((await t.request('POST', '/api/join', { body: { code: joinCode, name: '' } })).status).toBe(400)
    expect(
      (await t.request('POST', '/api/join', { body: { code: joinCode, name: 'x'.repeat(41) } })).status,
    ).toBe(400)
    const facilitatorRole = await t.request('POST', '/api/join', {
      body: { code: joinCode, name: 'A', role: 'facilitator' },
    })
    expect(facilitatorRole.status).toBe(400)
    expect(await count()).toBe(before)
  })

  it('keeps guests inside their own workshop', async () => {
    const token = await setup()
    const a = await workshop(token)
    const b = await workshop(token)
    const guest = (await t.request('POST', '/api/join', { body: { code: a.joinCode, name: 'Anna' } })).json
      .token
    expect((await t.request('GET', `/api/workshops/${b.id}`, { token: guest })).status).toBe(404)
    expect((await t.request('GET', `/api/workshops/${a.id}/qr.svg`, { token: guest })).status).toBe(403)
    expect(
      (await t.request('POST', `/api/workshops/${a.id}/snapshots`, { token: guest, body: { label: 'x' } }))
        .status,
    ).toBe(403)
    expect((await t.request('GET', `/api/workshops/${a.id}/minutes`, { token: guest })).status).toBe(403)
    expect((await t.request('POST', '/api/workshops', { token: guest, body: { title: 'x' } })).status).toBe(
      403,
    )
  })
})

describe('snapshots and minutes', () => {
  it('stores a snapshot and exports its minutes, escaping user text', async () => {
    const token = await setup()
    const { id } = await workshop(token)
    const none = await t.request('GET', `/api/workshops/${id}/minutes`, { token })
    expect(none.status).toBe(404)
    await t.deps.sync.rooms.withBoard(id, (board) => {
      addCard(board.doc, 'evil', { text: '<script>alert(1)</script> **fett**', x: 0, y: 0, color: 'pink' })
    })
    const snap = await t.request('POST', `/api/workshops/${id}/snapshots`, {
      token,
      body: { label: 'Kritik <b>' },
    })
    expect(snap.status).toBe(201)
    const html = await t.request('GET', `/api/workshops/${id}/minutes?format=html`, { token })
    expect(html.headers.get('content-type')).toContain('text/html')
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html.text).toContain('@page { size: A4')
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.text).not.toContain('<script>')
    expect(html.text).toContain('Kritik &lt;b&gt;')
    const md = await t.request('GET', `/api/workshops/${id}/minutes?format=md&snapshot=${snap.json.id}`, {
      token,
    })
    expect(md.text).toContain('&lt;script&gt;')
    expect(md.text).toContain('\\*\\*fett\\*\\*')
    const json = await t.request('GET', `/api/workshops/${id}/minutes?format=json`, { token })
    expect(json.json).toMatchObject({
      format: 'ratswerkstatt-minutes',
      version: 2,
      snapshot: { label: 'Kritik <b>' },
    })
    expect(json.json.sections[0].frames[0].cards[0].text).toBe('<script>alert(1)</script> **fett**')
    const bad = await t.request('GET', `/api/workshops/${id}/minutes?format=exe`, { token })
    expect(bad.status).toBe(400)
    expect((await t.request('GET', `/api/workshops/${id}/minutes?snapshot=nope`, { token })).status).toBe(404)
    expect(
      (await t.request('POST', `/api/workshops/${id}/snapshots`, { token, body: { label: '' } })).status,
    ).toBe(400)
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.request('GET', '/api/nope')
    expect(res.status).toBe(404)
    expectError(res, 'not-found')
  })
})
