/**
 * History over a real workshop: the snapshot list names each phase, a snapshot's state loads
 * into a Y.Doc with the cards of that time, the diff of the snapshots around a phase change
 * names added, removed, changed and moved cards, and "continue from here" makes a new workshop
 * whose minutes show the same cards and whose log verifies, naming its origin. Participants and
 * strangers get 403 and 404.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, deleteCard, moveCard, recolorCard, setCardText } from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { readHands } from '../../shared/board/hands.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, joinAsGuest, PASSWORD, setupFacilitator } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

interface Listed {
  id: string
  label: string
  phase: string | null
  phaseName: string | null
  createdBy: string
  createdAt: number
}

describe('history', () => {
  it('lists, opens, compares and continues from snapshots', async () => {
    const server = await h.start()
    const base = server.url
    const token = await setupFacilitator(base)
    const created = await call(
      base,
      'POST',
      '/api/workshops',
      { title: 'Marktplatz 2030', template: 'zukunftswerkstatt' },
      token,
    )
    const { id, joinCode } = created.json as { id: string; joinCode: string }
    const anna = await joinAsGuest(base, joinCode, 'Anna')
    const board = h.client(id, token)
    const desk = h.client(`${id}/desk`, anna.token)
    await Promise.all([waitSynced(board), waitSynced(desk)])
    const onServer = () => server.deps.sync.readBoard(id, (b) => readCards(b))

    setFrame(board.doc, { id: 'verkehr', title: 'Verkehr', x: 0, y: 0, w: 400, h: 300 })
    setFrame(board.doc, { id: 'wohnen', title: 'Wohnen', x: 500, y: 0, w: 400, h: 300 })
    addCard(desk.doc, 'anna', { text: 'Mehr Bänke am Markt', x: 520, y: 20, color: 'green' })
    addCard(board.doc, 'keep', { text: 'Radwege', x: 10, y: 10, color: 'yellow' })
    addCard(board.doc, 'gone', { text: 'Parkhaus', x: 20, y: 20, color: 'yellow' })
    addCard(board.doc, 'edit', { text: 'Bus alle 20 Minuten', x: 30, y: 30, color: 'blue' })
    addCard(board.doc, 'wander', { text: 'Mieten', x: 40, y: 40, color: 'orange' })
    await waitFor(async () => (await onServer()).length === 5, 5000, 'five cards on the server')

    // A hand raised and the timer running: the old room's, not the continued workshop's.
    expect(
      (await call(base, 'POST', `/api/workshops/${id}/hands`, { raised: true }, anna.token)).status,
    ).toBe(200)
    expect((await call(base, 'POST', `/api/workshops/${id}/timer`, { action: 'start' }, token)).status).toBe(
      200,
    )

    // The phase change stores the snapshot of the preparation as it ended.
    const phase = await call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-kritik' }, token)
    expect(phase.status).toBe(200)

    deleteCard(board.doc, 'gone')
    setCardText(board.doc, 'edit', 'Bus alle 10 Minuten')
    recolorCard(board.doc, 'edit', 'pink')
    moveCard(board.doc, 'wander', 560, 120)
    addCard(board.doc, 'new', { text: 'Stadtbücherei länger offen', x: 600, y: 200, color: 'purple' })
    await waitFor(
      async () => {
        const cards = await onServer()
        return cards.some((c) => c.id === 'new') && !cards.some((c) => c.id === 'gone')
      },
      5000,
      'the critique on the server',
    )
    await waitFor(async () => (await onServer()).find((c) => c.id === 'wander')?.x === 560)
    const taken = await call(
      base,
      'POST',
      `/api/workshops/${id}/snapshots`,
      { label: 'Nach der Kritik' },
      token,
    )
    expect(taken.status).toBe(201)

    // The list: label, phase and its name, time, author; newest first.
    const list = await call(base, 'GET', `/api/workshops/${id}/snapshots`, undefined, token)
    expect(list.status).toBe(200)
    const [after, before] = list.json.snapshots as Listed[]
    expect(list.json.snapshots).toHaveLength(2)
    expect(before).toMatchObject({
      phase: 'zw-vorbereitung',
      phaseName: 'Vorbereitung',
      createdBy: 'moderation',
    })
    expect(after).toMatchObject({
      label: 'Nach der Kritik',
      phase: null,
      phaseName: 'Kritikphase',
      createdBy: 'moderation',
    })
    expect(typeof after?.createdAt).toBe('number')
    const first = before?.id as string
    const second = after?.id as string

    // The state: binary, loads into a fresh document with the cards of that time.
    const res = await fetch(`${base}/api/workshops/${id}/snapshots/${first}/state`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const stored = (await server.deps.sql.get('SELECT state FROM snapshots WHERE id = ?', [first])) as {
      state: Buffer
    }
    expect(Buffer.from(bytes).equals(stored.state)).toBe(true)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, bytes)
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
    expect(
      readCards(doc)
        .sort(byId)
        .map((c) => [c.id, c.text, c.authorName]),
    ).toEqual([
      ['anna', 'Mehr Bänke am Markt', 'Anna'],
      ['edit', 'Bus alle 20 Minuten', 'moderation'],
      ['gone', 'Parkhaus', 'moderation'],
      ['keep', 'Radwege', 'moderation'],
      ['wander', 'Mieten', 'moderation'],
    ])

    // The difference of the two, around the phase change.
    const diff = await call(
      base,
      'GET',
      `/api/workshops/${id}/snapshots/diff?from=${first}&to=${second}`,
      undefined,
      token,
    )
    expect(diff.status).toBe(200)
    expect(diff.json.from).toMatchObject({ id: first, phaseName: 'Vorbereitung' })
    expect(diff.json.to).toMatchObject({ id: second, label: 'Nach der Kritik' })
    expect(diff.json.added).toEqual([
      expect.objectContaining({
        id: 'new',
        text: 'Stadtbücherei länger offen',
        frame: { id: 'wohnen', title: 'Wohnen' },
      }),
    ])
    expect(diff.json.removed).toEqual([expect.objectContaining({ id: 'gone', text: 'Parkhaus' })])
    expect(diff.json.changed).toEqual([
      expect.objectContaining({
        id: 'edit',
        changes: ['text', 'color'],
        before: expect.objectContaining({ text: 'Bus alle 20 Minuten', color: 'blue' }),
        after: expect.objectContaining({ text: 'Bus alle 10 Minuten', color: 'pink' }),
      }),
    ])
    expect(diff.json.moved).toEqual([
      expect.objectContaining({
        id: 'wander',
        from: { id: 'verkehr', title: 'Verkehr' },
        to: { id: 'wohnen', title: 'Wohnen' },
      }),
    ])
    const badDiff = await call(
      base,
      'GET',
      `/api/workshops/${id}/snapshots/diff?from=${first}`,
      undefined,
      token,
    )
    expect(badDiff.status).toBe(400)
    const unknown = await call(
      base,
      'GET',
      `/api/workshops/${id}/snapshots/diff?from=${first}&to=nope`,
      undefined,
      token,
    )
    expect(unknown.status).toBe(404)
    expect(
      (await call(base, 'GET', `/api/workshops/${id}/snapshots/nope/state`, undefined, token)).status,
    ).toBe(404)

    // A participant of the workshop is refused; an account from outside does not see it.
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/workshops/${id}/snapshots`],
      ['GET', `/api/workshops/${id}/snapshots/${first}/state`],
      ['GET', `/api/workshops/${id}/snapshots/diff?from=${first}&to=${second}`],
      ['POST', `/api/workshops/${id}/snapshots/${first}/continue`, {}],
    ]
    const made = await call(
      base,
      'POST',
      '/api/users',
      { username: 'nachbar', password: PASSWORD, role: 'facilitator' },
      token,
    )
    expect(made.status).toBe(201)
    const stranger = (await call(base, 'POST', '/api/login', { username: 'nachbar', password: PASSWORD }))
      .json.token as string
    for (const [method, path, body] of paths) {
      expect((await call(base, method, path, body, anna.token)).status, `${method} ${path} as Anna`).toBe(403)
      expect((await call(base, method, path, body, stranger)).status, `${method} ${path} from outside`).toBe(
        404,
      )
    }

    // An administrator from outside reads the history; continuing takes a facilitator of the workshop.
    await server.deps.sql.run('UPDATE users SET is_admin = 1 WHERE username = ?', ['nachbar'])
    const admin = (await call(base, 'POST', '/api/login', { username: 'nachbar', password: PASSWORD })).json
      .token as string
    for (const [method, path, body] of paths) {
      expect((await call(base, method, path, body, admin)).status, `${method} ${path} as administrator`).toBe(
        method === 'GET' ? 200 : 404,
      )
    }

    // A councillor made co-facilitator reads the history, but owning a workshop takes a facilitator account.
    await call(
      base,
      'POST',
      '/api/users',
      { username: 'ratsherr', password: PASSWORD, role: 'councillor' },
      token,
    )
    const councillor = (await call(base, 'POST', '/api/login', { username: 'ratsherr', password: PASSWORD }))
      .json.token as string
    const joined = await call(base, 'POST', '/api/join', { code: joinCode, name: 'ignoriert' }, councillor)
    const promoted = await call(
      base,
      'PATCH',
      `/api/workshops/${id}/participants/${joined.json.participantId}`,
      { role: 'facilitator' },
      token,
    )
    expect(promoted.status).toBe(200)
    for (const [method, path, body] of paths) {
      expect(
        (await call(base, method, path, body, councillor)).status,
        `${method} ${path} as co-facilitator`,
      ).toBe(method === 'GET' ? 200 : 403)
    }

    // Continue from the first snapshot: a new workshop owned by the caller, with its cards.
    const bad = await call(
      base,
      'POST',
      `/api/workshops/${id}/snapshots/${first}/continue`,
      { title: ' ' },
      token,
    )
    expect(bad.status).toBe(400)
    const cont = await call(
      base,
      'POST',
      `/api/workshops/${id}/snapshots/${first}/continue`,
      { title: 'Marktplatz, zweiter Abend' },
      token,
    )
    expect(cont.status).toBe(201)
    const next = cont.json as { id: string; joinCode: string }
    expect(Object.keys(next).sort()).toEqual(['id', 'joinCode'])
    expect(next.id).not.toBe(id)
    expect(next.joinCode).not.toBe(joinCode)
    const details = await call(base, 'GET', `/api/workshops/${next.id}`, undefined, token)
    expect(details.json).toMatchObject({ title: 'Marktplatz, zweiter Abend', me: { role: 'facilitator' } })
    const people = await call(base, 'GET', `/api/workshops/${next.id}/participants`, undefined, token)
    expect(people.json.participants.map((p: { name: string; owner: boolean }) => [p.name, p.owner])).toEqual([
      ['moderation', true],
    ])
    expect((await call(base, 'GET', `/api/workshops/${next.id}`, undefined, anna.token)).status).toBe(404)
    const desks = (await server.deps.sql.get('SELECT count(*) AS n FROM room_state WHERE room LIKE ?', [
      `${next.id}/%`,
    ])) as { n: number }
    expect(desks.n).toBe(0)

    // Its minutes show the same cards, with their authors, as the minutes of the snapshot.
    const nextSnap = await call(
      base,
      'POST',
      `/api/workshops/${next.id}/snapshots`,
      { label: 'Start' },
      token,
    )
    expect(nextSnap.status).toBe(201)
    const minutes = async (workshop: string, snapshot?: string) =>
      (
        await call(
          base,
          'GET',
          `/api/workshops/${workshop}/minutes?format=json${snapshot ? `&snapshot=${snapshot}` : ''}`,
          undefined,
          token,
        )
      ).json as { sections: { name: string | null; frames: { cards: unknown[] }[] }[] }
    // The same cards. The sections differ by design: the new workshop's agenda starts now, so
    // the cards it inherited were written before its first phase.
    const content = (data: Awaited<ReturnType<typeof minutes>>) =>
      data.sections.flatMap((s) => s.frames.flatMap((f) => f.cards))
    const old = content(await minutes(id, first))
    const fresh = content(await minutes(next.id))
    expect(fresh).toEqual(old)
    expect(fresh).toHaveLength(5)

    // Its log verifies and starts by naming where it came from.
    const verify = await call(base, 'GET', `/api/workshops/${next.id}/verify`, undefined, token)
    expect(verify.json).toEqual({ ok: true, entries: 3, snapshots: 1 })
    const log = await server.deps.sql.all<{ kind: string; data: string }>(
      'SELECT kind, data FROM audit_log WHERE workshop_id = ? ORDER BY seq',
      [next.id],
    )
    expect(log.map((e) => e.kind)).toEqual(['log.started', 'workshop.created', 'snapshot.taken'])
    expect(JSON.parse(log[1]?.data ?? '{}').origin).toEqual({
      workshop: id,
      snapshot: first,
      sha256: createHash('sha256').update(stored.state).digest('hex'),
    })
    expect((await call(base, 'GET', `/api/workshops/${id}/verify`, undefined, token)).json.ok).toBe(true)

    // The new board is live: the owner's board client syncs it with the cards.
    const nextBoard = h.client(next.id, token)
    await waitSynced(nextBoard)
    expect(readCards(nextBoard.doc).map((c) => c.id)).toEqual(readCards(doc).map((c) => c.id))
    expect(readHands(doc).queue).toHaveLength(1)
    expect(readHands(nextBoard.doc)).toEqual({ queue: [], speaker: null })
    expect(readFacilitation(doc).timer.status).toBe('running')
    const timer = readFacilitation(nextBoard.doc).timer
    expect(timer.status).toBe('paused')
    expect(timer.status === 'paused' && timer.remainingMs).toBeGreaterThan(9 * 60_000)
  })
})
