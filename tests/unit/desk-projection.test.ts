/** The desk → board projection: what reaches the board, with which author, and what is refused. */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../../server/db/open-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { createLogger } from '../../server/logger.ts'
import type { DeskOwner } from '../../server/sync/desk-projection.ts'
import { fixedOwners } from '../../server/sync/owner-lookup.ts'
import { SyncServer } from '../../server/sync/sync-server.ts'
import { addCard, deleteCard, moveCard, setCardText } from '../../shared/board/card-ops.ts'
import { setFacilitation } from '../../shared/board/facilitation.ts'
import { cardStatesOf, FIELD, LIMITS, notesOf, readCards, refusalsOf } from '../../shared/board/schema.ts'
import { tempDataDir } from '../support/test-server.ts'

let dir: string
let sync: SyncServer
const people = new Map<string, DeskOwner>()
const lookup = (id: string) => people.get(id) ?? null
/** A sync server on the data directory, with workshop w1's card records loaded. */
async function open(): Promise<SyncServer> {
  const db = openDatabase(dir)
  const server = new SyncServer(new SqliteSqlDatabase(db), fixedOwners(lookup), createLogger('silent'))
  await server.rooms.ledger.load('w1')
  return server
}
beforeEach(async () => {
  dir = tempDataDir()
  sync = await open()
  for (const p of [anna, bert, observer]) people.set(p.participantId, p)
})
afterEach(async () => {
  await sync.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const anna: DeskOwner = { participantId: 'anna', name: 'Anna', role: 'citizen' }
const bert: DeskOwner = { participantId: 'bert', name: 'Bert', role: 'councillor' }
const observer: DeskOwner = { participantId: 'obs', name: 'Presse', role: 'observer' }
const card = { text: 'Mehr Grün', x: 1, y: 2, color: 'green' as const }
const PEER = Symbol('peer')

describe('desk projection', () => {
  it('puts a desk card on the board under the same id with the author from the desk owner', async () => {
    const desk = await sync.rooms.openDesk('w1', 'anna')
    const board = await sync.rooms.openBoard('w1')
    desk.doc.transact(() => addCard(desk.doc, 'k1', card), PEER)
    expect(readCards(board.doc)).toMatchObject([
      {
        id: 'k1',
        text: 'Mehr Grün',
        x: 1,
        y: 2,
        color: 'green',
        authorId: 'anna',
        authorName: 'Anna',
        authorRole: 'citizen',
      },
    ])
    desk.doc.transact(() => {
      setCardText(desk.doc, 'k1', 'Mehr Grün im Zentrum')
      moveCard(desk.doc, 'k1', 100, 200)
    }, PEER)
    expect(readCards(board.doc)[0]).toMatchObject({ text: 'Mehr Grün im Zentrum', x: 100, y: 200 })
    desk.doc.transact(() => deleteCard(desk.doc, 'k1'), PEER)
    expect(readCards(board.doc)).toEqual([])
  })

  it('refuses unknown fields, oversized text and forged author fields, and says why in the desk', async () => {
    const desk = await sync.rooms.openDesk('w1', 'anna')
    const board = await sync.rooms.openBoard('w1')
    desk.doc.transact(() => {
      addCard(desk.doc, 'forged', card)
      notesOf(desk.doc).get('forged')?.set(FIELD.authorName, 'Bürgermeister')
      const long = new Y.Map<unknown>()
      long.set(FIELD.text, new Y.Text('x'.repeat(1001)))
      long.set(FIELD.x, 0)
      long.set(FIELD.y, 0)
      long.set(FIELD.color, 'yellow')
      long.set(FIELD.createdAt, 1)
      notesOf(desk.doc).set('long', long)
      addCard(desk.doc, 'bad id!', card)
    }, PEER)
    expect(readCards(board.doc)).toEqual([])
    const refusals = refusalsOf(desk.doc)
    expect(refusals.get('forged')).toBe('unknown-field:authorName')
    expect(refusals.get('long')).toBe('text-too-long')
    expect(refusals.get('bad id!')).toBe('bad-id')
    // Fixing the card clears its refusal and projects it.
    desk.doc.transact(() => notesOf(desk.doc).get('forged')?.delete(FIELD.authorName), PEER)
    expect(readCards(board.doc).map((c) => [c.id, c.authorName])).toEqual([['forged', 'Anna']])
    expect(refusals.has('forged')).toBe(false)
  })

  it('never lets one participant change or delete another’s card by reusing its id', async () => {
    const annaDesk = await sync.rooms.openDesk('w1', 'anna')
    const bertDesk = await sync.rooms.openDesk('w1', 'bert')
    const board = await sync.rooms.openBoard('w1')
    annaDesk.doc.transact(() => addCard(annaDesk.doc, 'k1', card), PEER)
    bertDesk.doc.transact(() => addCard(bertDesk.doc, 'k1', { ...card, text: 'übernommen' }), PEER)
    expect(readCards(board.doc)).toMatchObject([{ id: 'k1', text: 'Mehr Grün', authorId: 'anna' }])
    expect(refusalsOf(bertDesk.doc).get('k1')).toBe('not-your-card')
    bertDesk.doc.transact(() => deleteCard(bertDesk.doc, 'k1'), PEER)
    expect(readCards(board.doc)).toHaveLength(1)
  })

  it('projects nothing from an observer’s desk', async () => {
    const desk = await sync.rooms.openDesk('w1', 'obs')
    const board = await sync.rooms.openBoard('w1')
    desk.doc.transact(() => addCard(desk.doc, 'k1', card), PEER)
    expect(readCards(board.doc)).toEqual([])
  })

  it('holds at most LIMITS.participantCards cards of one participant on the board', async () => {
    const desk = await sync.rooms.openDesk('w1', 'anna')
    const bertDesk = await sync.rooms.openDesk('w1', 'bert')
    const board = await sync.rooms.openBoard('w1')
    const quota = LIMITS.participantCards
    for (let i = 0; i <= quota; i++) desk.doc.transact(() => addCard(desk.doc, `k${i}`, card), PEER)
    expect(readCards(board.doc)).toHaveLength(quota)
    expect(refusalsOf(desk.doc).get(`k${quota}`)).toBe('participant-quota')
    // Everyone else still writes; a card of Anna's that leaves the board makes room for hers.
    bertDesk.doc.transact(() => addCard(bertDesk.doc, 'b1', card), PEER)
    expect(readCards(board.doc)).toHaveLength(quota + 1)
    desk.doc.transact(() => deleteCard(desk.doc, 'k0'), PEER)
    desk.doc.transact(() => setCardText(desk.doc, `k${quota}`, 'jetzt'), PEER)
    expect(refusalsOf(desk.doc).has(`k${quota}`)).toBe(false)
    expect(readCards(board.doc).filter((c) => c.authorId === 'anna')).toHaveLength(quota)
  })

  it('records held cards and mirrors each record into the owner’s desk until the card is placed', async () => {
    const desk = await sync.rooms.openDesk('w1', 'anna')
    const board = await sync.rooms.openBoard('w1')
    board.doc.transact(() => setFacilitation(board.doc, 'privateWriting', true))
    desk.doc.transact(() => addCard(desk.doc, 'p1', card), PEER)
    expect(readCards(board.doc)).toEqual([])
    expect(cardStatesOf(desk.doc).get('p1')?.state).toBe('private')
    expect(sync.rooms.privateCount('w1')).toBe(1)
    // Another participant cannot take the held card's id.
    const bertDesk = await sync.rooms.openDesk('w1', 'bert')
    bertDesk.doc.transact(() => addCard(bertDesk.doc, 'p1', card), PEER)
    expect(refusalsOf(bertDesk.doc).get('p1')).toBe('not-your-card')
    expect(await sync.rooms.reveal('w1')).toBe(1)
    expect(readCards(board.doc).map((c) => [c.id, c.authorId])).toEqual([['p1', 'anna']])
    expect(cardStatesOf(desk.doc).has('p1')).toBe(false)
    // Withdrawing a held card ends its record.
    desk.doc.transact(() => addCard(desk.doc, 'p2', card), PEER)
    expect(sync.rooms.privateCount('w1')).toBe(1)
    desk.doc.transact(() => deleteCard(desk.doc, 'p2'), PEER)
    expect(sync.rooms.privateCount('w1')).toBe(0)
    expect(cardStatesOf(desk.doc).has('p2')).toBe(false)
  })

  it('keeps desk and board durable across a reload', async () => {
    const desk = await sync.rooms.openDesk('w1', 'anna')
    desk.doc.transact(() => addCard(desk.doc, 'k1', card), PEER)
    await sync.close()
    sync = await open()
    expect(readCards((await sync.rooms.openBoard('w1')).doc)).toHaveLength(1)
    expect(readCards((await sync.rooms.openDesk('w1', 'anna')).doc)).toHaveLength(1)
  })
})
