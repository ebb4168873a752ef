/**
 * The tamper-evident event log: a real workshop's joins, phase change, reveals, hiding, vote and
 * snapshots each leave an entry chained to the one before; an entry or a snapshot changed behind
 * the server's back (SQL on the database file) is named by GET /verify and by
 * `npm run admin -- verify`, which exits 1; the minutes print their snapshot's hash and the log
 * entry that recorded it.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { entryHash } from '../../server/audit/chain.ts'
import { addCard, deleteCard, setCardText } from '../../shared/board/card-ops.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import { readCards } from '../../shared/board/schema.ts'
import { admin } from '../support/admin-cli.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { recordedWorkshop } from '../support/records-flow.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

interface Row {
  seq: number
  at: number
  kind: string
  actor: string
  data: string
  prev_hash: string
  hash: string
}

describe('event log', () => {
  it('chains every recorded act of a real workshop, and verify names what was altered', async () => {
    const server = await h.start()
    const { token, id, anna } = await recordedWorkshop(server.url, h.client)
    const db = server.deps.sql
    const rows = () =>
      db.all<Row>(
        'SELECT seq, at, kind, actor, data, prev_hash, hash FROM audit_log WHERE workshop_id = ? ORDER BY seq',
        [id],
      )

    const log = await rows()
    expect(log.map((r) => r.kind)).toEqual([
      'log.started',
      'workshop.created',
      'participant.joined',
      'snapshot.taken',
      'phase.changed',
      'cards.revealed',
      'card.hidden',
      'votes.revealed',
      'snapshot.taken',
    ])
    // Each entry holds its predecessor's hash; the first the all-zero hash.
    log.forEach((row, i) => {
      expect(row.seq).toBe(i + 1)
      expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : log[i - 1]?.hash)
    })
    // Pseudonymous: ids and roles, no guest name, no card text, no reason.
    const joined = log[2] as Row
    expect(JSON.parse(joined.actor)).toEqual({ role: 'citizen', participant: anna.participantId })
    const everything = log.map((r) => r.actor + r.data).join('')
    for (const personal of ['Anna', 'Unsinn', 'Busse', 'beleidigend'])
      expect(everything).not.toContain(personal)
    expect(JSON.parse((log[4] as Row).data)).toEqual({ from: 'zw-vorbereitung', to: 'zw-kritik' })
    expect(JSON.parse((log[6] as Row).data)).toEqual({ card: 'a1', author: anna.participantId })

    const verify = () => call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)
    expect((await verify()).json).toEqual({ ok: true, entries: 9, snapshots: 2 })
    expect((await verify()).status).toBe(200)
    expect((await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, anna.token)).status).toBe(
      403,
    )
    expect((await admin(['verify', id], server.dataDir)).code).toBe(0)

    // The minutes name their snapshot's hash and the entry that recorded it.
    const snapshots = (await call(server.url, 'GET', `/api/workshops/${id}/snapshots`, undefined, token)).json
      .snapshots as { id: string }[]
    const latest = snapshots[0]?.id as string
    const stored = (await db.get('SELECT state FROM snapshots WHERE id = ?', [latest])) as { state: Buffer }
    const minutes = (
      await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=json`, undefined, token)
    ).json
    expect(minutes.integrity).toEqual({
      snapshotHash: createHash('sha256').update(stored.state).digest('hex'),
      logHead: log[8]?.hash,
    })
    const md = (await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=md`, undefined, token))
      .json
    expect(md).toContain(log[8]?.hash)

    // The table refuses changes; someone with the file drops the trigger and edits entry 5.
    await expect(db.run('UPDATE audit_log SET kind = kind WHERE workshop_id = ?', [id])).rejects.toThrow(
      /append-only/,
    )
    await db.run(
      db.dialect === 'sqlite'
        ? 'DROP TRIGGER audit_log_append_only'
        : 'DROP TRIGGER audit_log_append_only ON audit_log',
    )
    const original = (log[4] as Row).data
    await db.run('UPDATE audit_log SET data = ? WHERE workshop_id = ? AND seq = 5', [
      JSON.stringify({ from: 'zw-vorbereitung', to: 'zw-fantasie' }),
      id,
    ])
    expect((await verify()).json).toEqual({
      ok: false,
      firstBroken: { kind: 'entry', id: 5, reason: 'hash-mismatch' },
    })
    const cli = await admin(['verify', id], server.dataDir)
    expect(cli.code).toBe(1)
    expect(cli.out).toContain('"firstBroken":{"kind":"entry","id":5,"reason":"hash-mismatch"}')

    // Rewriting the entry's hash too only moves the break to the next entry.
    const forged = {
      ...(log[4] as Row),
      data: JSON.stringify({ from: 'zw-vorbereitung', to: 'zw-fantasie' }),
    }
    const rehashed = entryHash({
      seq: 5,
      at: (
        (await db.get('SELECT at FROM audit_log WHERE workshop_id = ? AND seq = 5', [id])) as { at: number }
      ).at,
      kind: forged.kind,
      actor: JSON.parse(forged.actor),
      data: JSON.parse(forged.data),
      prevHash: forged.prev_hash,
    })
    await db.run('UPDATE audit_log SET hash = ? WHERE workshop_id = ? AND seq = 5', [rehashed, id])
    expect((await verify()).json.firstBroken).toEqual({ kind: 'entry', id: 6, reason: 'prev-hash-mismatch' })

    // Deleting an entry leaves a gap.
    await db.run('UPDATE audit_log SET data = ?, hash = ? WHERE workshop_id = ? AND seq = 5', [
      original,
      (log[4] as Row).hash,
      id,
    ])
    expect((await verify()).json.ok).toBe(true)
    await db.run('DELETE FROM audit_log WHERE workshop_id = ? AND seq = 3', [id])
    expect((await verify()).json.firstBroken).toEqual({ kind: 'entry', id: 3, reason: 'missing' })
    // Put back as it was, the chain holds again.
    await db.run(
      'INSERT INTO audit_log (workshop_id, seq, at, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [id, joined.seq, joined.at, joined.kind, joined.actor, joined.data, joined.prev_hash, joined.hash],
    )
    expect((await verify()).json).toEqual({ ok: true, entries: 9, snapshots: 2 })
  })

  it('names a snapshot whose stored state was altered', async () => {
    const server = await h.start()
    const { token, id } = await recordedWorkshop(server.url, h.client)
    const db = server.deps.sql
    const first = (await db.get<{ id: string; state: Buffer }>(
      'SELECT id, state FROM snapshots WHERE workshop_id = ? ORDER BY created_at, id LIMIT 1',
      [id],
    )) as { id: string; state: Buffer }
    // The phase change's snapshot, with a card's text rewritten as a forger would.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, first.state)
    setCardText(doc, 'a1', 'Etwas ganz anderes')
    await db.run('UPDATE snapshots SET state = ? WHERE id = ?', [
      Buffer.from(Y.encodeStateAsUpdate(doc)),
      first.id,
    ])
    const verify = await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)
    expect(verify.json).toEqual({
      ok: false,
      firstBroken: { kind: 'snapshot', id: first.id, reason: 'hash-mismatch' },
    })
    const cli = await admin(['verify', id], server.dataDir)
    expect(cli.code).toBe(1)
    expect(cli.out).toContain(first.id)

    // A snapshot slipped in without its log entry is not vouched for.
    await db.run('UPDATE snapshots SET state = ? WHERE id = ?', [first.state, first.id])
    expect((await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json.ok).toBe(
      true,
    )
    await db.run(
      `INSERT INTO snapshots (id, workshop_id, label, phase, state, created_by, created_at)
       SELECT 'untergeschoben', workshop_id, label, phase, state, created_by, created_at + 1 FROM snapshots WHERE id = ?`,
      [first.id],
    )
    expect(
      (await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json.firstBroken,
    ).toEqual({
      kind: 'snapshot',
      id: 'untergeschoben',
      reason: 'not-in-log',
    })
  })
  it('records approvals, rejections, a facilitator deletion, a role change and a removal', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    setFacilitation(facilitator.doc, 'approval', true)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const bert = await joinAsGuest(server.url, joinCode, 'Bert')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    await waitFor(() => server.deps.sync.writer.idle)
    addCard(desk.doc, 'a1', { text: 'Erste Idee', x: 0, y: 0, color: 'yellow' })
    addCard(desk.doc, 'a2', { text: 'Zweite Idee', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.rooms.ledger.count(id, 'approval') === 2)
    const decide = (what: string, body: object) =>
      call(server.url, 'POST', `/api/workshops/${id}/pending/${what}`, body, token)
    expect((await decide('approve', { participantId: anna.participantId, cardId: 'a1' })).status).toBe(200)
    expect(
      (await decide('reject', { participantId: anna.participantId, cardId: 'a2', reason: 'doppelt' })).status,
    ).toBe(200)
    await waitFor(() => readCards(facilitator.doc).length === 1)
    deleteCard(facilitator.doc, 'a1')
    await waitFor(() => server.deps.sync.rooms.ledger.get(id, 'a1')?.state === 'deleted')
    const people = `/api/workshops/${id}/participants/${bert.participantId}`
    expect((await call(server.url, 'PATCH', people, { role: 'observer' }, token)).status).toBe(200)
    expect((await call(server.url, 'DELETE', people, undefined, token)).status).toBe(204)

    const log = await server.deps.audit.log.entries(id)
    const owner = log[1]?.actor.participant
    expect(log.map((e) => [e.kind, e.data])).toEqual([
      ['log.started', { workshop: id }],
      ['workshop.created', { template: null }],
      ['participant.joined', { returning: false }],
      ['participant.joined', { returning: false }],
      ['card.approved', { card: 'a1', author: anna.participantId }],
      ['card.rejected', { card: 'a2', author: anna.participantId }],
      ['card.deleted', { card: 'a1', author: anna.participantId }],
      ['participant.role-changed', { participant: bert.participantId, from: 'citizen', to: 'observer' }],
      ['participant.removed', { participant: bert.participantId }],
    ])
    expect(log[4]?.actor).toEqual({ role: 'facilitator', participant: owner })
    expect(log[8]?.actor).toEqual({ role: 'facilitator', participant: owner })
    expect((await call(server.url, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json).toEqual({
      ok: true,
      entries: 9,
      snapshots: 0,
    })
  })
})
