/**
 * Roles inside a workshop: a facilitator changes a participant's role or removes them, and it
 * takes effect on their open connections at once, without a reload.
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest, PASSWORD } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const world = () => h.world()
const client = (room: string, token: string) => h.client(room, token)

describe('roles on open connections', () => {
  it('turns a citizen into an observer: her connection reconnects and her desk writes stop', async () => {
    const { token, id, joinCode, facilitator } = await world()
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const desk = client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    addCard(desk.doc, 'a1', { text: 'vorher', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 1)

    const res = await call(
      h.server.url,
      'PATCH',
      `/api/workshops/${id}/participants/${anna.participantId}`,
      { role: 'observer' },
      token,
    )
    expect(res.status).toBe(200)
    await waitFor(() => desk.closes.includes(CLOSE.roleChanged.code), 3000, 'role-changed close')
    await waitSynced(desk)
    await waitFor(() => desk.provider.wsconnected)
    addCard(desk.doc, 'a2', { text: 'nachher', x: 0, y: 0, color: 'yellow' })
    await new Promise((r) => setTimeout(r, 300))
    expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['a1'])
    const me = await call(h.server.url, 'GET', `/api/workshops/${id}`, undefined, anna.token)
    expect(me.json.me.role).toBe('observer')
  })

  it('makes a councillor a co-facilitator whose board writes then apply', async () => {
    const { token, id, joinCode, facilitator } = await world()
    await call(
      h.server.url,
      'POST',
      '/api/users',
      { username: 'ratsherr', password: PASSWORD, role: 'councillor' },
      token,
    )
    const login = await call(h.server.url, 'POST', '/api/login', { username: 'ratsherr', password: PASSWORD })
    const councillor = login.json.token as string
    const joined = await call(
      h.server.url,
      'POST',
      '/api/join',
      { code: joinCode, name: 'ignoriert' },
      councillor,
    )
    expect(joined.json.role).toBe('councillor')
    const board = client(id, councillor)
    await waitSynced(board)
    addCard(board.doc, 'before', { text: 'nicht erlaubt', x: 0, y: 0, color: 'green' })
    await new Promise((r) => setTimeout(r, 200))
    expect(readCards(facilitator.doc)).toEqual([])

    await call(
      h.server.url,
      'PATCH',
      `/api/workshops/${id}/participants/${joined.json.participantId}`,
      { role: 'facilitator' },
      token,
    )
    await waitFor(() => board.closes.includes(CLOSE.roleChanged.code), 3000, 'role-changed close')
    await waitFor(() => board.provider.wsconnected && board.provider.synced)
    addCard(board.doc, 'after', { text: 'jetzt erlaubt', x: 0, y: 0, color: 'green' })
    await waitFor(
      () => readCards(facilitator.doc).some((c) => c.id === 'after'),
      3000,
      'co-facilitator write',
    )
    expect(readCards(facilitator.doc).find((c) => c.id === 'after')?.authorRole).toBe('facilitator')
    const details = await call(
      h.server.url,
      'GET',
      `/api/workshops/${id}/participants`,
      undefined,
      councillor,
    )
    expect(details.status).toBe(200)
  })

  it('removes a participant: connections close for good and every door stays shut', async () => {
    const { token, id, joinCode, facilitator } = await world()
    const mallory = await joinAsGuest(h.server.url, joinCode, 'Mallory')
    const board = client(id, mallory.token)
    const desk = client(`${id}/desk`, mallory.token)
    await Promise.all([waitSynced(board), waitSynced(desk)])
    const res = await call(
      h.server.url,
      'DELETE',
      `/api/workshops/${id}/participants/${mallory.participantId}`,
      undefined,
      token,
    )
    expect(res.status).toBe(204)
    await waitFor(() => board.closes.includes(CLOSE.removed.code) && desk.closes.includes(CLOSE.removed.code))
    await new Promise((r) => setTimeout(r, 300))
    expect(board.provider.shouldConnect).toBe(false)
    expect(desk.provider.shouldConnect).toBe(false)
    expect((await call(h.server.url, 'GET', `/api/workshops/${id}`, undefined, mallory.token)).status).toBe(
      401,
    )
    const list = await call(h.server.url, 'GET', `/api/workshops/${id}/participants`, undefined, token)
    expect(list.json.participants.find((p: { id: string }) => p.id === mallory.participantId)).toMatchObject({
      removed: true,
      connections: 0,
    })
    expect(readCards(facilitator.doc)).toEqual([])
  })

  it('refuses role changes that are not allowed', async () => {
    const { token, id, joinCode } = await world()
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const path = `/api/workshops/${id}/participants/${anna.participantId}`
    expect((await call(h.server.url, 'PATCH', path, { role: 'facilitator' }, token)).status).toBe(400)
    expect((await call(h.server.url, 'PATCH', path, { role: 'admin' }, token)).status).toBe(400)
    expect((await call(h.server.url, 'PATCH', path, { role: 'observer' }, anna.token)).status).toBe(403)
    const owner = (await call(h.server.url, 'GET', `/api/workshops/${id}`, undefined, token)).json.me
      .participantId
    expect(
      (await call(h.server.url, 'DELETE', `/api/workshops/${id}/participants/${owner}`, undefined, token))
        .status,
    ).toBe(403)
    expect(
      (
        await call(
          h.server.url,
          'PATCH',
          `/api/workshops/${id}/participants/nope`,
          { role: 'citizen' },
          token,
        )
      ).status,
    ).toBe(404)
  })
})
