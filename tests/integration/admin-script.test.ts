/**
 * `npm run admin -- create-admin <name>`: the administrator from the server's shell, on the
 * configured DATA_DIR, with the password from stdin or a file, printing nothing secret.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { admin } from '../support/admin-cli.ts'
import { call } from '../support/api.ts'
import { startTestServer, type TestServer, tempDataDir } from '../support/test-server.ts'

const PASSWORD = 'ein-sehr-langes-passwort'
const dirs: string[] = []
let server: TestServer | null = null
afterEach(async () => {
  await server?.dispose()
  server = null
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('npm run admin', () => {
  it('creates the administrator from stdin or a password file, and nothing twice', async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const created = await admin(['create-admin', 'chefin'], dataDir, `${PASSWORD}\n`)
    expect(created.code).toBe(0)
    expect(created.out).toContain('chefin')
    expect(created.out).not.toContain(PASSWORD)
    const file = path.join(dataDir, 'pw.txt')
    fs.writeFileSync(file, 'noch-ein-langes-passwort\n')
    expect((await admin(['create-admin', 'zweite', '--password-file', file], dataDir)).code).toBe(0)
    const taken = await admin(['create-admin', 'CHEFIN'], dataDir, `${PASSWORD}\n`)
    expect(taken.code).toBe(1)
    expect((await admin(['create-admin', 'kurz'], dataDir, 'kurz\n')).code).toBe(1)
    expect((await admin(['nonsense'], dataDir)).code).toBe(1)

    server = await startTestServer({ dataDir })
    const login = await call(server.url, 'POST', '/api/login', { username: 'chefin', password: PASSWORD })
    expect(login.status).toBe(200)
    expect(login.json.user).toMatchObject({ role: 'facilitator', isAdmin: true })
    const setup = await call(server.url, 'POST', '/api/setup', { username: 'dritte', password: PASSWORD })
    expect(setup.status).toBe(409)
  })
})
