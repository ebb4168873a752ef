/**
 * The edges of the server under pressure: brute force, code guessing, a full town hall behind
 * one address, sessions ending on password change, security headers on every page, and the
 * caps on connections.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, createWorkshop, PASSWORD, setupFacilitator } from '../support/api.ts'
import { openRaw } from '../support/raw-client.ts'
import { createTestApp } from '../support/test-app.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer | null = null
let app: ReturnType<typeof createTestApp> | null = null
afterEach(async () => {
  await server?.dispose()
  server = null
  app?.close()
  app = null
})

describe('login and join limits', () => {
  it('answers a password brute force with 429, per account and per address', async () => {
    app = createTestApp()
    await app.request('POST', '/api/setup', { body: { username: 'moderation', password: PASSWORD } })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const res = await app.request('POST', '/api/login', {
        body: { username: 'moderation', password: `falsch-${i}-xxxx` },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    const limited = await app.request('POST', '/api/login', {
      body: { username: 'moderation', password: PASSWORD },
    })
    expect(limited.status).toBe(429)
    expect(limited.json.error.code).toBe('rate-limited')
    // Another account from the same address is not locked out by this one's attacker.
    const other = await app.request('POST', '/api/login', {
      body: { username: 'jemand', password: 'egal-egal-egal' },
    })
    expect(other.status).toBe(401)
    console.log(
      `login brute force: ${statuses.filter((s) => s === 401).length} wrong passwords answered, then 429`,
    )
  })

  it('lets a whole room join from one address but stops code guessing', async () => {
    app = createTestApp()
    const setup = await app.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    const token = setup.json.token as string
    const workshop = await app.request('POST', '/api/workshops', { token, body: { title: 'Ratssaal' } })
    let joined = 0
    for (let i = 0; i < 150; i++) {
      const res = await app.request('POST', '/api/join', {
        body: { code: workshop.json.joinCode, name: `Person ${i}` },
      })
      if (res.status === 200) joined++
    }
    expect(joined).toBe(150)
    const guesses: number[] = []
    for (let i = 0; i < 40; i++) {
      const res = await app.request('POST', '/api/join', {
        body: { code: `ZZZZ${String(2222 + i).slice(-4)}`, name: 'Rater' },
      })
      guesses.push(res.status)
    }
    expect(guesses.filter((s) => s === 404).length).toBe(30)
    expect(guesses.at(-1)).toBe(429)
    console.log(`joining: ${joined} people from one address admitted; code guessing stopped after 30 misses`)
  })
})

describe('sessions', () => {
  it('ends every session of an account when its password changes', async () => {
    app = createTestApp()
    await app.request('POST', '/api/setup', { body: { username: 'moderation', password: PASSWORD } })
    const a = (
      await app.request('POST', '/api/login', { body: { username: 'moderation', password: PASSWORD } })
    ).json.token
    const b = (
      await app.request('POST', '/api/login', { body: { username: 'moderation', password: PASSWORD } })
    ).json.token
    const wrong = await app.request('POST', '/api/password', {
      token: a,
      body: { currentPassword: 'nicht-richtig', newPassword: 'ganz-neues-passwort' },
    })
    expect(wrong.status).toBe(401)
    const changed = await app.request('POST', '/api/password', {
      token: a,
      body: { currentPassword: PASSWORD, newPassword: 'ganz-neues-passwort' },
    })
    expect(changed.status).toBe(200)
    expect((await app.request('GET', '/api/me', { token: a })).status).toBe(401)
    expect((await app.request('GET', '/api/me', { token: b })).status).toBe(401)
    expect((await app.request('GET', '/api/me', { token: changed.json.token })).status).toBe(200)
    const old = await app.request('POST', '/api/login', {
      body: { username: 'moderation', password: PASSWORD },
    })
    expect(old.status).toBe(401)
  })
})

describe('security headers', () => {
  it('sends a strict CSP on every page and HSTS over https', async () => {
    server = await startTestServer({ withClient: true })
    for (const path of [
      '/',
      '/setup',
      '/login',
      '/workshops',
      '/join/ABCD2345',
      '/w/some-id',
      '/api/health',
    ]) {
      const res = await fetch(`${server.url}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).not.toContain('unsafe-inline')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      if (path !== '/api/health') expect(await res.text()).not.toMatch(/<script>(?!<\/script>)/)
    }
    const html = await (await fetch(`${server.url}/`)).text()
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
    await server.dispose()
    server = null
    app = createTestApp({ PUBLIC_URL: 'https://werkstatt.example.de' })
    const res = await app.request('GET', '/api/health')
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000')
  })
})

describe('connection caps', () => {
  it('refuses connections past the per-workshop cap with a named code', async () => {
    server = await startTestServer({ env: { MAX_CONNECTIONS_PER_WORKSHOP: '3' } })
    const token = await setupFacilitator(server.url)
    const { id } = await createWorkshop(server.url, token)
    const peers = await Promise.all([1, 2, 3].map(() => openRaw(server?.url ?? '', id, { token })))
    const fourth = await openRaw(server.url, id, { token })
    expect(await fourth.closed).toEqual({ code: CLOSE.workshopFull.code, reason: CLOSE.workshopFull.reason })
    for (const p of peers) p.ws.close()
    const ok = await call(server.url, 'GET', '/api/health')
    expect(ok.status).toBe(200)
  })

  it('admits a reconnect storm at a bounded rate, all of it in the end', async () => {
    server = await startTestServer({ sync: { admissionPerSecond: 50, admissionBurst: 10 } })
    const token = await setupFacilitator(server.url)
    const { id } = await createWorkshop(server.url, token)
    const started = performance.now()
    const peers = await Promise.all(
      Array.from({ length: 40 }, () => openRaw(server?.url ?? '', id, { token })),
    )
    await Promise.all(
      peers.map(
        (p) =>
          new Promise<void>((resolve) => {
            const check = () => (p.frames.length > 0 ? resolve() : setTimeout(check, 5))
            check()
          }),
      ),
    )
    const elapsed = performance.now() - started
    // 10 at once, then 30 more at 50 a second: at least ~0.6 s, and all of them served.
    expect(elapsed).toBeGreaterThan(450)
    expect(server.deps.sync.connectionCount).toBe(40)
    for (const p of peers) p.ws.close()
  })
})
