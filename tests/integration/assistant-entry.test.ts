/**
 * The assistant role (issue 14, item 1): a facilitator appoints an assistant (guest or account;
 * nobody picks it when joining); an assistant's desk card carries the group of the person in the
 * room it is entered for, and the server writes `authorGroup` and `enteredBy` on the board card.
 * Everyone else's card gets `authorGroup` from the author's role. Nobody else can set `group`,
 * and nobody, a co-facilitator included, can forge `authorGroup`, `enteredBy` or `photo`.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { RoomStore } from '../../server/sync/room-store.ts'
import { addCard, setCardGroup } from '../../shared/board/card-ops.ts'
import { FIELD, notesOf, readCards, refusalsOf } from '../../shared/board/schema.ts'
import { call, joinAsGuest, PASSWORD } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw } from '../support/raw-client.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const MARK = 'GEFAELSCHT'
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function makeRole(id: string, token: string, participantId: string, role: string) {
  return call(h.server.url, 'PATCH', `/api/workshops/${id}/participants/${participantId}`, { role }, token)
}

/** A guest made assistant by the facilitator, with a synced desk. */
async function assistant(id: string, joinCode: string, token: string, name = 'Jan') {
  const guest = await joinAsGuest(h.server.url, joinCode, name)
  expect((await makeRole(id, token, guest.participantId, 'assistant')).status).toBe(200)
  const desk = h.client(`${id}/desk`, guest.token)
  await waitSynced(desk)
  return { ...guest, desk }
}

async function account(joinCode: string, ownerToken: string, username: string, role: string) {
  const base = h.server.url
  await call(base, 'POST', '/api/users', { username, password: PASSWORD, role }, ownerToken)
  const login = await call(base, 'POST', '/api/login', { username, password: PASSWORD })
  const token = login.json.token as string
  const joined = await call(base, 'POST', '/api/join', { code: joinCode, name: 'ignoriert' }, token)
  return { token, participantId: joined.json.participantId as string }
}

function boardCard(doc: Y.Doc, id: string) {
  const card = readCards(doc).find((c) => c.id === id)
  if (!card) throw new Error(`card ${id} not on the board`)
  return card
}

