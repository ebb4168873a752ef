/** The edit record the server writes on a card someone else wrote: last editor, time to the minute. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, EDIT_RECORD_REFRESH_MS, recordCardEdit } from '../../shared/board/card-ops.ts'
import { notesOf, readCard } from '../../shared/board/schema.ts'

function card(): Y.Map<unknown> {
  const doc = new Y.Doc()
  addCard(doc, 'a', { text: 'Text', x: 0, y: 0, color: 'yellow' })
  const map = notesOf(doc).get('a')
  if (!map) throw new Error('no card')
  return map
}

describe('recordCardEdit', () => {
  it('names the last editor and keeps one editor’s time while they type on', () => {
    const map = card()
    expect(readCard('a', map)).toMatchObject({ editedBy: null, editedById: null, editedAt: null })
    let writes = 0
    map.observe((event) => {
      writes += event.keysChanged.size
    })
    recordCardEdit(map, { editedBy: 'Mod', editedById: 'p1' }, 1000)
    expect(readCard('a', map)).toMatchObject({ editedBy: 'Mod', editedById: 'p1', editedAt: 1000 })
    const afterFirst = writes
    // Keystrokes within the minute rewrite nothing.
    for (let t = 1001; t < 1000 + EDIT_RECORD_REFRESH_MS; t += 5000)
      recordCardEdit(map, { editedBy: 'Mod', editedById: 'p1' }, t)
    expect(writes).toBe(afterFirst)
    recordCardEdit(map, { editedBy: 'Mod', editedById: 'p1' }, 1000 + EDIT_RECORD_REFRESH_MS)
    expect(readCard('a', map).editedAt).toBe(1000 + EDIT_RECORD_REFRESH_MS)
    // Another editor at once.
    recordCardEdit(map, { editedBy: 'Co', editedById: 'p2' }, 1000 + EDIT_RECORD_REFRESH_MS + 1)
    expect(readCard('a', map)).toMatchObject({
      editedBy: 'Co',
      editedById: 'p2',
      editedAt: 1000 + EDIT_RECORD_REFRESH_MS + 1,
    })
  })
})
