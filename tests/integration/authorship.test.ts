/**
 * Authorship on the board: author fields, hidden marks and the edit record are the server's, for
 * facilitators too. A co-facilitator's y-websocket client that rewrites them on a citizen's card
 * gets nothing stored or broadcast, and the minutes still attribute the text to its author; a
 * facilitator's change of someone else's text is recorded by the server and named in the minutes.
 * A hidden card is a moderation record: no board client deletes it, replaces it or types into it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomStore } from '../../server/sync/room-store.ts'
import { addCard, deleteCard, setCardText } from '../../shared/board/card-ops.ts'
import { FIELD, notesOf, readCards } from '../../shared/board/schema.ts'
import type { MinutesSection } from '../../shared/minutes/minutes-data.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import { call, joinAsGuest, PASSWORD } from '../support/api.ts'
import { framesContain } from '../support/frames.ts'
import { useSyncHarness } from '../support/harness.ts'
import { openRaw } from '../support/raw-client.ts'
import { type SyncClient, waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()
const MARK = 'GEFAELSCHT'
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A councillor account made co-facilitator of the workshop: its login token and participant id. */
async function coFacilitator(id: string, joinCode: string, ownerToken: string) {
  const base = h.server.url
  await call(
    base,
    'POST',
    '/api/users',
    { username: 'ratsherr', password: PASSWORD, role: 'councillor' },
    ownerToken,
  )
  const login = await call(base, 'POST', '/api/login', { username: 'ratsherr', password: PASSWORD })
  const token = login.json.token as string
  const joined = await call(base, 'POST', '/api/join', { code: joinCode, name: 'ignoriert' }, token)
  const participantId = joined.json.participantId as string
  const promoted = await call(
    base,
    'PATCH',
    `/api/workshops/${id}/participants/${participantId}`,
    { role: 'facilitator' },
    ownerToken,
  )
  expect(promoted.status).toBe(200)
  return { token, participantId }
}

async function boardClient(id: string, token: string): Promise<SyncClient> {
  const client = h.client(id, token)
  await waitSynced(client)
  return client
}

function cardOf(doc: Y.Doc, id: string) {
  const card = readCards(doc).find((c) => c.id === id)
  if (!card) throw new Error(`card ${id} not on the board`)
  return card
}

