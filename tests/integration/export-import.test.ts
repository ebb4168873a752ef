/**
 * Export and import: a workshop exported from one instance (its own DATA_DIR) and imported into
 * another gives the same minutes, snapshot by snapshot (only the workshop id differs), and a log
 * whose chain verifies; a file altered or cut short is refused with 422 `export-altered` naming
 * what does not match; the same file is not imported twice; only administrators import. The
 * same through `npm run admin -- export` and `import`. A hybrid workshop (hand-counted dots and
 * paper voters, a speech, a photo of a paper card) moves with all of them.
 */
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { hashOf } from '../../server/audit/canonical.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { admin } from '../support/admin-cli.ts'
import { call, joinAsGuest, setupFacilitator } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { recordedWorkshop } from '../support/records-flow.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'
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

/**
 * A hybrid workshop: an assistant enters a paper card with a photo, a citizen speaks (raised hand,
 * called, done), and in the critique's vote the citizen votes on a device while the assistant
 * enters hand-counted dots and paper voters; then the reveal and a snapshot.
 */
async function hybridWorkshop(base: string, client: (room: string, token: string) => SyncClientOf) {
  const token = await setupFacilitator(base)
  const created = await call(
    base,
    'POST',
    '/api/workshops',
    { title: 'Hybrid 2030', template: 'zukunftswerkstatt' },
    token,
  )
  const { id, joinCode } = created.json as { id: string; joinCode: string }
  const anna = await joinAsGuest(base, joinCode, 'Anna')
  const jan = await joinAsGuest(base, joinCode, 'Jan')
  const made = await call(
    base,
    'PATCH',
    `/api/workshops/${id}/participants/${jan.participantId}`,
    { role: 'assistant' },
    token,
  )
  expect(made.status).toBe(200)
  const board = client(id, token)
  const desk = client(`${id}/desk`, jan.token)
  await Promise.all([waitSynced(board), waitSynced(desk)])
  addCard(desk.doc, 'p1', { text: 'Mehr Bänke am Markt', x: 0, y: 0, color: 'yellow', group: 'councillor' })
  await waitFor(() => readCards(board.doc).some((c) => c.id === 'p1'), 5000, 'the paper card')
  const photo = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .jpeg()
    .toBuffer()
  const uploaded = await fetch(`${base}/api/workshops/${id}/cards/p1/photo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jan.token}`, 'content-type': 'image/jpeg' },
    body: new Uint8Array(photo),
  })
  expect(uploaded.status).toBe(201)
  await waitFor(() => Boolean(readCards(board.doc).find((c) => c.id === 'p1')?.photo), 5000, 'the photo')

  expect((await call(base, 'POST', `/api/workshops/${id}/hands`, { raised: true }, anna.token)).status).toBe(
    200,
  )
  expect((await call(base, 'POST', `/api/workshops/${id}/hands/next`, undefined, token)).status).toBe(200)
  await new Promise((r) => setTimeout(r, 20))
  expect((await call(base, 'POST', `/api/workshops/${id}/hands/done`, undefined, token)).status).toBe(200)

  const phase = await call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-kritik' }, token)
  expect(phase.status).toBe(200)
  expect(
    (await call(base, 'POST', `/api/workshops/${id}/votes`, { cardId: 'p1', points: 1 }, anna.token)).status,
  ).toBe(200)
  const paper = await call(
    base,
    'POST',
    `/api/workshops/${id}/votes/paper`,
    { cardId: 'p1', group: 'citizen', points: 7 },
    jan.token,
  )
  expect(paper.status).toBe(200)
  const voters = await call(
    base,
    'POST',
    `/api/workshops/${id}/votes/paper/voters`,
    { group: 'citizen', voters: 4 },
    jan.token,
  )
  expect(voters.status).toBe(200)
  expect((await call(base, 'POST', `/api/workshops/${id}/votes/reveal`, undefined, token)).status).toBe(200)
  const snapshot = await call(base, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Stand' }, token)
  expect(snapshot.status).toBe(201)
  return { token, id }
}
type SyncClientOf = ReturnType<typeof h.client>

