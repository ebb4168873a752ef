/**
 * The board model's cards, kept up to date from Yjs events one card at a time, always equal a
 * full re-read of the board and desk (readCardViews): checked after scripted changes and after
 * random sequences of local and remote updates.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CardView } from '../../client/src/board/card-views.ts'
import { readCardViews } from '../../client/src/board/card-views.ts'
import { type CardSink, watchCardViews } from '../../client/src/board/live-card-views.ts'
import { addCard, deleteCard, moveCard, recolorCard, setCardText } from '../../shared/board/card-ops.ts'
import { readFacilitation, setFacilitation } from '../../shared/board/facilitation.ts'
import {
  CARD_COLORS,
  CARD_STATE_KINDS,
  cardStatesOf,
  FIELD,
  notesOf,
  refusalsOf,
} from '../../shared/board/schema.ts'

const me = { participantId: 'anna', name: 'Anna', role: 'citizen' }

/** A sink that behaves like the Solid store: a card it holds keeps its (stale) object until updated. */
function arraySink() {
  const sink = {
    list: [] as CardView[],
    replaced: 0,
    updated: 0,
    replace(next: CardView[]) {
      sink.replaced++
      const held = new Map(sink.list.map((card) => [card.id, card]))
      sink.list = next.map((view) => held.get(view.id) ?? view)
    },
    update(index: number, view: CardView) {
      sink.updated++
      if (sink.list[index]?.id !== view.id) throw new Error(`update(${index}) names ${view.id}`)
      sink.list[index] = view
    },
  }
  return sink satisfies CardSink
}

function setup(withDesk = true) {
  const board = new Y.Doc()
  const desk = withDesk ? new Y.Doc() : null
  const sink = arraySink()
  let dirty = 0
  const live = watchCardViews(board, desk, me, sink, () => dirty++)
  const expectFullRead = () => {
    live.flush()
    expect(sink.list).toEqual(readCardViews(board, desk, me, readFacilitation(board)))
  }
  return { board, desk, sink, live, expectFullRead, dirtyCount: () => dirty }
}

/** Applies what `change` does on a peer's copy of `doc` to `doc`, as a remote update. */
function remote(doc: Y.Doc, change: (peer: Y.Doc) => void) {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(peer)
  change(peer)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before), 'remote')
}

function boardCard(board: Y.Doc, id: string, author: string, createdAt: number, text = id) {
  board.transact(() => {
    addCard(board, id, { text, x: 0, y: 0, color: 'yellow' }, createdAt)
    const map = notesOf(board).get(id) as Y.Map<unknown>
    map.set(FIELD.authorId, author)
    map.set(FIELD.authorName, author)
    map.set(FIELD.authorRole, 'citizen')
  })
}

