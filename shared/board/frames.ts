/**
 * Frames: titled areas of the board (the tables of a World Café, the themes of a clustering).
 * Facilitators draw, move and resize them. A frame owns its cards: a card dropped in a frame
 * records it (the card's `frameId`), and moving a frame moves the cards it owns. `frameOf` is
 * the one answer to "which frame is this card in", for the canvas, the list view, the minutes and
 * the snapshot diff alike; on older boards without records it falls back to where the card lies.
 */
import * as Y from 'yjs'
import { type Card, type CardMap, FIELD, LIMITS, notesOf } from './schema.ts'

export const ROOT_FRAMES = 'frames'
export const DEFAULT_FRAME_SIZE = { w: 440, h: 320 }

export interface Frame {
  id: string
  title: string
  x: number
  y: number
  w: number
  h: number
}

export function framesOf(board: Y.Doc): Y.Map<Y.Map<unknown>> {
  return board.getMap<Y.Map<unknown>>(ROOT_FRAMES)
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

export function readFrames(board: Y.Doc): Frame[] {
  const frames: Frame[] = []
  framesOf(board).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const title = map.get('title')
    frames.push({
      id,
      title: typeof title === 'string' ? title.slice(0, 120) : '',
      x: num(map.get('x'), 0),
      y: num(map.get('y'), 0),
      w: Math.max(120, num(map.get('w'), DEFAULT_FRAME_SIZE.w)),
      h: Math.max(80, num(map.get('h'), DEFAULT_FRAME_SIZE.h)),
    })
  })
  return frames.sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
}

export function setFrame(board: Y.Doc, frame: Frame): void {
  board.transact(() => {
    const existing = framesOf(board).get(frame.id)
    const map = existing ?? new Y.Map<unknown>()
    if (!existing) framesOf(board).set(frame.id, map)
    map.set('title', frame.title.slice(0, 120))
    map.set('x', Math.round(frame.x))
    map.set('y', Math.round(frame.y))
    map.set('w', Math.round(frame.w))
    map.set('h', Math.round(frame.h))
  })
}

/** Smallest frame a resize leaves (readFrames enforces it for any writer). */
export const MIN_FRAME_SIZE = { w: 120, h: 80 }

const clamp = (value: number) => Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, Math.round(value)))

/**
 * Moves a frame and the cards it owns, in one transaction, so nobody (and no snapshot) sees the
 * cards left behind. Membership is recorded first on every card not yet recorded (older boards,
 * cards placed without a drop): the cards in a frame stay its own, and a frame moved or resized
 * over other cards does not take them along; only a drop puts a card into a frame.
 */
export function moveFrame(board: Y.Doc, id: string, x: number, y: number): void {
  const map = framesOf(board).get(id)
  const frames = readFrames(board)
  const frame = frames.find((f) => f.id === id)
  if (!map || !frame) return
  const dx = Math.round(x) - frame.x
  const dy = Math.round(y) - frame.y
  board.transact(() => {
    for (const card of recordMembership(board, frames)) {
      if (card.get(FIELD.frameId) !== id || (dx === 0 && dy === 0)) continue
      card.set(FIELD.x, clamp((card.get(FIELD.x) as number) + dx))
      card.set(FIELD.y, clamp((card.get(FIELD.y) as number) + dy))
    }
    map.set('x', Math.round(x))
    map.set('y', Math.round(y))
  })
}

/** Resizes a frame; its cards stay its own and it takes no other (membership recorded first). */
export function resizeFrame(board: Y.Doc, id: string, w: number, h: number): void {
  const map = framesOf(board).get(id)
  if (!map) return
  board.transact(() => {
    recordMembership(board, readFrames(board))
    map.set('w', Math.max(MIN_FRAME_SIZE.w, Math.min(LIMITS.coordinate, Math.round(w))))
    map.set('h', Math.max(MIN_FRAME_SIZE.h, Math.min(LIMITS.coordinate, Math.round(h))))
  })
}

/**
 * Records on every card what `frameOf` says now (an id, or null for none) where that is not
 * recorded yet, or the recorded frame is gone; answers every card's map.
 */
function recordMembership(board: Y.Doc, frames: Frame[]): CardMap[] {
  const maps: CardMap[] = []
  const ids = new Set(frames.map((f) => f.id))
  notesOf(board).forEach((map) => {
    if (!(map instanceof Y.Map)) return
    maps.push(map)
    const recorded = map.get(FIELD.frameId)
    if (map.has(FIELD.frameId) && (recorded === null || ids.has(recorded as string))) return
    const x = map.get(FIELD.x)
    const y = map.get(FIELD.y)
    const at = typeof x === 'number' && typeof y === 'number' ? frameAt({ x, y }, frames) : null
    map.set(FIELD.frameId, at?.id ?? null)
  })
  return maps
}

/** Removes a frame; its cards are recorded as in no frame (they stay where they are). */
export function deleteFrame(board: Y.Doc, id: string): void {
  board.transact(() => {
    notesOf(board).forEach((map) => {
      if (map instanceof Y.Map && map.get(FIELD.frameId) === id) map.set(FIELD.frameId, null)
    })
    framesOf(board).delete(id)
  })
}

/** Records a card's frame (null: none); writes only what differs. */
export function setCardFrame(doc: Y.Doc, cardId: string, frameId: string | null): void {
  const map = notesOf(doc).get(cardId)
  if (!(map instanceof Y.Map)) return
  if (!map.has(FIELD.frameId) || map.get(FIELD.frameId) !== frameId) map.set(FIELD.frameId, frameId)
}

/** The frame whose area holds a point (a card's top-left corner): the first in reading order. */
export function frameAt(point: { x: number; y: number }, frames: readonly Frame[]): Frame | null {
  return (
    frames.find((f) => point.x >= f.x && point.x < f.x + f.w && point.y >= f.y && point.y < f.y + f.h) ?? null
  )
}

/**
 * The frame a card belongs to: the one recorded on the card (if that frame still exists; a
 * recorded null means none), else, for a card never recorded (older boards), the frame its
 * top-left corner lies in. Everyone asks this function, so the canvas, the list view, the minutes
 * and the snapshot diff agree.
 */
export function frameOf(card: Pick<Card, 'x' | 'y' | 'frameId'>, frames: readonly Frame[]): Frame | null {
  if (card.frameId === null) return null
  if (typeof card.frameId === 'string') {
    const recorded = frames.find((f) => f.id === card.frameId)
    if (recorded) return recorded
  }
  return frameAt(card, frames)
}

/**
 * What a card dropped at (x, y) records: the frame it lands in, or null for none. The drop
 * decides, not the earlier record: dropped inside a frame it joins it, outside it leaves it.
 */
export function frameIdAt(point: { x: number; y: number }, frames: readonly Frame[]): string | null {
  return frameAt(point, frames)?.id ?? null
}

/** Frames laid out in a row, for templates that start with tables. */
export function frameRow(titles: string[], origin = { x: 0, y: 0 }): Frame[] {
  return titles.map((title, i) => ({
    id: `frame-${i + 1}`,
    title,
    x: origin.x + i * (DEFAULT_FRAME_SIZE.w + 40),
    y: origin.y,
    ...DEFAULT_FRAME_SIZE,
  }))
}
