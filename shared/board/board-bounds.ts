/**
 * The rectangle that holds every card and frame of a board, in canvas coordinates: what "zoom to
 * fit" shows and what the lowest zoom must still be able to show.
 */
import { CARD_SIZE } from './free-spot.ts'

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function boardBounds(
  cards: readonly { x: number; y: number }[],
  frames: readonly { x: number; y: number; w: number; h: number }[] = [],
): Bounds | null {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  const take = (x: number, y: number, w: number, h: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x + w)
    maxY = Math.max(maxY, y + h)
  }
  for (const card of cards) take(card.x, card.y, CARD_SIZE.width, CARD_SIZE.height)
  for (const frame of frames) take(frame.x, frame.y, frame.w, frame.h)
  return Number.isFinite(minX) ? { minX, minY, maxX, maxY } : null
}
