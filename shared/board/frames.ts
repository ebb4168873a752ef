/**
 * Frames: titled areas of the board (the tables of a World Café, the themes of a clustering).
 * Facilitators draw them; a card belongs to the frame its top-left corner lies in, so moving a
 * card into a frame is how people cluster.
 */
import * as Y from 'yjs'
import type { Card } from './schema.ts'

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

export function moveFrame(board: Y.Doc, id: string, x: number, y: number): void {
  const map = framesOf(board).get(id)
  if (!map) return
  board.transact(() => {
    map.set('x', Math.round(x))
    map.set('y', Math.round(y))
  })
}

export function deleteFrame(board: Y.Doc, id: string): void {
  framesOf(board).delete(id)
}

/** The frame a card belongs to: the first that holds its top-left corner. */
export function frameOf(card: Pick<Card, 'x' | 'y'>, frames: Frame[]): Frame | null {
  return (
    frames.find((f) => card.x >= f.x && card.x < f.x + f.w && card.y >= f.y && card.y < f.y + f.h) ?? null
  )
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