describe('authorship on the board', () => {
  it('keeps a citizen’s authorship against a co-facilitator’s forgery, and records a facilitator’s edit', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const co = await coFacilitator(id, joinCode, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    addCard(desk.doc, 'anna1', { text: 'Mehr Bänke am Markt', x: 0, y: 0, color: 'yellow' })
    addCard(desk.doc, 'anna2', { text: 'Zweite Karte', x: 50, y: 0, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 2, 5000, 'Anna’s cards on the board')
    const watcher = await openRaw(server.url, id, { token: anna.token })

    // Each forgery from a fresh co-facilitator client: a refused write leaves that client's state
    // ahead of the room, so its next edits could not apply anyway.
    const forgeries: [string, (card: Y.Map<unknown>) => void][] = [
      ['authorId', (card) => card.set(FIELD.authorId, `${MARK}-${co.participantId}`)],
      ['authorName', (card) => card.set(FIELD.authorName, MARK)],
      ['authorRole', (card) => card.set(FIELD.authorRole, `${MARK}-facilitator`)],
      ['hidden', (card) => card.set(FIELD.hidden, { reason: MARK, by: MARK, at: 1 })],
      ['authorName deleted', (card) => card.delete(FIELD.authorName)],
      [
        'all at once',
        (card) => {
          card.set(FIELD.authorId, `${MARK}-all`)
          card.set(FIELD.authorName, `${MARK}-all`)
          card.set(FIELD.authorRole, `${MARK}-all`)
          card.set(FIELD.hidden, { reason: MARK, by: MARK, at: 1 })
        },
      ],
    ]
    const forgers: SyncClient[] = []
    for (const [, forge] of forgeries) {
      const forger = await boardClient(id, co.token)
      forgers.push(forger)
      const card = notesOf(forger.doc).get('anna1')
      if (!card) throw new Error('the co-facilitator does not see Anna’s card')
      forger.doc.transact(() => forge(card))
    }

    // Honest co-facilitator edits still apply: changing Anna's text (deleting part of it too),
    // deleting her other card, writing a card of one's own.
    const editor = await boardClient(id, co.token)
    setCardText(editor.doc, 'anna1', 'Mehr Bäume am Marktplatz')
    deleteCard(editor.doc, 'anna2')
    addCard(editor.doc, 'co1', { text: 'Eigene Karte', x: 0, y: 100, color: 'green' })
    setCardText(editor.doc, 'co1', 'Eigene Karte, geändert')
    await waitFor(
      () =>
        cardOf(facilitator.doc, 'anna1').text === 'Mehr Bäume am Marktplatz' &&
        cardOf(facilitator.doc, 'anna1').editedBy !== null &&
        readCards(facilitator.doc).some((c) => c.id === 'co1' && c.authorId === co.participantId) &&
        !readCards(facilitator.doc).some((c) => c.id === 'anna2'),
      5000,
      'the co-facilitator’s honest edits',
    )
    await pause(200)

    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('board not loaded')
    const stored = (await new RoomStore(server.deps.sql).load(id)).doc
    for (const doc of [room.doc, stored, facilitator.doc, editor.doc]) {
      const card = cardOf(doc, 'anna1')
      expect(card).toMatchObject({
        authorId: anna.participantId,
        authorName: 'Anna',
        authorRole: 'citizen',
        hidden: null,
        editedById: co.participantId,
      })
      expect(card.editedBy).toEqual(expect.any(String))
      expect(card.editedAt).toBeGreaterThan(Date.now() - 60_000)
      // Her own card: a facilitator's card edited by its author carries no edit record.
      expect(cardOf(doc, 'co1')).toMatchObject({ authorRole: 'facilitator', editedBy: null })
      expect(JSON.stringify(doc.toJSON())).not.toContain(MARK)
    }
    expect(framesContain(watcher.frames, MARK)).toBe(false)
    watcher.ws.close()
    const editorName = cardOf(room.doc, 'anna1').editedBy as string

    // The minutes attribute the text to Anna and say who changed it.
    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende' }, token)).status,
    ).toBe(201)
    const minutes = async (format: string, lang = 'de') =>
      (
        await call(
          server.url,
          'GET',
          `/api/workshops/${id}/minutes?format=${format}&lang=${lang}`,
          undefined,
          token,
        )
      ).json
    const md = (await minutes('md')) as string
    expect(md).toContain('Mehr Bäume am Marktplatz')
    expect(md).toContain('Anna \\(Bürger\\*in\\)')
    expect(md).toContain(`bearbeitet von ${editorName} am `)
    expect(md).not.toContain(MARK)
    const html = (await minutes('html', 'en')) as string
    expect(html).toContain('Anna (Citizen)')
    expect(html).toContain(`edited by ${editorName} on `)
    const json = await minutes('json')
    const cards = json.sections.flatMap((s: MinutesSection) => s.frames.flatMap((f) => f.cards))
    const jsonCard = cards.find((c: { id: string }) => c.id === 'anna1')
    expect(jsonCard).toMatchObject({ authorName: 'Anna', authorRole: 'citizen', edited: { by: editorName } })
    expect(cards.find((c: { id: string }) => c.id === 'co1').edited).toBeNull()

    // A forger that keeps trying is closed after three refused writes (`4403 forbidden-write`).
    // Each new try builds on its refused one: the server asks it to resync, and refuses the answer.
    const persistent = forgers[0] as SyncClient
    for (let i = 0; i < 10 && !persistent.closes.includes(CLOSE.forbiddenWrite.code); i++) {
      notesOf(persistent.doc).get('anna1')?.set(FIELD.authorName, `${MARK}-${i}`)
      await pause(100)
    }
    expect(persistent.closes).toContain(CLOSE.forbiddenWrite.code)
  })

  it('stamps the owner’s new cards and records nothing when facilitators change their own text', async () => {
    const { server, facilitator, id, token } = await h.world()
    addCard(facilitator.doc, 'f1', { text: 'Begrüßung', x: 0, y: 0, color: 'blue' })
    await waitFor(() => readCards(facilitator.doc).some((c) => c.id === 'f1' && c.authorId !== null))
    setCardText(facilitator.doc, 'f1', 'Begrüßung und Ablauf')
    const other = await boardClient(id, token)
    await waitFor(() => readCards(other.doc).some((c) => c.text === 'Begrüßung und Ablauf'))
    await pause(100)
    const room = server.deps.sync.registry.get(id)
    expect(room && cardOf(room.doc, 'f1')).toMatchObject({
      authorRole: 'facilitator',
      editedBy: null,
      editedAt: null,
    })
  })

  it('keeps a hidden card against a co-facilitator’s deletion, replacement and typing; other cards still delete', async () => {
    const { server, token, id, joinCode, facilitator } = await h.world()
    const co = await coFacilitator(id, joinCode, token)
    const anna = await joinAsGuest(server.url, joinCode, 'Anna')
    const desk = h.client(`${id}/desk`, anna.token)
    await waitSynced(desk)
    addCard(desk.doc, 'rude', { text: 'Etwas Beleidigendes', x: 0, y: 0, color: 'yellow' })
    addCard(desk.doc, 'fine', { text: 'Mehr Bänke am Markt', x: 50, y: 0, color: 'yellow' })
    await waitFor(() => readCards(facilitator.doc).length === 2, 5000, 'Anna’s cards on the board')
    const REASON = 'Beleidigung'
    const hidden = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/cards/rude/hide`,
      { reason: REASON },
      token,
    )
    expect(hidden.status).toBe(200)
    await waitFor(() => cardOf(facilitator.doc, 'rude').hidden !== null, 5000, 'the hidden mark on the board')

    const watcher = await openRaw(server.url, id, { token: anna.token })
    await pause(200)
    // Sync updates the room sends on (message 0, step 2 = update); presence frames do not count.
    const broadcasts = () => watcher.frames.filter((f) => f[0] === 0 && f[1] === 2).length
    const before = broadcasts()

    const attempts: [string, (doc: Y.Doc) => void][] = [
      ['delete', (doc) => deleteCard(doc, 'rude')],
      ['replace', (doc) => addCard(doc, 'rude', { text: MARK, x: 0, y: 0, color: 'green' })],
      [
        'type',
        (doc) => {
          const text = notesOf(doc).get('rude')?.get(FIELD.text)
          if (!(text instanceof Y.Text)) throw new Error('no text on the hidden card')
          text.insert(0, MARK)
        },
      ],
      ['new text', (doc) => notesOf(doc).get('rude')?.set(FIELD.text, new Y.Text(MARK))],
    ]
    const forgers: SyncClient[] = []
    for (const [, attempt] of attempts) {
      // A fresh client each: a refused write leaves a client's state ahead of the room.
      const forger = await boardClient(id, co.token)
      forgers.push(forger)
      expect(notesOf(forger.doc).has('rude')).toBe(true)
      attempt(forger.doc)
    }
    await pause(300)
    expect(broadcasts()).toBe(before)
    // One refused write each: dropped and counted, the connections stay open.
    for (const forger of forgers) expect(forger.closes).toEqual([])

    // Deleting a card that is not hidden is still a facilitator's to do.
    const editor = await boardClient(id, co.token)
    deleteCard(editor.doc, 'fine')
    await waitFor(
      () => !readCards(facilitator.doc).some((c) => c.id === 'fine'),
      5000,
      'the normal card deleted',
    )
    expect(broadcasts()).toBeGreaterThan(before)
    await pause(200)

    const room = server.deps.sync.registry.get(id)
    if (!room) throw new Error('board not loaded')
    const stored = (await new RoomStore(server.deps.sql).load(id)).doc
    for (const doc of [room.doc, stored, facilitator.doc, editor.doc]) {
      expect(readCards(doc).map((c) => c.id)).toEqual(['rude'])
      expect(cardOf(doc, 'rude')).toMatchObject({
        text: '',
        authorId: anna.participantId,
        color: 'yellow',
        hidden: { reason: REASON },
      })
      expect(JSON.stringify(doc.toJSON())).not.toContain(MARK)
    }
    expect(framesContain(watcher.frames, MARK)).toBe(false)
    watcher.ws.close()

    expect(
      (await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Ende' }, token)).status,
    ).toBe(201)
    const minutes = await call(
      server.url,
      'GET',
      `/api/workshops/${id}/minutes?format=json`,
      undefined,
      token,
    )
    const sections: MinutesSection[] = minutes.json.sections
    expect(sections.flatMap((s) => s.hiddenCards)).toMatchObject([{ id: 'rude', reason: REASON }])
    expect(JSON.stringify(minutes.json)).not.toContain(MARK)
    const md = (
      await call(server.url, 'GET', `/api/workshops/${id}/minutes?format=md&lang=de`, undefined, token)
    ).json as string
    expect(md).toContain(REASON)
    expect(md).not.toContain(MARK)
  })
})
