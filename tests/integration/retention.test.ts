/**
 * Retention and data rights: deleting a workshop leaves none of its texts in any file of the
 * data directory (after VACUUM); the retention job, with its clock moved past the limits,
 * removes guests' names and hidden texts from every file while the minutes still verify;
 * deleting a participant's data pseudonymises or removes their cards as the instance is set.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { DAY_MS, RetentionJob } from '../../server/retention/retention-job.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { recordedWorkshop } from '../support/records-flow.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'
import type { TestServer } from '../support/test-server.ts'

const h = useSyncHarness()

/**
 * Which markers any file of the data directory still holds (database, -wal, -shm). On PostgreSQL,
 * whose files are the server's, which markers any row of the instance's tables still holds.
 */
async function markersIn(server: TestServer, markers: string[]): Promise<string[]> {
  const sql = server.deps.sql
  if (sql.dialect === 'postgres') {
    const found = new Set<string>()
    const tables = await sql.all<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    for (const { name } of tables)
      for (const row of await sql.all<Record<string, unknown>>(`SELECT * FROM "${name}"`))
        for (const value of Object.values(row)) {
          const bytes = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value), 'utf8')
          for (const marker of markers)
            if (bytes.includes(Buffer.from(marker, 'utf8'))) found.add(`${marker} in ${name}`)
        }
    return [...found]
  }
  const db = server.deps.sqlite
  if (!db) throw new Error('no SQLite connection')
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
  const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith('ratswerkstatt.sqlite'))
  expect(files).toContain('ratswerkstatt.sqlite')
  const found = new Set<string>()
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(server.dataDir, file))
    for (const marker of markers) {
      if (bytes.includes(Buffer.from(marker, 'utf8'))) found.add(`${marker} in ${file}`)
    }
  }
  return [...found]
}

function jobAt(server: TestServer, now: number): RetentionJob {
  return new RetentionJob(
    server.deps.sql,
    server.deps.audit,
    (id, work) => server.deps.sync.withWorkshopUnloaded(id, CLOSE.roomsRewritten, work),
    createLogger('silent'),
    () => now,
  )
}

/** A card text, a hidden text and a guest name, written through the public interface. */
async function markedWorkshop(server: TestServer, token: string, title: string, tag: string) {
  const created = await call(server.url, 'POST', '/api/workshops', { title }, token)
  const { id, joinCode } = created.json as { id: string; joinCode: string }
  const guest = await joinAsGuest(server.url, joinCode, `Gastname${tag}`)
  const board = h.client(id, token)
  const desk = h.client(`${id}/desk`, guest.token)
  await Promise.all([waitSynced(board), waitSynced(desk)])
  addCard(desk.doc, `k${tag}`, { text: `Kartentext${tag}`, x: 0, y: 0, color: 'yellow' })
  addCard(desk.doc, `v${tag}`, { text: `Versteckt${tag}`, x: 50, y: 0, color: 'blue' })
  await waitFor(() => readCards(board.doc).length === 2)
  // A raised hand carries the guest's name on the board too.
  expect(
    (await call(server.url, 'POST', `/api/workshops/${id}/hands`, { raised: true }, guest.token)).status,
  ).toBe(200)
  expect(
    (await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'vorher' }, token)).status,
  ).toBe(201)
  const hide = await call(
    server.url,
    'POST',
    `/api/workshops/${id}/cards/v${tag}/hide`,
    { reason: 'beleidigend' },
    token,
  )
  expect(hide.status).toBe(200)
  expect(
    (await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'nachher' }, token)).status,
  ).toBe(201)
  return { id, guest, board, desk }
}

