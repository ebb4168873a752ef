/**
 * `npm run admin` for accounts and data, run as a subprocess on a temporary DATA_DIR beside a
 * real server: deactivate (no login, sessions end) and reactivate, reset-password, list,
 * backup while the server runs, restore only with the server stopped and only a sound file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { admin } from '../support/admin-cli.ts'
import { call } from '../support/api.ts'
import { startTestServer, type TestServer, tempDataDir } from '../support/test-server.ts'
import { itSqliteOnly } from '../support/test-storage.ts'

const PASSWORD = 'ein-sehr-langes-passwort'
const NEW_PASSWORD = 'ein-ganz-neues-passwort'
const dirs: string[] = []
const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function instance(): Promise<{ dataDir: string; server: TestServer }> {
  const dataDir = tempDataDir()
  dirs.push(dataDir)
  expect((await admin(['create-admin', 'chefin'], dataDir, `${PASSWORD}\n`)).code).toBe(0)
  const server = await startTestServer({ dataDir })
  servers.push(server)
  return { dataDir, server }
}

const login = (url: string, password: string) =>
  call(url, 'POST', '/api/login', { username: 'chefin', password })

describe('npm run admin: accounts', () => {
  it('deactivates (no login, sessions end), reactivates and resets a password', async () => {
    const { dataDir, server } = await instance()
    const session = await login(server.url, PASSWORD)
    expect(session.status).toBe(200)
    expect((await call(server.url, 'GET', '/api/me', undefined, session.json.token)).status).toBe(200)

    const off = await admin(['deactivate', 'chefin'], dataDir)
    expect(off.code).toBe(0)
    expect(off.out).toContain('deactivated')
    expect((await call(server.url, 'GET', '/api/me', undefined, session.json.token)).status).toBe(401)
    const refused = await login(server.url, PASSWORD)
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('account-deactivated')
    expect((await admin(['deactivate', 'niemand'], dataDir)).code).toBe(1)

    expect((await admin(['reactivate', 'chefin'], dataDir)).code).toBe(0)
    const again = await login(server.url, PASSWORD)
    expect(again.status).toBe(200)

    const reset = await admin(['reset-password', 'chefin'], dataDir, `${NEW_PASSWORD}\n`)
    expect(reset.code).toBe(0)
    expect(reset.out).not.toContain(NEW_PASSWORD)
    expect((await call(server.url, 'GET', '/api/me', undefined, again.json.token)).status).toBe(401)
    expect((await login(server.url, NEW_PASSWORD)).status).toBe(200)
    expect((await login(server.url, PASSWORD)).status).toBe(401)
    expect((await admin(['reset-password', 'chefin'], dataDir, 'kurz\n')).code).toBe(1)
  }, 120_000)

  itSqliteOnly('backup and restore are SQLite file operations')(
    'lists workshops, backs up while the server runs, restores only when it is stopped',
    async () => {
      const { dataDir, server } = await instance()
      const token = (await login(server.url, PASSWORD)).json.token as string
      const kept = await call(server.url, 'POST', '/api/workshops', { title: 'Haushalt 2027' }, token)
      expect(kept.status).toBe(201)

      const listed = await admin(['list'], dataDir)
      expect(listed.code).toBe(0)
      const rows = listed.out.trim().split('\n')
      expect(rows[0]).toBe('id\ttitle\towner\tcreated')
      expect(rows[1]).toMatch(new RegExp(`^${kept.json.id}\\tHaushalt 2027\\tchefin\\t\\d{4}-\\d\\d-\\d\\dT`))

      const file = path.join(dataDir, '..', `${path.basename(dataDir)}-backup.sqlite`)
      dirs.push(file)
      const backup = await admin(['backup', file], dataDir)
      expect(backup.code).toBe(0)
      expect(backup.out).toContain('integrity ok')
      expect((await admin(['backup', file], dataDir)).code).toBe(1)
      const later = await call(server.url, 'POST', '/api/workshops', { title: 'Nach der Sicherung' }, token)
      expect(later.status).toBe(201)

      const whileRunning = await admin(['restore', file], dataDir)
      expect(whileRunning.code).toBe(1)
      expect(whileRunning.out).toContain('stop it first')

      await servers.pop()?.close()
      const damaged = path.join(dataDir, 'damaged.sqlite')
      fs.writeFileSync(damaged, 'das ist keine Datenbank'.repeat(100))
      const refused = await admin(['restore', damaged], dataDir)
      expect(refused.code).toBe(1)
      expect(refused.out).toContain('nothing was changed')

      const restored = await admin(['restore', file], dataDir)
      expect(restored.code).toBe(0)
      expect(fs.readdirSync(dataDir).some((f) => f.startsWith('before-restore-'))).toBe(true)

      const back = await startTestServer({ dataDir })
      servers.push(back)
      const relogin = await login(back.url, PASSWORD)
      const list = await call(back.url, 'GET', '/api/workshops', undefined, relogin.json.token)
      const titles = (list.json.workshops ?? list.json).map((w: { title: string }) => w.title)
      expect(titles).toEqual(['Haushalt 2027'])
    },
    120_000,
  )
})
