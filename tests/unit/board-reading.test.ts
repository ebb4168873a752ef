/**
 * The board's reading order (frame by frame, then top to bottom, left to right; loose cards last),
 * the places the list view gives a card filed into a frame or out of all frames, and the batching
 * of "new card" announcements.
 */
import { describe, expect, it } from 'vitest'
import { createCardAnnouncements, EMPTY_WAIT_MS } from '../../client/src/board/card-announcements.ts'
import { spotInFrame, spotOutsideFrames } from '../../client/src/board/frame-spot.ts'
import { groupByFrame, readingOrder } from '../../client/src/board/reading-order.ts'
import { type Frame, frameOf } from '../../shared/board/frames.ts'
import type { Card } from '../../shared/board/schema.ts'

const card = (id: string, x: number, y: number): Card => ({
  id,
  text: id,
  x,
  y,
  color: 'yellow',
  createdAt: 0,
  authorId: null,
  authorName: null,
  authorRole: null,
  hidden: null,
  editedBy: null,
  editedById: null,
  editedAt: null,
  authorGroup: null,
  enteredBy: null,
  photo: null,
  group: null,
})
const frames: Frame[] = [
  { id: 'top-right', title: 'B', x: 500, y: 0, w: 400, h: 300 },
  { id: 'top-left', title: 'A', x: 0, y: 0, w: 400, h: 300 },
  { id: 'below', title: 'C', x: 0, y: 400, w: 400, h: 300 },
]
// Frames come sorted from the board (readFrames): top to bottom, then left to right.
const sorted = [...frames].sort((a, b) => a.y - b.y || a.x - b.x)

describe('reading order', () => {
  it('goes frame by frame, each top to bottom and left to right, loose cards last', () => {
    const cards = [
      card('loose-b', 300, 900),
      card('b2', 520, 150),
      card('a2', 200, 50),
      card('c1', 10, 450),
      card('loose-a', 900, 800),
      card('a1', 10, 50),
      card('b1', 700, 20),
      card('a3', 10, 150),
    ]
    expect(readingOrder(cards, sorted)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'loose-a', 'loose-b'])
    const groups = groupByFrame(cards, sorted)
    expect(groups.map((g) => [g.frame?.id ?? null, g.cards.length])).toEqual([
      ['top-left', 3],
      ['top-right', 2],
      ['below', 1],
      [null, 2],
    ])
  })

  it('keeps empty frames as groups', () => {
    expect(groupByFrame([], sorted).map((g) => g.cards.length)).toEqual([0, 0, 0, 0])
  })
})

describe('filing a card from the list', () => {
  it('puts it into the chosen frame, on a free place', () => {
    const frame = sorted[0] as Frame
    const first = spotInFrame(frame, [])
    expect(frameOf(first, sorted)?.id).toBe(frame.id)
    const second = spotInFrame(frame, [first])
    expect(frameOf(second, sorted)?.id).toBe(frame.id)
    expect(second).not.toEqual(first)
  })

  it('takes it out of every frame, below them', () => {
    const spot = spotOutsideFrames(sorted, [{ x: 0, y: 740 }])
    expect(frameOf(spot, sorted)).toBeNull()
    expect(spot.y).toBeGreaterThanOrEqual(700)
    expect(spot).not.toEqual({ x: 0, y: 740 })
  })
})

describe('announcing new cards', () => {
  const view = (id: string, text: string, extra: Partial<{ mine: boolean; authorName: string }> = {}) => ({
    id,
    text,
    mine: false,
    pending: false,
    hidden: null,
    authorName: 'Anna',
    ...extra,
  })

  it('says nothing about cards already there, or one’s own', () => {
    const a = createCardAnnouncements()
    a.observe([view('old', 'Schon da')], 0)
    a.observe([view('old', 'Schon da'), view('mine', 'Meine', { mine: true })], 1)
    expect(a.take([view('old', 'Schon da'), view('mine', 'Meine', { mine: true })], 2, true)).toBeNull()
  })

  it('says one batch for many cards, naming the newest, once they have text', () => {
    const a = createCardAnnouncements()
    a.observe([], 0)
    const cards = [view('1', 'Eins'), view('2', ''), view('3', 'Drei', { authorName: 'Jan' })]
    a.observe(cards, 10)
    expect(a.take(cards, 20, true)).toEqual({ count: 2, author: 'Jan', text: 'Drei' })
    expect(a.take(cards, 30, true)).toBeNull()
    const typed = [view('1', 'Eins'), view('2', 'Zwei jetzt'), view('3', 'Drei')]
    expect(a.take(typed, 40, false)).toEqual({ count: 1, author: null, text: 'Zwei jetzt' })
  })

  it('drops a card that stays empty', () => {
    const a = createCardAnnouncements()
    a.observe([], 0)
    a.observe([view('1', '')], 0)
    expect(a.take([view('1', '')], EMPTY_WAIT_MS + 1, true)).toBeNull()
    expect(a.take([view('1', 'Spät')], EMPTY_WAIT_MS + 2, true)).toBeNull()
  })
})
