/** Structured logs tell what happened without ever containing a token or a password. */
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { call, createWorkshop, joinAsGuest, PASSWORD, setupFacilitator } from '../support/api.ts'
import { openRaw } from '../support/raw-client.ts'
import { connectClient, type SyncClient, waitSynced } from '../support/sync-client.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
const clients: SyncClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.dispose()
})

describe('logs', () => {
  it('record requests and refusals as JSON with no secrets in them', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean))
        done()
      },
    })
    server = await startTestServer({ logger: createLogger('debug', sink) })
    const token = await setupFacilitator(server.url)
    const login = await call(server.url, 'POST', '/api/login', { username: 'moderation', password: PASSWORD })
    await call(server.url, 'POST', '/api/login', { username: 'moderation', password: 'falsches-passwort' })
    const { id, joinCode } = await createWorkshop(server.url, token)
    const guest = await joinAsGuest(server.url, joinCode, 'Anna')
    const c = connectClient(server.url, id, guest.token)
    clients.push(c)
    await waitSynced(c)
    const refused = await openRaw(server.url, id, { token: 'c'.repeat(32) })
    await refused.closed
    await new Promise((r) => setTimeout(r, 50))

    const secrets = [
      token,
      login.json.token as string,
      guest.token,
      PASSWORD,
      'falsches-passwort',
      'c'.repeat(32),
    ]
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow()
      for (const secret of secrets) expect(line).not.toContain(secret)
    }
    expect(lines.some((l) => l.includes('"sync refused"') && l.includes('unauthenticated'))).toBe(true)
    expect(lines.some((l) => l.includes('"path":"/api/login"') && l.includes('"status":401'))).toBe(true)
  })
})