describe('the assistant role', () => {
  it('is given by a facilitator to a guest or an account, and never picked when joining', async () => {
    const { server, token, id, joinCode } = await h.world()
    const jan = await joinAsGuest(server.url, joinCode, 'Jan')
    const res = await makeRole(id, token, jan.participantId, 'assistant')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ id: jan.participantId, role: 'assistant' })
    const me = await call(server.url, 'GET', `/api/workshops/${id}`, undefined, jan.token)
    expect(me.json.me).toMatchObject({ role: 'assistant', isFacilitator: false })

    const staff = await account(joinCode, token, 'verwaltung', 'staff')
    expect((await makeRole(id, token, staff.participantId, 'assistant')).status).toBe(200)
    const list = await call(server.url, 'GET', `/api/workshops/${id}/participants`, undefined, token)
    const roles = Object.fromEntries(
      (list.json.participants as { id: string; role: string }[]).map((p) => [p.id, p.role]),
    )
    expect(roles[jan.participantId]).toBe('assistant')
    expect(roles[staff.participantId]).toBe('assistant')

    const picked = await call(server.url, 'POST', '/api/join', {
      code: joinCode,
      name: 'Eva',
      role: 'assistant',
    })
    expect(picked.status).toBe(400)
    // Nobody but a facilitator appoints one.
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    expect((await makeRole(id, anna.token, anna.participantId, 'assistant')).status).toBe(403)
    // An assistant casts no ballot of its own (403), where a citizen is told there is no vote.
    const ballot = (t: string) =>
      call(server.url, 'POST', `/api/workshops/${id}/votes`, { cardId: 'x', points: 1 }, t)
    expect((await ballot(jan.token)).status).toBe(403)
    expect((await ballot(anna.token)).json.error.code).toBe('no-vote')
  })

  it('puts an assistant’s card on the board with its group and who entered it; others keep their own group', async () => {
    const { token, id, joinCode, facilitator } = await h.world()
    const jan = await assistant(id, joinCode, token)
    const anna = await joinAsGuest(h.server.url, joinCode, 'Anna')
    const annaDesk = h.client(`${id}/desk`, anna.token)
    await waitSynced(annaDesk)

    addCard(jan.desk.doc, 'paper1', { text: 'Mehr Bänke', x: 0, y: 0, color: 'yellow', group: 'councillor' })
    addCard(jan.desk.doc, 'own1', { text: 'Notiz der Assistenz', x: 200, y: 0, color: 'blue' })
    addCard(annaDesk.doc, 'anna1', { text: 'Radweg', x: 0, y: 200, color: 'green' })
    // A citizen cannot claim to speak for another group.
    addCard(annaDesk.doc, 'anna2', { text: 'Als Verwaltung', x: 0, y: 400, color: 'green', group: 'staff' })
    addCard(facilitator.doc, 'mod1', { text: 'Moderation', x: 400, y: 0, color: 'pink' })
    await waitFor(() => readCards(facilitator.doc).length === 4, 5000, 'four cards on the board')
    await waitFor(() => refusalsOf(annaDesk.doc).get('anna2') === 'unknown-field:group', 5000, 'refusal')

    expect(boardCard(facilitator.doc, 'paper1')).toMatchObject({
      authorId: jan.participantId,
      authorRole: 'assistant',
      authorGroup: 'councillor',
      enteredBy: jan.participantId,
    })
    expect(boardCard(facilitator.doc, 'own1')).toMatchObject({ authorGroup: null, enteredBy: null })
    expect(boardCard(facilitator.doc, 'anna1')).toMatchObject({ authorGroup: 'citizen', enteredBy: null })
    expect(boardCard(facilitator.doc, 'mod1')).toMatchObject({ authorGroup: null, enteredBy: null })
    // Every card gets the field, written by the server; a facilitator's counts for no group.
    expect(notesOf(facilitator.doc).get('mod1')?.has(FIELD.authorGroup)).toBe(true)
    expect(readCards(facilitator.doc).some((c) => c.id === 'anna2')).toBe(false)

    // The assistant corrects the group; a value that is no group is refused.
    setCardGroup(jan.desk.doc, 'paper1', 'staff')
    await waitFor(() => boardCard(facilitator.doc, 'paper1').authorGroup === 'staff', 5000, 'group corrected')
    addCard(jan.desk.doc, 'paper2', { text: 'Ungültig', x: 0, y: 600, color: 'yellow' })
    notesOf(jan.desk.doc).get('paper2')?.set(FIELD.group, 'facilitator')
    await waitFor(() => refusalsOf(jan.desk.doc).get('paper2') === 'bad-group', 5000, 'bad-group')

    // Made a citizen again, the desk's cards with a group are refused on their next change.
    const back = await makeRole(id, token, jan.participantId, 'citizen')
    expect(back.status).toBe(200)
    await waitSynced(jan.desk)
    await waitFor(() => jan.desk.provider.wsconnected)
    addCard(jan.desk.doc, 'paper3', {
      text: 'Nach dem Rollenwechsel',
      x: 0,
      y: 800,
      color: 'yellow',
      group: 'citizen',
    })
    await waitFor(() => refusalsOf(jan.desk.doc).get('paper3') === 'unknown-field:group', 5000, 'refused')
    expect(boardCard(facilitator.doc, 'paper1').authorGroup).toBe('staff')
  })

  it('lets nobody forge the group, who entered a card or its photo', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const jan = await assistant(id, joinCode, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const annaDesk = h.client(`${id}/desk`, anna.token)
    await waitSynced(annaDesk)
    addCard(jan.desk.doc, 'paper1', { text: 'Papierkarte', x: 0, y: 0, color: 'yellow', group: 'citizen' })
    addCard(annaDesk.doc, 'anna1', { text: 'Annas Karte', x: 0, y: 200, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 2, 5000, 'cards on the board')

    const co = await account(joinCode, token, 'ratsherr', 'councillor')
    expect((await makeRole(id, token, co.participantId, 'facilitator')).status).toBe(200)
    const watcher = await openRaw(server.url, id, { token: anna.token })

    const forgeries: ((doc: Y.Doc) => void)[] = [
      (d) => notesOf(d).get('paper1')?.set(FIELD.authorGroup, MARK),
      (d) => notesOf(d).get('paper1')?.set(FIELD.enteredBy, MARK),
      (d) => notesOf(d).get('paper1')?.delete(FIELD.enteredBy),
      (d) => notesOf(d).get('anna1')?.set(FIELD.authorGroup, 'councillor'),
      (d) => notesOf(d).get('anna1')?.set(FIELD.photo, MARK),
      (d) => notesOf(d).get('anna1')?.set(FIELD.enteredBy, `${MARK}-${co.participantId}`),
    ]
    const forgers: SyncClient[] = []
    for (const forge of forgeries) {
      const forger = h.client(id, co.token)
      await waitSynced(forger)
      forgers.push(forger)
      forger.doc.transact(() => forge(forger.doc))
    }
    // Desks: a citizen's card claiming a group, an assistant's claiming who entered it (each in
    // one transaction with the card, so the card never was valid).
    annaDesk.doc.transact(() => {
      addCard(annaDesk.doc, 'anna2', { text: 'Gruppe gefälscht', x: 0, y: 0, color: 'yellow' })
      notesOf(annaDesk.doc).get('anna2')?.set(FIELD.authorGroup, 'councillor')
    })
    jan.desk.doc.transact(() => {
      addCard(jan.desk.doc, 'paper2', { text: MARK, x: 0, y: 0, color: 'yellow', group: 'staff' })
      notesOf(jan.desk.doc).get('paper2')?.set(FIELD.enteredBy, 'jemand-anderes')
    })
    await waitFor(
      () =>
        refusalsOf(annaDesk.doc).get('anna2') === 'unknown-field:authorGroup' &&
        refusalsOf(jan.desk.doc).get('paper2') === 'unknown-field:enteredBy',
      5000,
      'desk forgeries refused',
    )
    // An honest edit afterwards still applies.
    const honest = h.client(id, token)
    await waitSynced(honest)
    addCard(honest.doc, 'after', { text: 'danach', x: 0, y: 400, color: 'blue' })
    await waitFor(() => readCards(facilitator.doc).some((c) => c.id === 'after'), 5000, 'honest edit')
    await pause(200)

    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('board not loaded')
    const stored = (await new RoomStore(server.deps.sql).load(id)).doc
    for (const doc of [room.doc, stored, facilitator.doc]) {
      expect(boardCard(doc, 'paper1')).toMatchObject({ authorGroup: 'citizen', enteredBy: jan.participantId })
      expect(boardCard(doc, 'anna1')).toMatchObject({ authorGroup: 'citizen', enteredBy: null, photo: null })
      expect(
        readCards(doc)
          .map((c) => c.id)
          .sort(),
      ).toEqual(['after', 'anna1', 'paper1'])
      expect(JSON.stringify(doc.toJSON())).not.toContain(MARK)
    }
    expect(framesContain(watcher.frames, MARK)).toBe(false)
    watcher.ws.close()
  })
})
