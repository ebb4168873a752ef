/**
 * Closing a workshop makes it read-only for everyone: every kind of write is refused over HTTP
 * (409 workshop-closed) and over sync (the board write of a facilitator and the desk write of a
 * councillor are dropped, and a client that keeps writing is closed with 4403 workshop-closed);
 * reading, snapshots and minutes still work; nobody joins; guests' sessions end with it.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest, PASSWORD } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

describe('closing a workshop', () => {
  it('refuses every kind of write over HTTP and sync, and keeps reading', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const base = server.url
    expect(
      (
        await call(
          base,
          'POST',
          '/api/users',
          { username: 'ratsherr', password: PASSWORD, role: 'councillor' },
          token,
        )
      ).status,
    ).toBe(201)
    const councillor = (await call(base, 'POST', '/api/login', { username: 'ratsherr', password: PASSWORD }))
      .json.token as string
    expect(
      (await call(base, 'POST', '/api/join', { code: joinCode, name: 'Ratsherr' }, councillor)).status,
    ).toBe(200)
    const guest = await joinAsGuest(base, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, councillor)
    await waitSynced(desk)
    addCard(desk.doc, 'c1', { text: 'Mehr Bänke', x: 0, y: 0, color: 'yellow' })
    addCard(facilitator.doc, 'f1', { text: 'Rahmen', x: 100, y: 0, color: 'blue' })
    await waitFor(() => readCards(facilitator.doc).length === 2)

    // Only facilitators close.
    expect((await call(base, 'POST', `/api/workshops/${id}/close`, undefined, councillor)).status).toBe(403)
    const closed = await call(base, 'POST', `/api/workshops/${id}/close`, undefined, token)
    expect(closed.status).toBe(200)
    expect(typeof closed.json.closedAt).toBe('number')
    expect((await call(base, 'POST', `/api/workshops/${id}/close`, undefined, token)).json.error.code).toBe(
      'workshop-closed',
    )

    const writes: [string, string, unknown, string][] = [
      ['POST', 'phase', { phaseId: 'x' }, token],
      ['POST', 'timer', { action: 'start', seconds: 60 }, token],
      ['POST', 'cards/c1/hide', { reason: 'weg' }, token],
      ['POST', 'pending/approve', { participantId: 'p', cardId: 'c1' }, token],
      ['POST', 'pending/reject', { participantId: 'p', cardId: 'c1', reason: 'nein' }, token],
      ['POST', 'reveal', undefined, token],
      ['POST', 'votes', { cardId: 'c1', points: 1 }, councillor],
      ['POST', 'votes/reveal', undefined, token],
      ['POST', 'votes/paper', { cardId: 'c1', group: 'citizen', points: 3 }, token],
      ['POST', 'hands', { raised: true }, councillor],
      ['POST', 'hands/next', undefined, token],
      ['PATCH', '', { joining: true }, token],
      ['POST', 'join-code', undefined, token],
      ['POST', 'clusters/accept', { title: 't', cardIds: ['c1'] }, token],
    ]
    for (const [method, path, body, who] of writes) {
      const res = await call(base, method, `/api/workshops/${id}${path ? `/${path}` : ''}`, body, who)
      expect([path, res.status, res.json?.error?.code]).toEqual([path, 409, 'workshop-closed'])
    }
    // Nobody joins; the guest's session ended with the workshop.
    expect((await call(base, 'POST', '/api/join', { code: joinCode, name: 'Bernd' })).status).toBe(403)
    expect((await call(base, 'GET', '/api/me', undefined, guest.token)).status).toBe(401)

    // Reading still works: the workshop, a snapshot, the minutes, the board over sync.
    expect((await call(base, 'GET', `/api/workshops/${id}`, undefined, token)).status).toBe(200)
    const snapshot = await call(base, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende' }, token)
    expect(snapshot.status).toBe(201)
    // Work goes on in a new workshop from the closed one's last state; the closed one stays closed.
    const next = await call(
      base,
      'POST',
      `/api/workshops/${id}/snapshots/${snapshot.json.id as string}/continue`,
      { title: 'Fortsetzung' },
      token,
    )
    expect(next.status).toBe(201)
    expect(next.json.id).not.toBe(id)
    const minutes = await call(base, 'GET', `/api/workshops/${id}/minutes?format=md`, undefined, token)
    expect(minutes.status).toBe(200)
    expect(String(minutes.json)).toContain('Mehr Bänke')

    // Open sockets were closed with the transient code, and reconnected read-only.
    await waitFor(() => facilitator.closes.includes(CLOSE.workshopClosed.code), 5000, 'board reconnect')
    await waitFor(() => desk.closes.includes(CLOSE.workshopClosed.code), 5000, 'desk reconnect')
    await waitSynced(facilitator)
    await waitSynced(desk)
    const reader = h.client(id, councillor)
    await waitSynced(reader)
    expect(
      readCards(reader.doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['c1', 'f1'])

    // A facilitator's board write and a councillor's desk write are dropped, then refused.
    for (let i = 0; i < 4; i++) {
      addCard(facilitator.doc, `f-late-${i}`, { text: 'zu spät', x: 0, y: 0, color: 'pink' })
      addCard(desk.doc, `c-late-${i}`, { text: 'zu spät', x: 0, y: 0, color: 'pink' })
      await new Promise((r) => setTimeout(r, 50))
    }
    await waitFor(() => facilitator.closes.includes(CLOSE.closedWrite.code), 5000, 'board refused')
    await waitFor(() => desk.closes.includes(CLOSE.closedWrite.code), 5000, 'desk refused')
    const onServer = await server.deps.sync.readBoard(id, (doc) =>
      readCards(doc)
        .map((c) => c.id)
        .sort(),
    )
    expect(onServer).toEqual(['c1', 'f1'])
    expect(readCards(reader.doc)).toHaveLength(2)

    const kinds = (
      await server.deps.sql.all<{ kind: string }>('SELECT kind FROM audit_log WHERE workshop_id = ?', [id])
    ).map((r) => r.kind)
    expect(kinds).toContain('workshop.closed')
  })
})