describe('retention and data rights', () => {
  it('deleting a workshop leaves none of its texts in the data directory, and a log entry', async () => {
    const server = await h.start()
    const { token, id } = await recordedWorkshop(server.url, h.client)
    const marked = await markedWorkshop(server, token, 'Markierung', 'ZQX')
    // The other workshop stays whole.
    expect(await markersIn(server, ['KartentextZQX', 'VerstecktZQX', 'GastnameZQX'])).not.toEqual([])

    const refused = await call(
      server.url,
      'DELETE',
      `/api/workshops/${marked.id}`,
      undefined,
      marked.guest.token,
    )
    expect(refused.status).toBe(403)
    const deleted = await call(server.url, 'DELETE', `/api/workshops/${marked.id}`, undefined, token)
    expect(deleted.status).toBe(204)
    expect((await call(server.url, 'GET', `/api/workshops/${marked.id}`, undefined, token)).status).toBe(404)
    await waitFor(() => marked.board.closes.includes(CLOSE.notFound.code), 5000, 'board closed')
    // Rooms that would have compacted after the deletion: wait past the idle unload.
    await new Promise((r) => setTimeout(r, 100))
    expect(await markersIn(server, ['KartentextZQX', 'VerstecktZQX', 'GastnameZQX', 'Markierung'])).toEqual(
      [],
    )

    const db = server.deps.sql
    for (const table of ['participants', 'snapshots', 'audit_log', 'hidden_cards', 'card_records']) {
      const row = (await db.get(`SELECT COUNT(*) AS n FROM ${table} WHERE workshop_id = ?`, [marked.id])) as {
        n: number
      }
      expect(row.n, table).toBe(0)
    }
    const rooms = (await db.get(
      "SELECT COUNT(*) AS n FROM room_state WHERE room = ? OR room LIKE ? || '/%'",
      [marked.id, marked.id],
    )) as { n: number }
    expect(rooms.n).toBe(0)
    const logged = await db.all<{ data: string }>(
      "SELECT data FROM audit_log WHERE workshop_id = '*instance*' AND kind = 'workshop.deleted'",
    )
    expect(logged.map((r) => JSON.parse(r.data).workshop)).toEqual([marked.id])
    // The other workshop's minutes still verify.
    expect((await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json.ok).toBe(
      true,
    )
  })

  it('retention past its limits removes guest names and hidden texts from every file; minutes verify', async () => {
    const server = await h.start()
    const token = (
      await call(server.url, 'POST', '/api/setup', {
        username: 'moderation',
        password: 'richtig-langes-passwort',
      })
    ).json.token as string
    const marked = await markedWorkshop(server, token, 'Haushalt', 'RTN')
    const settings = await call(
      server.url,
      'PUT',
      '/api/settings/retention',
      { guestDays: 30, hiddenTextDays: 7, workshopDays: null, participantDeletion: 'pseudonymise' },
      token,
    )
    expect(settings.status).toBe(200)
    // Nothing is due while the workshop is open, however late.
    const idle = await jobAt(server, Date.now() + 400 * DAY_MS).run()
    expect(idle).toEqual({ workshops: 0, guests: 0, hiddenTexts: 0, snapshots: 0 })
    expect(
      (await call(server.url, 'POST', `/api/workshops/${marked.id}/close`, undefined, token)).status,
    ).toBe(200)

    // Eight days after closing: hidden texts are due, guest identities not yet.
    const first = await jobAt(server, Date.now() + 8 * DAY_MS).run()
    expect(first).toMatchObject({ hiddenTexts: 1, guests: 0 })
    expect(await markersIn(server, ['VerstecktRTN'])).toEqual([])
    expect((await markersIn(server, ['GastnameRTN'])).length).toBeGreaterThan(0)

    const second = await jobAt(server, Date.now() + 31 * DAY_MS).run()
    expect(second).toMatchObject({ guests: 1, hiddenTexts: 0 })
    expect(await markersIn(server, ['VerstecktRTN', 'GastnameRTN'])).toEqual([])
    // The card text that was never hidden stays: the record is kept, only personal data goes.
    expect((await markersIn(server, ['KartentextRTN'])).length).toBeGreaterThan(0)

    const verify = await call(server.url, 'GET', `/api/workshops/${marked.id}/verify`, undefined, token)
    expect(verify.json).toMatchObject({ ok: true, snapshots: 2 })
    const minutes = await call(
      server.url,
      'GET',
      `/api/workshops/${marked.id}/minutes?format=md`,
      undefined,
      token,
    )
    expect(minutes.status).toBe(200)
    expect(String(minutes.json)).not.toContain('VerstecktRTN')
    const kinds = (
      await server.deps.sql.all<{ kind: string }>(
        'SELECT kind FROM audit_log WHERE workshop_id = ? ORDER BY seq',
        [marked.id],
      )
    ).map((r) => r.kind)
    expect(kinds).toContain('workshop.closed')
    expect(kinds.filter((k) => k === 'retention.run')).toHaveLength(2)
    expect(kinds).toContain('snapshot.redacted')
    // Each run with a limit set is in the instance's log, with counts only.
    const runs = await server.deps.sql.all<{ data: string }>(
      "SELECT data FROM audit_log WHERE workshop_id = '*instance*' AND kind = 'retention.run' ORDER BY seq",
    )
    expect(runs.map((r) => JSON.parse(r.data))).toEqual([
      { workshops: 0, guests: 0, hiddenTexts: 0, snapshots: 0 },
      { workshops: 0, guests: 0, hiddenTexts: 1, snapshots: 1 },
      { workshops: 0, guests: 1, hiddenTexts: 0, snapshots: 2 },
    ])
  })

  it('whole workshops are deleted after their limit', async () => {
    const server = await h.start()
    const token = (
      await call(server.url, 'POST', '/api/setup', {
        username: 'moderation',
        password: 'richtig-langes-passwort',
      })
    ).json.token as string
    const marked = await markedWorkshop(server, token, 'Alt', 'OLD')
    await call(
      server.url,
      'PUT',
      '/api/settings/retention',
      { guestDays: 0, hiddenTextDays: 0, workshopDays: 90, participantDeletion: 'remove' },
      token,
    )
    await call(server.url, 'POST', `/api/workshops/${marked.id}/close`, undefined, token)
    expect((await jobAt(server, Date.now() + 89 * DAY_MS).run()).workshops).toBe(0)
    expect((await jobAt(server, Date.now() + 91 * DAY_MS).run()).workshops).toBe(1)
    expect(await markersIn(server, ['KartentextOLD', 'VerstecktOLD', 'GastnameOLD'])).toEqual([])
  })

  it('deleting a participant’s data pseudonymises their cards, or removes them', async () => {
    const server = await h.start()
    const token = (
      await call(server.url, 'POST', '/api/setup', {
        username: 'moderation',
        password: 'richtig-langes-passwort',
      })
    ).json.token as string
    const a = await markedWorkshop(server, token, 'Eins', 'PSA')
    const res = await call(
      server.url,
      'DELETE',
      `/api/workshops/${a.id}/participants/${a.guest.participantId}/data`,
      undefined,
      token,
    )
    expect(res.json).toEqual({ mode: 'pseudonymise', cards: 2 })
    expect(await markersIn(server, ['GastnamePSA'])).toEqual([])
    expect((await markersIn(server, ['KartentextPSA'])).length).toBeGreaterThan(0)
    expect((await call(server.url, 'GET', '/api/me', undefined, a.guest.token)).status).toBe(401)
    expect((await call(server.url, 'GET', `/api/workshops/${a.id}/verify`, undefined, token)).json.ok).toBe(
      true,
    )

    await call(
      server.url,
      'PUT',
      '/api/settings/retention',
      { guestDays: null, hiddenTextDays: null, workshopDays: null, participantDeletion: 'remove' },
      token,
    )
    const b = await markedWorkshop(server, token, 'Zwei', 'RMB')
    const removed = await call(
      server.url,
      'DELETE',
      `/api/workshops/${b.id}/participants/${b.guest.participantId}/data`,
      undefined,
      token,
    )
    expect(removed.json).toEqual({ mode: 'remove', cards: 2 })
    // The facilitator's open board was closed while the rooms were rewritten, reconnected, and
    // got the removal; its resync brings nothing of the old cards back to the server.
    await waitFor(() => b.board.closes.includes(CLOSE.roomsRewritten.code), 5000, 'board closed')
    await waitFor(() => readCards(b.board.doc).length === 0, 5000, 'cards removed on the open board')
    await waitSynced(b.board)
    expect(await server.deps.sync.readBoard(b.id, (doc) => readCards(doc).length)).toBe(0)
    expect(await markersIn(server, ['GastnameRMB', 'KartentextRMB', 'VerstecktRMB'])).toEqual([])
    expect((await call(server.url, 'GET', `/api/workshops/${b.id}/verify`, undefined, token)).json.ok).toBe(
      true,
    )
    const log = await server.deps.sql.all<{ data: string }>(
      "SELECT data FROM audit_log WHERE workshop_id = ? AND kind = 'participant.data-deleted'",
      [b.id],
    )
    expect(log.map((r) => JSON.parse(r.data))).toEqual([
      { participant: b.guest.participantId, mode: 'remove', cards: 2 },
    ])
  })
})
