/**
 * The facilitator's vote count against real connections: how many voted, and how many of the
 * voting groups are connected now (observers, facilitators and people who left do not count).
 */
import { describe, expect, it } from 'vitest'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { OPEN_RULES } from '../../shared/script/script-schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('vote count', () => {
  it('answers {voters, eligible}: voters of this vote against connected citizens, councillors and staff', async () => {
    const { server, token, id, joinCode } = await h.world()
    await server.deps.sync.rooms.withBoard(id, (board) => {
      applyPhase(board.doc, {
        id: 'wahl',
        name: 'Priorisieren',
        prompt: '',
        minutes: 0,
        rules: { ...OPEN_RULES, vote: { method: 'dots', budget: 5, cap: 3 } },
      })
      addCard(board.doc, 'bus', { text: 'Bus', x: 0, y: 0, color: 'yellow' })
    })
    const count = async () =>
      (await call(server.url, 'GET', `/api/workshops/${id}/votes/count`, undefined, token)).json
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((n) => joinAsGuest(server.url, joinCode, n)))
    const observer = await joinAsGuest(server.url, joinCode, 'Presse', 'observer')
    expect(await count()).toEqual({ voters: 0, eligible: 0 })

    const clients = [a, b, observer].map((p) => h.client(id, p?.token ?? ''))
    // Two tabs of one person are one eligible voter.
    clients.push(h.client(id, a?.token ?? ''))
    for (const client of clients) await waitSynced(client)
    await until(async () => (await count()).eligible === 2)
    expect(await count()).toEqual({ voters: 0, eligible: 2 })

    await call(server.url, 'POST', `/api/workshops/${id}/votes`, { cardId: 'bus', points: 1 }, a?.token)
    // C votes without a board connection: a voter, not connected.
    await call(server.url, 'POST', `/api/workshops/${id}/votes`, { cardId: 'bus', points: 2 }, c?.token)
    expect(await count()).toEqual({ voters: 2, eligible: 2 })

    clients[1]?.destroy()
    await until(async () => (await count()).eligible === 1)
    const guest = await call(server.url, 'GET', `/api/workshops/${id}/votes/count`, undefined, a?.token)
    expect(guest.status).toBe(403)
  })
})