describe('export and import', () => {
  it('moves a workshop to another instance with the same minutes and a chain that verifies', async () => {
    const source = await h.start()
    const { token, id, anna } = await recordedWorkshop(source.url, h.client)
    expect((await call(source.url, 'GET', `/api/workshops/${id}/export`, undefined, anna.token)).status).toBe(
      403,
    )
    const text = await download(source.url, id, token)
    const file = JSON.parse(text)
    expect(file.manifest).toMatchObject({ format: 'ratswerkstatt-export', version: 2, workshop: { id } })
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
        'workshop',
        'paperVotes',
        'paperVoters',
        'speakingTimes',
        'cardPhotos',
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
        delete f.voteResults
      }),
      /part voteResults: missing/,
    )
    // Nothing of the refused files was written.
    const count = (await target.deps.sql.get('SELECT COUNT(*) AS n FROM audit_log')) as { n: number }
    expect(count.n).toBe(0)
    expect((await upload(target.url, text, adminToken)).status).toBe(201)
  })

  it('moves hand-counted dots, paper voters, speeches and photos; an altered paper-votes part is refused', async () => {
    const source = await h.start()
    const { token, id } = await hybridWorkshop(source.url, h.client)
    const text = await download(source.url, id, token)
    const file = JSON.parse(text)
    expect(file.paperVotes).toEqual([
      expect.objectContaining({ phase_id: 'zw-kritik', card_id: 'p1', voter_group: 'citizen', points: 7 }),
    ])
    expect(file.paperVoters).toEqual([expect.objectContaining({ voter_group: 'citizen', voters: 4 })])
    expect(file.speakingTimes).toHaveLength(1)
    expect(file.speakingTimes[0].ended_at).toBeGreaterThanOrEqual(file.speakingTimes[0].started_at)
    expect(file.cardPhotos).toHaveLength(1)
    expect(Buffer.from(file.cardPhotos[0].image, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))

    const target = await startTestServer()
    others.push(target)
    const adminToken = await setupFacilitator(target.url)
    const altered = JSON.parse(text)
    altered.paperVotes[0].points = 70
    const refused = await upload(target.url, JSON.stringify(altered), adminToken)
    expect(refused.status).toBe(422)
    expect(refused.json.error?.code).toBe('export-altered')
    expect(refused.json.error?.message).toMatch(/part paperVotes: hash-mismatch/)
    // With the manifest made to match, what the tables would refuse is refused as well: 422, not 500.
    const resealed = (change: (f: typeof altered) => void) => {
      const f = JSON.parse(text)
      change(f)
      f.manifest.parts.paperVotes = hashOf(f.paperVotes)
      return JSON.stringify(f)
    }
    for (const [body, where] of [
      [
        resealed((f) => (f.paperVotes[0].voter_group = 'mayor')),
        /part paperVotes: malformed at 0\.voter_group/,
      ],
      [resealed((f) => f.paperVotes.push(f.paperVotes[0])), /part paperVotes: row 2 refused by the database/],
    ] as const) {
      const res = await upload(target.url, body, adminToken)
      expect(res.status).toBe(422)
      expect(res.json.error?.message).toMatch(where)
    }

    const imported = await upload(target.url, text, adminToken)
    expect(imported.status).toBe(201)
    const newId = imported.json.id as string
    const verified = (await call(target.url, 'GET', `/api/workshops/${newId}/verify`, undefined, adminToken))
      .json
    expect(verified).toMatchObject({ ok: true, entries: file.log.length + 1 })
    const before = await allMinutes(source.url, id, token)
    const after = await allMinutes(target.url, newId, adminToken)
    expect(after).toEqual(before)
    const last = (await call(source.url, 'GET', `/api/workshops/${id}/snapshots`, undefined, token)).json
      .snapshots as { id: string; label: string }[]
    const stand = last.find((s) => s.label === 'Stand')?.id as string
    expect(after[`${stand}.md`]).toContain('davon 7 Punkte von Papier')
    expect(after[`${stand}.md`]).toContain('Wortmeldungen')
    expect(after[`${stand}.html`]).toContain('<img class="photo" src="data:image/jpeg;base64,')
    // The photo itself came along, not only its thumbnail.
    const photo = await fetch(`${target.url}/api/workshops/${newId}/cards/p1/photo`, {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    expect(photo.status).toBe(200)
    expect(Buffer.from(await photo.arrayBuffer()).toString('base64')).toBe(file.cardPhotos[0].image)
    // The record tables hold the same rows under the new workshop.
    const db = target.deps.sql
    expect(await db.all('SELECT points FROM paper_votes WHERE workshop_id = ?', [newId])).toEqual([
      { points: 7 },
    ])
    expect(await db.all('SELECT voters FROM paper_voters WHERE workshop_id = ?', [newId])).toEqual([
      { voters: 4 },
    ])
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
