/**
 * Frames own their cards (the recorded `frameId`, `frameOf`, moving and resizing frames) and
 * connectors (add, read, delete): the shared operations every screen and the minutes use.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, deleteCard, moveCard } from '../../shared/board/card-ops.ts'
import { addConnector, connectorsAt, deleteConnector, readConnectors } from '../../shared/board/connectors.ts'
import {
  deleteFrame,
  type Frame,
  frameIdAt,
  frameOf,
  moveFrame,
  readFrames,
  resizeFrame,
  setCardFrame,
  setFrame,
} from '../../shared/board/frames.ts'
import { FIELD, notesOf, readCards } from '../../shared/board/schema.ts'
import { validateDeskCard } from '../../shared/board/validate-card.ts'
import { buildMinutesData } from '../../shared/minutes/minutes-data.ts'
import { outlineMinutes } from '../../shared/minutes/minutes-outline.ts'
import { renderMinutes } from '../../shared/minutes/render-minutes.ts'
import {
  BOARD_WRITABLE_ROOTS,
  DESK_CARD_FIELDS,
  SERVER_CARD_FIELDS,
} from '../../shared/policy/board-registry.ts'

const frame = (id: string, x: number, y: number, title = id): Frame => ({ id, title, x, y, w: 400, h: 300 })

function board(): Y.Doc {
  const doc = new Y.Doc()
  setFrame(doc, frame('a', 0, 0, 'Verkehr'))
  setFrame(doc, frame('b', 600, 0, 'Grün'))
  addCard(doc, 'in-a', { text: 'Radweg', x: 20, y: 60, color: 'yellow' }, 1)
  addCard(doc, 'in-b', { text: 'Park', x: 620, y: 60, color: 'green' }, 2)
  addCard(doc, 'out', { text: 'Sonst', x: 20, y: 500, color: 'blue' }, 3)
  return doc
}
const card = (doc: Y.Doc, id: string) => readCards(doc).find((c) => c.id === id)
const titleOf = (doc: Y.Doc, id: string) => frameOf(card(doc, id) as never, readFrames(doc))?.title ?? null

describe('frameOf', () => {
  it('falls back to geometry for a card never recorded (older boards)', () => {
    const doc = board()
    expect(card(doc, 'in-a')?.frameId).toBeUndefined()
    expect(titleOf(doc, 'in-a')).toBe('Verkehr')
    expect(titleOf(doc, 'out')).toBeNull()
  })

  it('prefers the recorded frame, and a recorded none, over where the card lies', () => {
    const doc = board()
    setCardFrame(doc, 'out', 'b')
    setCardFrame(doc, 'in-a', null)
    expect(titleOf(doc, 'out')).toBe('Grün')
    expect(titleOf(doc, 'in-a')).toBeNull()
  })

  it('falls back to geometry when the recorded frame is gone', () => {
    const doc = board()
    setCardFrame(doc, 'in-a', 'gone')
    expect(titleOf(doc, 'in-a')).toBe('Verkehr')
  })

  it('tells where a drop lands', () => {
    const frames = readFrames(board())
    expect(frameIdAt({ x: 610, y: 10 }, frames)).toBe('b')
    expect(frameIdAt({ x: 500, y: 10 }, frames)).toBeNull()
  })
})

describe('frames own their cards', () => {
  it('moving a frame moves its cards in one transaction and records them', () => {
    const doc = board()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    moveFrame(doc, 'a', 100, 900)
    expect(transactions).toBe(1)
    expect(card(doc, 'in-a')).toMatchObject({ x: 120, y: 960, frameId: 'a' })
    expect(card(doc, 'in-b')).toMatchObject({ x: 620, y: 60 })
    expect(card(doc, 'out')).toMatchObject({ x: 20, y: 500 })
    expect(titleOf(doc, 'in-a')).toBe('Verkehr')
    // The frame passed over "out": it does not take it along.
    moveFrame(doc, 'a', 0, 0)
    expect(card(doc, 'out')).toMatchObject({ x: 20, y: 500 })
    expect(card(doc, 'in-a')).toMatchObject({ x: 20, y: 60 })
  })

  it('a frame dragged step by step over another card does not take it along', () => {
    const doc = board()
    for (let y = 20; y <= 600; y += 20) moveFrame(doc, 'a', 0, y)
    expect(card(doc, 'out')).toMatchObject({ x: 20, y: 500, frameId: null })
    expect(card(doc, 'in-a')).toMatchObject({ x: 20, y: 660, frameId: 'a' })
    resizeFrame(doc, 'b', 2000, 2000)
    expect(titleOf(doc, 'out')).toBeNull()
  })

  it('a card recorded in a frame travels with it even where it lies outside', () => {
    const doc = board()
    setCardFrame(doc, 'out', 'a')
    moveFrame(doc, 'a', 50, 50)
    expect(card(doc, 'out')).toMatchObject({ x: 70, y: 550 })
  })

  it('the minutes keep the grouping when a frame moves over other cards', () => {
    const doc = board()
    const grouping = () =>
      // Which cards each frame holds (frames are listed in reading order, which a move changes).
      Object.fromEntries(
        buildMinutesData(doc, minutesMeta()).sections.flatMap((s) =>
          s.frames.map((f) => [f.title ?? '-', f.cards.map((c) => c.id)]),
        ),
      )
    const before = grouping()
    moveFrame(doc, 'a', 600, 400)
    moveFrame(doc, 'b', 0, 0)
    expect(grouping()).toEqual(before)
  })

  it('resizing keeps the frame’s cards and a minimum size', () => {
    const doc = board()
    resizeFrame(doc, 'a', 10, 10)
    expect(readFrames(doc).find((f) => f.id === 'a')).toMatchObject({ w: 120, h: 80 })
    // The card lies outside the smaller frame but stays its own.
    expect(titleOf(doc, 'in-a')).toBe('Verkehr')
    resizeFrame(doc, 'a', 800, 700)
    expect(readFrames(doc).find((f) => f.id === 'a')).toMatchObject({ w: 800, h: 700 })
  })

  it('deleting a frame records its cards as in no frame', () => {
    const doc = board()
    moveFrame(doc, 'a', 0, 0)
    deleteFrame(doc, 'a')
    expect(card(doc, 'in-a')?.frameId).toBeNull()
    setFrame(doc, frame('c', 0, 0))
    expect(titleOf(doc, 'in-a')).toBeNull()
  })

  it('a desk may carry a frame id, nothing else in that field', () => {
    const desk = new Y.Doc()
    addCard(desk, 'c1', { text: 'x', x: 0, y: 0, color: 'yellow' })
    const map = notesOf(desk).get('c1') as Y.Map<unknown>
    map.set(FIELD.frameId, 'frame-1')
    expect(validateDeskCard('c1', map, 'citizen')).toEqual({ ok: true })
    map.set(FIELD.frameId, null)
    expect(validateDeskCard('c1', map, 'citizen')).toEqual({ ok: true })
    map.set(FIELD.frameId, 42)
    expect(validateDeskCard('c1', map, 'citizen')).toEqual({ ok: false, reason: 'bad-frame' })
    map.set(FIELD.frameId, '../x')
    expect(validateDeskCard('c1', map, 'citizen')).toEqual({ ok: false, reason: 'bad-frame' })
    expect(DESK_CARD_FIELDS.has(FIELD.frameId)).toBe(true)
    expect(SERVER_CARD_FIELDS.has(FIELD.frameId)).toBe(false)
  })
})

describe('connectors', () => {
  it('connects cards and frames, refuses doubles, loops and missing ends, deletes', () => {
    const doc = board()
    const first = addConnector(doc, 'in-a', 'in-b', 10)
    expect(first.ok).toBe(true)
    expect(addConnector(doc, 'in-b', 'in-a')).toEqual({ ok: false, reason: 'exists' })
    expect(addConnector(doc, 'in-a', 'in-a')).toEqual({ ok: false, reason: 'same-end' })
    expect(addConnector(doc, 'in-a', 'nope')).toEqual({ ok: false, reason: 'no-end' })
    expect(addConnector(doc, 'out', 'b', 20).ok).toBe(true)
    expect(readConnectors(doc).map((c) => [c.from, c.to])).toEqual([
      ['in-a', 'in-b'],
      ['out', 'b'],
    ])
    expect(connectorsAt(readConnectors(doc), 'in-b')).toHaveLength(1)
    if (first.ok) deleteConnector(doc, first.id)
    expect(readConnectors(doc).map((c) => c.from)).toEqual(['out'])
  })

  it('a connector to a deleted card is not read', () => {
    const doc = board()
    addConnector(doc, 'in-a', 'out')
    deleteCard(doc, 'out')
    expect(readConnectors(doc)).toEqual([])
  })

  it('facilitators write connectors on the board; desks never', () => {
    expect(BOARD_WRITABLE_ROOTS.has('connectors')).toBe(true)
  })

  it('appear in the minutes of every format as “A → B”', () => {
    const doc = board()
    addConnector(doc, 'in-a', 'in-b', 1)
    addConnector(doc, 'out', 'b', 2)
    moveCard(doc, 'out', 20, 520)
    const data = buildMinutesData(doc, minutesMeta())
    expect(data.connections.map((c) => [c.from.text, c.to.text])).toEqual([
      ['Radweg', 'Park'],
      ['Sonst', 'Grün'],
    ])
    const blocks = outlineMinutes(data, 'de').blocks
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Verbindungen (2)')
    expect(at).toBeGreaterThan(0)
    expect(blocks[at + 1]).toMatchObject({
      kind: 'list',
      items: [{ text: 'Radweg → Park' }, { text: 'Sonst → Rahmen „Grün“' }],
    })
    expect(renderMinutes(data, 'md')).toContain('Radweg → Park')
    expect(renderMinutes(data, 'html', 'en')).toContain('Connections (2)')
    expect(JSON.parse(renderMinutes(data, 'json')).connections).toHaveLength(2)
  })
})

function minutesMeta() {
  return {
    workshop: { id: 'w', title: 'W', createdAt: 0, template: null },
    snapshot: { id: 's', label: 'Stand', createdAt: 1000, createdBy: 'M' },
    marks: [],
    people: [],
    attendanceNames: false,
  }
}
