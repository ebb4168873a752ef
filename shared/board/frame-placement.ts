/**
 * A new frame for a cluster of cards: sized to hold them in a grid under its title, and placed
 * where there is room, near the frames already drawn (or the cards, on a board without frames),
 * overlapping no frame and no card that stays where it is. The cards' new places lie inside the
 * frame, so `frameOf` counts them as its cards.
 */
import { DEFAULT_FRAME_SIZE, type Frame } from './frames.ts'
import { CARD_SIZE } from './free-spot.ts'
import { LIMITS } from './schema.ts'

const GAP = 20
const PADDING = 20
/** Room for the frame's title above the first row of cards. */
const HEADER = 48
/** Space kept between the new frame and what is already on the board. */
const MARGIN = 40

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Width and height of a frame holding `count` cards, and each card's offset in it. */
export function frameLayout(count: number): { w: number; h: number; slots: { dx: number; dy: number }[] } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)))
  const rows = Math.max(1, Math.ceil(count / columns))
  const slots = Array.from({ length: count }, (_, i) => ({
    dx: PADDING + (i % columns) * (CARD_SIZE.width + GAP),
    dy: HEADER + Math.floor(i / columns) * (CARD_SIZE.height + GAP),
  }))
  return {
    w: Math.max(DEFAULT_FRAME_SIZE.w, 2 * PADDING + columns * CARD_SIZE.width + (columns - 1) * GAP),
    h: Math.max(DEFAULT_FRAME_SIZE.h, HEADER + PADDING + rows * CARD_SIZE.height + (rows - 1) * GAP),
    slots,
  }
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w + MARGIN && b.x < a.x + a.w + MARGIN && a.y < b.y + b.h + MARGIN && b.y < a.y + a.h + MARGIN

/**
 * The top-left corner for a frame of `size`: the free candidate nearest to the origin (the
 * top-left of the existing frames, else of the staying cards, else 0,0). Candidates are the
 * origin and the places right of and below every obstacle, so frames line up in rows.
 */
export function placeFrame(
  size: { w: number; h: number },
  frames: readonly Frame[],
  stayingCards: readonly { x: number; y: number }[],
): { x: number; y: number } {
  const cards: Rect[] = stayingCards.map((c) => ({ x: c.x, y: c.y, w: CARD_SIZE.width, h: CARD_SIZE.height }))
  const obstacles: Rect[] = [...frames, ...cards]
  const anchor = frames.length > 0 ? frames : cards
  const origin =
    anchor.length > 0
      ? { x: Math.min(...anchor.map((r) => r.x)), y: Math.min(...anchor.map((r) => r.y)) }
      : { x: 0, y: 0 }
  const xs = new Set([origin.x, ...obstacles.map((r) => r.x + r.w + MARGIN)])
  const ys = new Set([origin.y, ...obstacles.map((r) => r.y + r.h + MARGIN)])
  let best: { x: number; y: number } | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (const x of xs) {
    if (x < origin.x) continue
    for (const y of ys) {
      if (y < origin.y) continue
      // Rows first: a frame further right costs less than one further down.
      const distance = Math.max(x - origin.x, 0) + 1.5 * Math.max(y - origin.y, 0)
      if (distance >= bestDistance) continue
      const rect = { x, y, ...size }
      if (obstacles.some((o) => overlaps(rect, o))) continue
      best = { x, y }
      bestDistance = distance
    }
  }
  const spot = best ?? { x: origin.x, y: Math.max(origin.y, ...obstacles.map((r) => r.y + r.h + MARGIN)) }
  const limit = LIMITS.coordinate - Math.max(size.w, size.h)
  return { x: Math.min(limit, Math.round(spot.x)), y: Math.min(limit, Math.round(spot.y)) }
}
