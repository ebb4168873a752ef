/**
 * Export and import: a workshop exported from one instance (its own DATA_DIR) and imported into
 * another gives the same minutes, snapshot by snapshot (only the workshop id differs), and a log
 * whose chain verifies; a file altered or cut short is refused with 422 `export-altered` naming
 * what does not match; the same file is not imported twice; only administrators import. The
 * same through `npm run admin -- export` and `import`.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { call, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { recordedWorkshop } from '../support/records-flow.ts'
import { startTestServer, type TestServer, tempDataDir } from '../support/test-server.ts'

const h = useSyncHarness()
const others: TestServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const s of others.splice(0)) await s.dispose()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function upload(base: string, body: string, token: string) {
  const res = await fetch(`${base}/api/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  })
  return {
    status: res.status,
    json: (await res.json()) as { id?: string; error?: { code: string; message: string } },
  }
}

async function download(base: string, id: string, token: string) {
  const res = await fetch(`${base}/api/workshops/${id}/export`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-disposition')).toContain('attachment')
  return res.text()
}

/** Every snapshot's minutes in both text formats, the workshop id blanked. */
async function allMinutes(base: string, id: string, token: string) {
  const list = (await call(base, 'GET', `/api/workshops/${id}/snapshots`, undefined, token)).json
    .snapshots as {
    id: string
  }[]
  const out: Record<string, string> = {}
  for (const s of list) {
    for (const format of ['md', 'json', 'html']) {
      const res = await fetch(`${base}/api/workshops/${id}/minutes?format=${format}&snapshot=${s.id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(res.status).toBe(200)
      out[`${s.id}.${format}`] = (await res.text()).replaceAll(id, '<workshop>')
    }
  }
  return out
}

function admin(args: string[], dataDir: string, stdin = ''): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stdin.end(stdin)
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })))
}

describe('export and import', () => {
  it('moves a workshop to another instance with the same minutes and a chain that verifies', async () => {
    const source = await h.start()
    const { token, id, anna } = await recordedWorkshop(source.url, h.client)
    expect((await call(source.url, 'GET', `/api/workshops/${id}/export`, undefined, anna.token)).status).toBe(
      403,
    )
    const text = await download(source.url, id, token)
    const file = JSON.parse(text)
    expect(file.manifest).toMatchObject({ format: 'ratswerkstatt-export', version: 1, workshop: { id } })
    expect(Object.keys(file.manifest.parts).sort()).toEqual(
      [
        'board',
        'cardRecords',
        'desks',
        'hiddenCards',
        'log',
        'participants',
        'snapshots',
        'voteResults',
        'voteReveals',
        'votes',
        'workshop',
      ].sort(),
    )
    // The export is in the source's log, and in the file it made.
    expect(file.log.at(-1).kind).toBe('workshop.exported')
    const sourceVerify = (await call(source.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json
    expect(sourceVerify).toMatchObject({ ok: true, entries: file.log.length })

    const target = await startTestServer()
    others.push(target)
    const admin2 = await setupFacilitator(target.url)
    const guest = await (async () => {
      const w = await call(target.url, 'POST', '/api/workshops', { title: 'Andere' }, admin2)
      return joinAsGuest(target.url, w.json.joinCode, 'Gast')
    })()
    expect((await upload(target.url, text, guest.token)).status).toBe(403)

    const imported = await upload(target.url, text, admin2)
    expect(imported.status).toBe(201)
    const newId = imported.json.id as string
    expect(newId).not.toBe(id)
    const verified = (await call(target.url, 'GET', `/api/workshops/${newId}/verify`, undefined, admin2)).json
    expect(verified).toEqual({ ok: true, entries: file.log.length + 1, snapshots: 2 })
    const before = await allMinutes(source.url, id, token)
    const after = await allMinutes(target.url, newId, admin2)
    expect(Object.keys(after)).toHaveLength(6)
    expect(after).toEqual(before)
    expect(after[Object.keys(after).find((k) => k.endsWith('.md')) as string]).toContain('beleidigend')

    // Once is enough: the same ids cannot be taken twice.
    expect((await upload(target.url, text, admin2)).status).toBe(409)
  })

  it('refuses an altered or truncated file with export-altered, naming what does not match', async () => {
    const source = await h.start()
    const { token, id } = await recordedWorkshop(source.url, h.client)
    const text = await download(source.url, id, token)
    const target = await startTestServer()
    others.push(target)
    const adminToken = await setupFacilitator(target.url)

    const refused = async (body: string, where: RegExp) => {
      const res = await upload(target.url, body, adminToken)
      expect(res.status).toBe(422)
      expect(res.json.error?.code).toBe('export-altered')
      expect(res.json.error?.message).toMatch(where)
    }
    const edit = (change: (file: ReturnType<typeof JSON.parse>) => void) => {
      const file = JSON.parse(text)
      change(file)
      return JSON.stringify(file)
    }
    // A phase change made to say something else.
    await refused(
      edit((f) => {
        const entry = f.log.find((e: { kind: string }) => e.kind === 'phase.changed')
        entry.data.to = 'zw-fantasie'
      }),
      /log entry 5: hash-mismatch/,
    )
    // An entry left out.
    await refused(
      edit((f) => f.log.splice(2, 1)),
      /log entry 3: missing/,
    )
    // A snapshot's state swapped for another's.
    const snapshots = JSON.parse(text).snapshots as { id: string }[]
    await refused(
      edit((f) => {
        f.snapshots[0].state = f.snapshots[1].state
      }),
      new RegExp(`snapshot ${snapshots[0]?.id}: hash-mismatch`),
    )
    // Hidden text or a board changed without the manifest knowing.
    await refused(
      edit((f) => {
        f.hiddenCards[0].text = 'harmlos'
      }),
      /part hiddenCards: hash-mismatch/,
    )
    await refused(
      edit((f) => {
        f.board = Buffer.from('anders').toString('base64')
      }),
      /part board: hash-mismatch/,
    )
    await refused(text.slice(0, Math.floor(text.length / 2)), /file: not complete JSON/)
    // Bigger than a JSON request may be (64 KiB): the import's own limit applies, and an added
    // member is an alteration too.
    await refused(
      edit((f) => {
        f.padding = 'x'.repeat(100_000)
      }),
      /part padding: unknown/,
    )
    await refused(
      edit((f) => {
        delete f.votes
      }),
      /part votes: missing/,
    )
    // Nothing of the refused files was written.
    const count = target.deps.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }
    expect(count.n).toBe(0)
    expect((await upload(target.url, text, adminToken)).status).toBe(201)
  })

  it('exports and imports through npm run admin', async () => {
    const source = await h.start()
    const { token, id } = await recordedWorkshop(source.url, h.client)
    const dir = tempDataDir()
    dirs.push(dir)
    const file = path.join(dir, 'export.json')
    const exported = await admin(['export', id, file], source.dataDir)
    expect(exported.code).toBe(0)
    const targetDir = tempDataDir()
    dirs.push(targetDir)
    expect((await admin(['import', file], targetDir)).code).toBe(1)
    expect((await admin(['create-admin', 'archiv'], targetDir, 'ein-sehr-langes-passwort\n')).code).toBe(0)
    const imported = await admin(['import', file], targetDir)
    expect(imported.code).toBe(0)
    const newId = /workshop (\S+) /.exec(imported.out)?.[1] as string
    expect((await admin(['verify', newId], targetDir)).code).toBe(0)

    const target = await startTestServer({ dataDir: targetDir })
    others.push(target)
    const login = await call(target.url, 'POST', '/api/login', {
      username: 'archiv',
      password: 'ein-sehr-langes-passwort',
    })
    expect(await allMinutes(target.url, newId, login.json.token)).toEqual(
      await allMinutes(source.url, id, token),
    )
    const altered = JSON.parse(fs.readFileSync(file, 'utf8'))
    altered.log[1].at += 1
    fs.writeFileSync(file, JSON.stringify(altered))
    const refused = await admin(['import', file], targetDir)
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('log entry 2')
  })
})
