/** The difference of two board states: added, removed, changed (text, colour, hidden), moved between frames. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, deleteCard, moveCard, recolorCard, setCardText } from '../../shared/board/card-ops.ts'
import { setFrame } from '../../shared/board/frames.ts'
import { FIELD, notesOf } from '../../shared/board/schema.ts'
import { diffBoards } from '../../shared/history/snapshot-diff.ts'

/** A later state of `doc`, as a snapshot taken from it would load. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function board(): Y.Doc {
  const doc = new Y.Doc()
  setFrame(doc, { id: 'f1', title: 'Verkehr', x: 0, y: 0, w: 400, h: 300 })
  setFrame(doc, { id: 'f2', title: 'Wohnen', x: 500, y: 0, w: 400, h: 300 })
  addCard(doc, 'keep', { text: 'Radwege', x: 10, y: 10, color: 'yellow' }, 1)
  addCard(doc, 'gone', { text: 'Parkhaus', x: 20, y: 20, color: 'yellow' }, 2)
  addCard(doc, 'edit', { text: 'Bus alle 20 Minuten', x: 30, y: 30, color: 'blue' }, 3)
  addCard(doc, 'wander', { text: 'Mieten', x: 40, y: 40, color: 'green' }, 4)
  addCard(doc, 'nudge', { text: 'Spielplatz', x: 600, y: 50, color: 'pink' }, 5)
  return doc
}

describe('snapshot diff', () => {
  it('finds nothing between a state and itself', () => {
    const a = board()
    expect(diffBoards(a, copyOf(a))).toEqual({ added: [], removed: [], changed: [], moved: [] })
  })

  it('names added, removed, changed and moved cards, with their frames', () => {
    const a = board()
    const b = copyOf(a)
    addCard(b, 'new', { text: 'Stadtbücherei länger offen', x: 520, y: 20, color: 'orange' }, 6)
    deleteCard(b, 'gone')
    setCardText(b, 'edit', 'Bus alle 10 Minuten')
    recolorCard(b, 'edit', 'pink')
    moveCard(b, 'wander', 560, 60)
    // Moved inside its own frame, and a frame renamed: neither is a move between frames.
    moveCard(b, 'nudge', 700, 100)
    setFrame(b, { id: 'f2', title: 'Wohnen und Leben', x: 500, y: 0, w: 400, h: 300 })

    const diff = diffBoards(a, b)
    expect(diff.added).toEqual([
      {
        id: 'new',
        text: 'Stadtbücherei länger offen',
        color: 'orange',
        authorName: null,
        hidden: false,
        frame: { id: 'f2', title: 'Wohnen und Leben' },
      },
    ])
    expect(diff.removed.map((c) => [c.id, c.text, c.frame?.title])).toEqual([['gone', 'Parkhaus', 'Verkehr']])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0]).toMatchObject({
      id: 'edit',
      changes: ['text', 'color'],
      before: { text: 'Bus alle 20 Minuten', color: 'blue' },
      after: { text: 'Bus alle 10 Minuten', color: 'pink' },
    })
    expect(diff.moved).toEqual([
      {
        id: 'wander',
        card: expect.objectContaining({ text: 'Mieten' }),
        from: { id: 'f1', title: 'Verkehr' },
        to: { id: 'f2', title: 'Wohnen und Leben' },
      },
    ])
  })

  it('counts leaving every frame as a move, and a card moved by a frame moving under it', () => {
    const a = board()
    const b = copyOf(a)
    moveCard(b, 'keep', 2000, 2000)
    setFrame(b, { id: 'f1', title: 'Verkehr', x: 0, y: 1000, w: 400, h: 300 })
    const moved = diffBoards(a, b).moved.map((m) => [m.id, m.from?.id ?? null, m.to?.id ?? null])
    expect(moved).toEqual([
      ['keep', 'f1', null],
      ['gone', 'f1', null],
      ['edit', 'f1', null],
      ['wander', 'f1', null],
    ])
  })

  it('reports hiding as a change and never shows a hidden card text', () => {
    const a = board()
    const b = copyOf(a)
    const map = notesOf(b).get('edit') as Y.Map<unknown>
    b.transact(() => {
      ;(map.get(FIELD.text) as Y.Text).delete(0, (map.get(FIELD.text) as Y.Text).length)
      map.set(FIELD.hidden, { reason: 'beleidigend', by: 'Moderation', at: 1 })
    })
    const diff = diffBoards(a, b)
    expect(diff.changed).toEqual([
      expect.objectContaining({
        id: 'edit',
        changes: ['hidden'],
        after: expect.objectContaining({ text: '', hidden: true }),
      }),
    ])
    // Hidden with its text still on a board (an older state): the diff does not show it.
    const c = copyOf(b)
    ;((notesOf(c).get('edit') as Y.Map<unknown>).get(FIELD.text) as Y.Text).insert(0, 'geheim')
    expect(JSON.stringify(diffBoards(b, c))).not.toContain('geheim')
  })
})
