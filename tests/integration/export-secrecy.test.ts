/**
 * The export is open to every facilitator of a workshop, so it must hold nothing a facilitator
 * may not see (issue 11, holes 1 and 2 by another route): no ballot of any person (before or
 * after the reveal; the results are in the file) and no card held for private writing.
 */

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { readCards } from '../../shared/board/schema.ts'
import { OPEN_RULES } from '../../shared/script/script-schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

describe('export secrecy', () => {
  it('holds no ballot and no private draft', async () => {
    const { server, token, id, joinCode, facilitator: board } = await h.world()
    applyPhase(board.doc, {
      id: 'wahl',
      name: 'Priorisieren',
      prompt: '',
      minutes: 0,
      rules: { ...OPEN_RULES, privateWriting: true, vote: { method: 'dots', budget: 5, cap: 3 } },
    })
    addCard(board.doc, 'bus', { text: 'Bus', x: 0, y: 0, color: 'yellow' })
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    await waitFor(() => server.deps.sync.writer.idle)
    addCard(desk.doc, 'entwurf1', { text: 'Geheimer Entwurf', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 200))
    expect((await call(server.url, 'GET', `/api/workshops/${id}/private`, undefined, token)).json).toEqual({
      count: 1,
      waiting: 0,
    })
    const cast = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/votes`,
      { cardId: 'bus', points: 3 },
      anna.token,
    )
    expect(cast.status).toBe(200)

    const res = await fetch(`${server.url}/api/workshops/${id}/export`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    const file = (await res.json()) as Record<string, unknown>
    // No row anywhere in the file ties Anna to the card she gave points to.
    const rows = Object.values(file).filter(Array.isArray).flat() as Record<string, unknown>[]
    const ballots = rows.filter((r) => r?.participant_id === anna.participantId && r?.card_id === 'bus')
    expect(ballots).toEqual([])
    // No desk in the file holds the draft, which no facilitator may read before the reveal.
    const drafts = (file.desks as { participantId: string; state: string }[]).flatMap((d) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Buffer.from(d.state, 'base64'))
      const texts = readCards(doc).map((c) => c.text)
      // Nor its bytes: a deleted card's content must be gone, not only its key.
      return Buffer.from(d.state, 'base64').includes('Geheimer Entwurf') ? [...texts, 'bytes'] : texts
    })
    expect(drafts).toEqual([])
    expect(JSON.stringify(file)).not.toContain('Geheimer Entwurf')
    // The source keeps both: the reveal still brings the draft onto the board.
    expect((await call(server.url, 'POST', `/api/workshops/${id}/reveal`, undefined, token)).json).toEqual({
      revealed: 1,
    })
  })
})
