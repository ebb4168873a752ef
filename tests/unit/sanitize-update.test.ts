/** The scratch-document check every incoming update passes before it touches a room. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isNoOpFor, sanitizeUpdate } from '../../server/sync/sanitize-update.ts'
import { addCard } from '../../shared/board/card-ops.ts'

function update(build: (doc: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc()
  build(doc)
  return { doc, update: Y.encodeStateAsUpdate(doc) }
}

describe('sanitizeUpdate', () => {
  it('accepts a valid update and re-encodes it to the same content', () => {
    const { update: u } = update((d) => addCard(d, 'a', { text: 'Hallo', x: 1, y: 2, color: 'blue' }))
    const result = sanitizeUpdate(u)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const doc = new Y.Doc()
    Y.applyUpdate(doc, result.update)
    expect(doc.getMap('notes').get('a')).toBeInstanceOf(Y.Map)
  })

  it('rejects garbage and truncated updates', () => {
    const { update: u } = update((d) => addCard(d, 'a', { text: 'Hallo', x: 1, y: 2, color: 'blue' }))
    const samples = [
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      u.slice(0, u.length - 3),
      new Uint8Array([0xff, 0xff, 0xff]),
    ]
    for (const sample of samples) expect(sanitizeUpdate(sample).ok).toBe(false)
  })

  it('survives a run of random mutations of a valid update without throwing', () => {
    const { update: u } = update((d) => addCard(d, 'a', { text: 'Hallo Welt', x: 1, y: 2, color: 'blue' }))
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    let rejected = 0
    for (let i = 0; i < 2000; i++) {
      const mutated = u.slice()
      for (let k = 0; k < 3; k++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256)
      const result = sanitizeUpdate(mutated)
      if (!result.ok) {
        rejected++
        continue
      }
      // Whatever passes must apply to a fresh document that can still be encoded.
      const doc = new Y.Doc()
      Y.applyUpdate(doc, result.update)
      expect(() => Y.encodeStateAsUpdate(doc)).not.toThrow()
    }
    expect(rejected).toBeGreaterThan(0)
  })
})

describe('isNoOpFor', () => {
  it('tells an echo of known state from a real write', () => {
    const { doc, update: u } = update((d) => addCard(d, 'a', { text: 'x', x: 0, y: 0, color: 'yellow' }))
    expect(isNoOpFor(doc, u)).toBe(true)
    expect(isNoOpFor(doc, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true)
    const other = new Y.Doc()
    Y.applyUpdate(other, u)
    addCard(other, 'b', { text: 'y', x: 0, y: 0, color: 'yellow' })
    expect(isNoOpFor(doc, Y.encodeStateAsUpdate(other))).toBe(false)
    const deleting = new Y.Doc()
    Y.applyUpdate(deleting, u)
    deleting.getMap('notes').delete('a')
    expect(isNoOpFor(doc, Y.encodeStateAsUpdate(deleting))).toBe(false)
  })
})
