/**
 * Where a card goes when it is put into a frame (or taken out of all frames) without a pointer,
 * from the list view's "Rahmen" choice: the first free place of a grid under the frame's title,
 * or the first free place below every frame. The top-left corner always lies where `frameOf`
 * will find it.
 */
import { type Frame, frameOf } from '../../../shared/board/frames.ts'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'

const GAP = 20
const PADDING = 20
/** Room for the frame's title above the first row of cards. */
const HEADER = 48

type Spot = { x: number; y: number }

const overlaps = (spot: Spot, taken: readonly Spot[]) =>
  taken.some(
    (c) =>
      Math.abs(c.x - spot.x) < CARD_SIZE.width + GAP / 2 &&
      Math.abs(c.y - spot.y) < CARD_SIZE.height + GAP / 2,
  )

/** A free place inside `frame`; when it is full, its first slot (a card may overlap another). */
export function spotInFrame(frame: Frame, taken: readonly Spot[]): Spot {
  const first = { x: Math.round(frame.x + PADDING), y: Math.round(frame.y + HEADER) }
  for (let y = first.y; y < frame.y + frame.h; y += CARD_SIZE.height + GAP) {
    for (let x = first.x; x < frame.x + frame.w; x += CARD_SIZE.width + GAP) {
      if (!overlaps({ x, y }, taken)) return { x, y }
    }
  }
  return first
}

/** A free place in no frame: below all frames, left-aligned with them. */
export function spotOutsideFrames(frames: readonly Frame[], taken: readonly Spot[]): Spot {
  if (frames.length === 0) return { x: 0, y: 0 }
  const left = Math.round(Math.min(...frames.map((f) => f.x)))
  const top = Math.round(Math.max(...frames.map((f) => f.y + f.h)) + 2 * GAP)
  for (let row = 0; row < 200; row++) {
    for (let col = 0; col < 8; col++) {
      const spot = { x: left + col * (CARD_SIZE.width + GAP), y: top + row * (CARD_SIZE.height + GAP) }
      if (!overlaps(spot, taken) && frameOf(spot, [...frames]) === null) return spot
    }
  }
  return { x: left, y: top }
}
