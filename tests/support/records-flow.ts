/**
 * A workshop with a record worth keeping, built through the public interface: a join, a card,
 * a phase change (with its snapshot), a private card revealed, a hidden card, a vote revealed,
 * and a snapshot on demand. For the event-log and export/import tests.
 */
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, joinAsGuest, setupFacilitator } from './api.ts'
import type { SyncClient } from './sync-client.ts'
import { waitFor, waitSynced } from './sync-client.ts'

export interface RecordedWorkshop {
  token: string
  id: string
  joinCode: string
  anna: { participantId: string; token: string }
}

export async function recordedWorkshop(
  base: string,
  client: (room: string, token: string) => SyncClient,
): Promise<RecordedWorkshop> {
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
  const board = client(id, token)
  const desk = client(`${id}/desk`, anna.token)
  await Promise.all([waitSynced(board), waitSynced(desk)])

  addCard(desk.doc, 'a1', { text: 'Unsinn über den Bürgermeister', x: 0, y: 0, color: 'yellow' })
  await waitFor(() => readCards(board.doc).some((c) => c.id === 'a1'))
  const phase = await call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-kritik' }, token)
  if (phase.status !== 200) throw new Error(`phase change failed: ${phase.status}`)

  // Private writing is on in the critique: the card is held until the reveal.
  addCard(desk.doc, 'a2', { text: 'Busse fahren zu selten', x: 10, y: 10, color: 'blue' })
  for (let i = 0; ; i++) {
    const held = await call(base, 'GET', `/api/workshops/${id}/private`, undefined, token)
    if (held.json.count === 1) break
    if (i > 200) throw new Error('the private card was not held')
    await new Promise((r) => setTimeout(r, 10))
  }
  const revealed = await call(base, 'POST', `/api/workshops/${id}/reveal`, undefined, token)
  if (revealed.json.revealed !== 1) throw new Error('reveal failed')
  await waitFor(() => readCards(board.doc).some((c) => c.id === 'a2'))

  const hidden = await call(
    base,
    'POST',
    `/api/workshops/${id}/cards/a1/hide`,
    { reason: 'beleidigend' },
    token,
  )
  if (hidden.status !== 200) throw new Error('hide failed')
  const vote = await call(base, 'POST', `/api/workshops/${id}/votes`, { cardId: 'a2', points: 1 }, anna.token)
  if (vote.status !== 200) throw new Error(`vote failed: ${JSON.stringify(vote.json)}`)
  const results = await call(base, 'POST', `/api/workshops/${id}/votes/reveal`, undefined, token)
  if (results.status !== 200) throw new Error('vote reveal failed')
  await waitFor(() => readCards(board.doc).length === 2)
  const snapshot = await call(base, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Stand' }, token)
  if (snapshot.status !== 201) throw new Error('snapshot failed')
  return { token, id, joinCode, anna }
}
