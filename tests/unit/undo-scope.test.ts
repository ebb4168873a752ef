/**
 * Per-person undo: only this screen's own changes (LOCAL_ORIGIN) are undone, never what arrives
 * from elsewhere; undoing a deletion on the board writes no field only the server may write.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createUndo, LOCAL_ORIGIN } from '../../client/src/board/undo.ts'
import { inspectUpdate } from '../../server/sync/inspect-update.ts'
import { addCard, deleteCard, moveCard, setCardAuthor } from '../../shared/board/card-ops.ts'
import { movesOf, notesOf, readCards } from '../../shared/board/schema.ts'
import { SERVER_CARD_FIELDS } from '../../shared/policy/board-registry.ts'

const REMOTE = 'remote'

/** Two documents kept in step: each one's updates reach the other with a remote origin. */
function pair() {
  const mine = new Y.Doc()
  const other = new Y.Doc()
  const sent: Uint8Array[] = []
  mine.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return
    sent.push(update)
    Y.applyUpdate(other, update, REMOTE)
  })
  other.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(mine, update, REMOTE)
  })
  return { mine, other, sent }
}

const local = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL_ORIGIN)
const card = (doc: Y.Doc, id: string) => readCards(doc).find((c) => c.id === id)

describe('undo scoped to this screen’s own origin', () => {
  it('undoes my move and my new card, never another person’s card or move', () => {
    const { mine, other } = pair()
    const undo = createUndo(mine, 'board')
    local(mine, () => addCard(mine, 'a', { text: 'Meins', x: 0, y: 0, color: 'yellow' }))
    undo.boundary()
    // Another person writes and moves their own card (and moves mine) on their document.
    addCard(other, 'b', { text: 'Fremd', x: 500, y: 500, color: 'blue' })
    local(mine, () => moveCard(mine, 'a', 100, 40))
    undo.boundary()
    moveCard(other, 'b', 600, 600)
    expect(undo.canUndo()).toBe(true)

    undo.undo()
    expect(card(mine, 'a')).toMatchObject({ x: 0, y: 0 })
    expect(card(other, 'a')).toMatchObject({ x: 0, y: 0 })
    expect(card(mine, 'b')).toMatchObject({ text: 'Fremd', x: 600, y: 600 })

    undo.undo()
    expect(card(mine, 'a')).toBeUndefined()
    expect(card(other, 'a')).toBeUndefined()
    expect(card(mine, 'b')).toMatchObject({ text: 'Fremd', x: 600, y: 600 })
    // Nothing of mine left to undo: another undo leaves the other person's card alone.
    expect(undo.canUndo()).toBe(false)
    undo.undo()
    expect(card(other, 'b')).toMatchObject({ text: 'Fremd', x: 600, y: 600 })

    undo.redo()
    undo.redo()
    expect(card(other, 'a')).toMatchObject({ text: 'Meins', x: 100, y: 40 })
    expect(undo.canRedo()).toBe(false)
  })

  it('brings a deleted board card back without writing the server’s fields', () => {
    const { mine, other, sent } = pair()
    const undo = createUndo(mine, 'board')
    local(mine, () => addCard(mine, 'a', { text: 'Wieder da', x: 10, y: 20, color: 'green' }))
    // The server stamps the author (a remote change on this screen).
    other.transact(() => {
      const map = notesOf(other).get('a')
      if (map) setCardAuthor(map, { authorId: 'p1', authorName: 'Moderation', authorRole: 'facilitator' })
    })
    expect(card(mine, 'a')?.authorName).toBe('Moderation')
    undo.boundary()
    local(mine, () => deleteCard(mine, 'a'))
    undo.boundary()
    expect(card(other, 'a')).toBeUndefined()

    // What undo sends is checked the way the server checks a facilitator's board update.
    const roomBefore = Y.encodeStateAsUpdate(other)
    sent.length = 0
    undo.undo()
    expect(sent).toHaveLength(1)
    const room = new Y.Doc()
    Y.applyUpdate(room, roomBefore)
    const inspection = inspectUpdate(room, sent[0] as Uint8Array)
    if (!inspection.ok) throw new Error(inspection.error)
    const forged = [...inspection.cardFields].filter((f) => SERVER_CARD_FIELDS.has(f))
    expect(forged).toEqual([])
    expect(card(other, 'a')).toMatchObject({ text: 'Wieder da', x: 10, y: 20, color: 'green' })
    expect(notesOf(other).get('a')?.has('authorId')).toBe(false)

    // Redo deletes it again; undo once more brings it back once more.
    undo.redo()
    expect(card(other, 'a')).toBeUndefined()
    undo.undo()
    expect(card(other, 'a')).toMatchObject({ text: 'Wieder da' })
  })

  it('on a desk, undoes a wish to move someone else’s card back to where it was', () => {
    const { mine, other } = pair()
    const undo = createUndo(mine, 'desk')
    // The first wish starts from where the card is (untracked), as the board model writes it.
    mine.transact(() => movesOf(mine).set('c', { x: 5, y: 5 }))
    local(mine, () => movesOf(mine).set('c', { x: 300, y: 200 }))
    undo.boundary()
    // The server answers on the desk (a remote change): not undone.
    other.getMap('refusals').set('x', 'board-locked')
    undo.undo()
    expect(movesOf(other).get('c')).toEqual({ x: 5, y: 5 })
    expect(mine.getMap('refusals').get('x')).toBe('board-locked')
  })

  it('keeps a slow drag in one step while held, and only the step still newest is undone by the toast', () => {
    const { mine } = pair()
    const undo = createUndo(mine, 'board')
    local(mine, () => addCard(mine, 'a', { text: 'x', x: 0, y: 0, color: 'yellow' }))
    undo.boundary()
    undo.hold(true)
    local(mine, () => moveCard(mine, 'a', 10, 0))
    const step = undo.top()
    local(mine, () => moveCard(mine, 'a', 20, 0))
    undo.hold(false)
    expect(undo.top()).toBe(step)
    local(mine, () => moveCard(mine, 'a', 30, 0))
    expect(undo.undoStep(step)).toBe(false)
    undo.undo()
    expect(card(mine, 'a')?.x).toBe(20)
    expect(undo.undoStep(step)).toBe(true)
    expect(card(mine, 'a')?.x).toBe(0)
  })
})
