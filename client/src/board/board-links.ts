/**
 * The client's side of frames and connectors: the board's connectors as a signal (one per board,
 * shared by the canvas layer and every card's connection list), the frame being titled in place,
 * the line being drawn from a card's connect handle, and a new frame placed where there is room.
 */
import { type Accessor, createSignal } from 'solid-js'
import type * as Y from 'yjs'
import { type Connector, readConnectors } from '../../../shared/board/connectors.ts'
import { placeFrame } from '../../../shared/board/frame-placement.ts'
import { DEFAULT_FRAME_SIZE, readFrames, setFrame } from '../../../shared/board/frames.ts'
import { readCards } from '../../../shared/board/schema.ts'
import type { Viewport } from './viewport.ts'

const cache = new WeakMap<Y.Doc, Accessor<Connector[]>>()

/** The board's connectors, re-read on each board update (they are few). */
export function boardConnectors(board: Y.Doc): Accessor<Connector[]> {
  const known = cache.get(board)
  if (known) return known
  const [connectors, setConnectors] = createSignal<Connector[]>(readConnectors(board), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  board.on('update', () => setConnectors(readConnectors(board)))
  cache.set(board, connectors)
  return connectors
}

/** The frame whose title is being typed in place (a new frame, or "Umbenennen"). */
export const [titlingFrame, setTitlingFrame] = createSignal<string | null>(null)

/** A connector being drawn by pointer: from a card, to a point of the canvas. */
export const [drawingLink, setDrawingLink] = createSignal<{ from: string; x: number; y: number } | null>(null)

/**
 * Adds a frame where there is room (next to the frames, or the cards, already there: never over
 * them, so its title bar is not covered) and brings it into view. Answers its id.
 */
export function addFrameWithRoom(
  board: Y.Doc,
  title: string,
  viewport: Viewport,
  screen: { width: number; height: number },
): string {
  const spot = placeFrame(DEFAULT_FRAME_SIZE, readFrames(board), readCards(board))
  const id = `frame-${crypto.getRandomValues(new Uint32Array(2)).join('')}`
  setFrame(board, { id, title, x: spot.x, y: spot.y, ...DEFAULT_FRAME_SIZE })
  const v = viewport.view()
  const left = spot.x * v.scale + v.x
  const top = spot.y * v.scale + v.y
  const fits =
    left >= 0 &&
    top >= 0 &&
    left + DEFAULT_FRAME_SIZE.w * v.scale <= screen.width &&
    top + DEFAULT_FRAME_SIZE.h * v.scale <= screen.height
  if (!fits) {
    // Fit the frame's width in view where the screen is narrow (a tablet), never zooming in.
    const scale = Math.min(v.scale, Math.max(0.2, (screen.width - 40) / DEFAULT_FRAME_SIZE.w))
    viewport.centreOn(
      spot.x + DEFAULT_FRAME_SIZE.w / 2,
      spot.y + DEFAULT_FRAME_SIZE.h / 2,
      scale,
      screen.width,
      screen.height,
    )
  }
  return id
}
