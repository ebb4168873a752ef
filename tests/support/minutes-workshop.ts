/**
 * A Zukunftswerkstatt run against a real server through its HTTP API, for the minutes' format
 * tests: the template's phases changed over HTTP (each change stores its snapshot), guests who
 * join, cards on the board, a card hidden with a reason, a facilitator's edit of a guest's card,
 * a dot vote by three citizens revealed, a measure, the place, and a final snapshot.
 * Cards are written through the sync facade (as the facilitator's board connection would).
 */
import { addCard, recordCardEdit, setCardAuthor } from '../../shared/board/card-ops.ts'
import { setMeasure } from '../../shared/board/measures.ts'
import { notesOf } from '../../shared/board/schema.ts'
import { call, joinAsGuest, setupFacilitator } from './api.ts'
import type { TestServer } from './test-server.ts'

export const HIDDEN_MARKER = 'Geheimer beleidigender Text 7c1e'

export interface MinutesWorkshop {
  workshopId: string
  token: string
}

async function ok(res: Promise<{ status: number; json: unknown }>, what: string) {
  const r = await res
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`)
  return r
}

export async function runMinutesWorkshop(
  server: TestServer,
  extraCards: readonly string[] = [],
): Promise<MinutesWorkshop> {
  const base = server.url
  const token = await setupFacilitator(base)
  const created = await ok(
    call(base, 'POST', '/api/workshops', { title: 'Digitale Kommune', template: 'zukunftswerkstatt' }, token),
    'create',
  )
  const { id, joinCode } = created.json as { id: string; joinCode: string }
  const guests = []
  for (const name of ['Anna', 'Bernd', 'Clara']) guests.push(await joinAsGuest(base, joinCode, name))
  await joinAsGuest(base, joinCode, 'Gast', 'observer')
  await ok(
    call(base, 'PUT', `/api/workshops/${id}/place`, { place: 'Rathaus Musterstadt, Saal 1' }, token),
    'place',
  )
  await ok(call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-kritik' }, token), 'phase')

  const anna = guests[0]
  if (!anna) throw new Error('no guest')
  const sync = server.deps.sync
  const texts: [string, string][] = [
    ['c-bus', 'Busse fahren abends nicht'],
    ['c-papier', 'Anträge nur auf Papier'],
    ['c-hidden', HIDDEN_MARKER],
    ...extraCards.map((text, i): [string, string] => [`x-${i}`, text]),
  ]
  await sync.changeBoard(id, (board) => {
    texts.forEach(([cardId, text], i) => {
      addCard(board, cardId, { text, x: 20 + i * 10, y: 20, color: 'yellow' })
      const map = notesOf(board).get(cardId)
      if (map) setCardAuthor(map, { authorId: anna.participantId, authorName: 'Anna', authorRole: 'citizen' })
    })
  })
  await ok(
    call(base, 'POST', `/api/workshops/${id}/cards/c-hidden/hide`, { reason: 'beleidigend' }, token),
    'hide',
  )
  await sync.changeBoard(id, (board) => {
    const map = notesOf(board).get('c-papier')
    if (map) recordCardEdit(map, { editedBy: 'moderation', editedById: 'facilitator' })
  })
  for (const g of guests) {
    await ok(
      call(base, 'POST', `/api/workshops/${id}/votes`, { cardId: 'c-bus', points: 2 }, g.token),
      'vote',
    )
    await ok(
      call(base, 'POST', `/api/workshops/${id}/votes`, { cardId: 'c-papier', points: 1 }, g.token),
      'vote',
    )
  }
  await ok(call(base, 'POST', `/api/workshops/${id}/votes/reveal`, undefined, token), 'reveal')
  await ok(call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-fantasie' }, token), 'phase')
  await ok(call(base, 'POST', `/api/workshops/${id}/phase`, { phaseId: 'zw-verwirklichung' }, token), 'phase')
  await sync.changeBoard(id, (board) => {
    setMeasure(board, {
      id: 'm1',
      title: 'Abendbus testen',
      cardId: 'c-bus',
      owner: 'Frau Weber',
      department: 'Ordnungsamt',
      due: '2027-06-30',
    })
  })
  await ok(
    call(base, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende der Werkstatt' }, token),
    'snapshot',
  )
  return { workshopId: id, token }
}

/** GET the minutes in one format, as bytes. */
export async function fetchMinutes(
  server: TestServer,
  w: MinutesWorkshop,
  format: string,
): Promise<{ status: number; type: string | null; disposition: string | null; body: Buffer }> {
  const res = await fetch(`${server.url}/api/workshops/${w.workshopId}/minutes?format=${format}&download=1`, {
    headers: { authorization: `Bearer ${w.token}` },
  })
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  }
}