describe('live card views', () => {
  it('applies remote adds, edits, moves and deletes, and keeps the full read order', () => {
    const { board, sink, expectFullRead } = setup()
    remote(board, (peer) => {
      boardCard(peer, 'b', 'bert', 20)
      boardCard(peer, 'a', 'anna', 20)
      boardCard(peer, 'c', 'bert', 10)
    })
    expectFullRead()
    expect(sink.list.map((c) => c.id)).toEqual(['c', 'a', 'b'])
    expect(sink.list.find((c) => c.id === 'a')?.mine).toBe(true)
    remote(board, (peer) => setCardText(peer, 'b', 'neu'))
    expectFullRead()
    remote(board, (peer) => moveCard(peer, 'c', 300, 400))
    expectFullRead()
    remote(board, (peer) => deleteCard(peer, 'a'))
    expectFullRead()
    expect(sink.list.map((c) => c.id)).toEqual(['c', 'b'])
  })

  it('re-reads only the card a keystroke touched on a large board', () => {
    const { board, sink, expectFullRead } = setup()
    remote(board, (peer) => {
      for (let i = 0; i < 1000; i++) boardCard(peer, `card${i}`, i % 2 ? 'anna' : 'bert', i)
    })
    expectFullRead()
    const before = { replaced: sink.replaced, updated: sink.updated }
    const held = sink.list[500]
    remote(board, (peer) => setCardText(peer, 'card7', 'card7 und mehr'))
    expectFullRead()
    expect(sink.replaced).toBe(before.replaced)
    expect(sink.updated).toBe(before.updated + 1)
    // Untouched cards keep their objects (the canvas keeps their elements, focus and editors).
    expect(sink.list[500]).toBe(held)
  })

  it('shows desk cards with their records, and moves them onto the board when they arrive', () => {
    const { board, desk, sink, expectFullRead } = setup()
    if (!desk) throw new Error('no desk')
    addCard(desk, 'mine1', { text: 'geheim', x: 1, y: 2, color: 'pink' }, 5)
    expectFullRead()
    expect(sink.list[0]).toMatchObject({ id: 'mine1', pending: true, status: 'pending' })
    remote(board, (peer) => setFacilitation(peer, 'privateWriting', true))
    expectFullRead()
    expect(sink.list[0]?.status).toBe('private')
    remote(desk, (peer) => cardStatesOf(peer).set('mine1', { state: 'rejected', reason: 'Doppelt', at: 1 }))
    expectFullRead()
    expect(sink.list[0]).toMatchObject({ status: 'rejected', statusReason: 'Doppelt' })
    remote(desk, (peer) => cardStatesOf(peer).delete('mine1'))
    remote(desk, (peer) => refusalsOf(peer).set('mine1', 'too-long'))
    expectFullRead()
    remote(board, (peer) => boardCard(peer, 'mine1', 'anna', 5, 'geheim'))
    expectFullRead()
    expect(sink.list[0]).toMatchObject({ id: 'mine1', pending: false, status: 'board' })
    // Hidden on the board: the author still reads the text from the desk.
    remote(board, (peer) => {
      const map = notesOf(peer).get('mine1') as Y.Map<unknown>
      map.set(FIELD.hidden, { reason: 'Beleidigend', by: 'Mod', at: 2 })
      ;(map.get(FIELD.text) as Y.Text).delete(0, 6)
    })
    expectFullRead()
    expect(sink.list[0]).toMatchObject({ text: 'geheim', status: 'hidden', statusReason: 'Beleidigend' })
  })

  it('stops listening when disposed', () => {
    const { board, live, dirtyCount } = setup(false)
    live.dispose()
    boardCard(board, 'x', 'bert', 1)
    expect(dirtyCount()).toBe(0)
  })

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals a full re-read after random updates (seed ${seed})`, () => {
      const random = mulberry32(seed)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
      const { board, desk, expectFullRead } = setup(seed % 4 !== 0)
      const ids = Array.from({ length: 12 }, (_, i) => `k${i}`)
      const boardOps: ((doc: Y.Doc) => void)[] = [
        (doc) => boardCard(doc, pick(ids), pick(['anna', 'bert']), Math.floor(random() * 5)),
        (doc) => deleteCard(doc, pick(ids)),
        (doc) => isCard(doc, pick(ids), (id) => setCardText(doc, id, pick(['', 'a', 'ab', 'xyz']))),
        (doc) => isCard(doc, pick(ids), (id) => moveCard(doc, id, random() * 500, random() * 500)),
        (doc) => isCard(doc, pick(ids), (id) => recolorCard(doc, id, pick(CARD_COLORS))),
        (doc) => {
          const map = notesOf(doc).get(pick(ids))
          if (map instanceof Y.Map) map.set(FIELD.createdAt, Math.floor(random() * 5))
        },
        (doc) => {
          const map = notesOf(doc).get(pick(ids))
          if (map instanceof Y.Map)
            map.set(FIELD.hidden, random() < 0.5 ? null : { reason: 'r', by: 'm', at: 1 })
        },
        // Malformed: a card that is not a map is no card.
        (doc) => (notesOf(doc) as Y.Map<unknown>).set(pick(ids), 'junk'),
        (doc) => setFacilitation(doc, pick(['privateWriting', 'approval'] as const), random() < 0.5),
      ]
      const deskOps: ((doc: Y.Doc) => void)[] = [
        (doc) => addCard(doc, pick(ids), { text: 'd', x: 0, y: 0, color: 'blue' }, Math.floor(random() * 5)),
        (doc) => deleteCard(doc, pick(ids)),
        (doc) => setCardText(doc, pick(ids), pick(['', 'desk', 'Desk!'])),
        (doc) => refusalsOf(doc).set(pick(ids), 'quota'),
        (doc) => refusalsOf(doc).delete(pick(ids)),
        (doc) => cardStatesOf(doc).set(pick(ids), { state: pick(CARD_STATE_KINDS), reason: 'x', at: 1 }),
        (doc) => cardStatesOf(doc).delete(pick(ids)),
      ]
      for (let step = 0; step < 150; step++) {
        const updates = 1 + Math.floor(random() * 4)
        for (let u = 0; u < updates; u++) {
          const onDesk = desk !== null && random() < 0.4
          const doc = onDesk ? desk : board
          const op = pick(onDesk ? deskOps : boardOps)
          if (random() < 0.5) remote(doc, op)
          else op(doc)
        }
        expectFullRead()
      }
    })
  }
})

/** Runs `change` only if `id` is a card (a malformed entry is not). */
function isCard(doc: Y.Doc, id: string, change: (id: string) => void) {
  if (notesOf(doc).get(id) instanceof Y.Map) change(id)
}

function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
