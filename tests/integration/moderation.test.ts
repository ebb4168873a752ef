/**
 * Visible, recorded moderation: a hidden card's text leaves the board (late joiners never get
 * it) while the minutes keep the reason; the approval queue holds new cards until the
 * facilitator lets them through, and never lists private drafts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, setCardText } from '../../shared/board/card-ops.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import { readCards, refusalsOf } from '../../shared/board/schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw, syncMessage } from '../support/raw-client.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

describe('moderation', () => {
  it('hides a card: its text leaves the board, its reason stays in the minutes', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    addCard(desk.doc, 'rude', { text: 'Beleidigung gegen Herrn X', x: 0, y: 0, color: 'pink' })
    await waitFor(() => readCards(facilitator.doc).length === 1)

    const hidden = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/cards/rude/hide`,
      { reason: 'beleidigend' },
      token,
    )
    expect(hidden.status).toBe(200)
    await waitFor(() => readCards(facilitator.doc)[0]?.hidden?.reason === 'beleidigend')
    expect(readCards(facilitator.doc)[0]?.text).toBe('')
    await waitFor(() => server.deps.sync.writer.idle)

    // A late joiner asks for the whole board (sync step 1 with an empty state vector).
    const late = await openRaw(server.url, id, { token: anna.token })
    late.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => framesContain(late.frames, 'beleidigend'), 3000, 'the full board')
    expect(framesContain(late.frames, 'Beleidigung')).toBe(false)

    setCardText(desk.doc, 'rude', 'Beleidigung, nochmal')
    await waitFor(() => refusalsOf(desk.doc).get('rude') === 'card-hidden')
    expect(readCards(facilitator.doc)[0]?.text).toBe('')

    await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Stand' }, token)
    const md = (await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=md`, undefined, token))
      .json as string
    expect(md).toContain('beleidigend')
    expect(md).not.toContain('Beleidigung gegen')
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/cards/rude/hide`, { reason: 'x' }, anna.token))
        .status,
    ).toBe(403)
  })

  it('holds new cards for approval and lets them through one by one', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    setFacilitation(facilitator.doc, 'approval', true)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    await new Promise((r) => setTimeout(r, 100))
    addCard(desk.doc, 'a1', { text: 'Erste Idee', x: 0, y: 0, color: 'yellow' })
    addCard(desk.doc, 'a2', { text: 'Zweite Idee', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 100))
    expect(readCards(facilitator.doc)).toEqual([])
    const pending = await call(server.url, 'GET', `/api/workshops/${id}/pending`, undefined, token)
    expect(pending.json.pending.map((p: { text: string; name: string }) => [p.text, p.name])).toEqual([
      ['Erste Idee', 'Anna'],
      ['Zweite Idee', 'Anna'],
    ])
    const approve = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/pending/approve`,
      { participantId: anna.participantId, cardId: 'a2' },
      token,
    )
    expect(approve.status).toBe(200)
    await waitFor(() => readCards(facilitator.doc).length === 1)
    expect(readCards(facilitator.doc)[0]).toMatchObject({ id: 'a2', authorName: 'Anna' })
    expect(
      (await call(server.url, 'GET', `/api/workshops/${id}/pending`, undefined, anna.token)).status,
    ).toBe(403)
    // Private writing on: the queue stays open to the facilitator, and lists no private draft.
    setFacilitation(facilitator.doc, 'privateWriting', true)
    await waitFor(() => server.deps.sync.writer.idle)
    await new Promise((r) => setTimeout(r, 100))
    addCard(desk.doc, 'a3', { text: 'Privater Entwurf', x: 0, y: 0, color: 'yellow' })
    await waitFor(() => server.deps.sync.rooms.privateCount(id) === 1)
    const during = await call(server.url, 'GET', `/api/workshops/${id}/pending`, undefined, token)
    expect(during.json.pending.map((p: { id: string }) => p.id)).toEqual(['a1'])
  })
})
