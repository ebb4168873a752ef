/**
 * Where a new card goes: the free place nearest to a point, so cards written at the same time
 * by several people do not pile up on top of each other. Given the part of the board a screen
 * shows (`within`), a free place inside it comes first; else the nearest free place beside it
 * (the screen then pans to it: a card that opened off-screen is a card its writer types into
 * without seeing it); on a crowded board with none near, the card goes in view anyway, over the
 * others, stepped so new cards do not hide each other exactly.
 */
export const CARD_SIZE = { width: 180, height: 120 }
const GAP = 20
/** Rings searched around the centre without `within` (the server's reveal). */
const RINGS = 12
/** The most rings searched inside `within` (a whole-board zoom holds thousands of cells). */
const MAX_RINGS = 60
/** The step between new cards placed over others when nothing in view is free. */
const CASCADE = 24

/** Where a card's top-left corner may go: the card then lies inside the area. */
export interface SpotBounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function freeSpot(
  center: { x: number; y: number },
  taken: { x: number; y: number }[],
  within?: SpotBounds,
): { x: number; y: number } {
  const stepX = CARD_SIZE.width + GAP
  const stepY = CARD_SIZE.height + GAP
  const bounds = within && within.maxX >= within.minX && within.maxY >= within.minY ? within : null
  // Only cards that could overlap a place inside the bounds matter (a big board has thousands).
  const near = bounds
    ? taken.filter(
        (c) =>
          c.x > bounds.minX - CARD_SIZE.width - GAP &&
          c.x < bounds.maxX + CARD_SIZE.width + GAP &&
          c.y > bounds.minY - CARD_SIZE.height - GAP &&
          c.y < bounds.maxY + CARD_SIZE.height + GAP,
      )
    : taken
  const overlaps = (x: number, y: number) =>
    near.some(
      (c) => Math.abs(c.x - x) < CARD_SIZE.width + GAP / 2 && Math.abs(c.y - y) < CARD_SIZE.height + GAP / 2,
    )
  const inside = (x: number, y: number) =>
    !bounds || (x >= bounds.minX && x <= bounds.maxX && y >= bounds.minY && y <= bounds.maxY)
  // Everyone's board opens at the origin: from a centre right or below it (a phone's narrow view,
  // an assistant entering a batch of paper cards), a place left or above it would land off the
  // facilitator's and the projector's screen, so none is taken there, unless the view shows
  // nothing else.
  let minX = Math.min(0, Math.round(center.x))
  let minY = Math.min(0, Math.round(center.y))
  if (bounds && bounds.maxX < minX) minX = bounds.minX
  if (bounds && bounds.maxY < minY) minY = bounds.minY
  const rings = bounds
    ? Math.min(
        MAX_RINGS,
        Math.ceil(Math.max((bounds.maxX - bounds.minX) / stepX, (bounds.maxY - bounds.minY) / stepY)) + 1,
      )
    : RINGS
  // Rings of grid cells around the centre, nearest first.
  const search = (count: number, fits: (x: number, y: number) => boolean, free: typeof overlaps) => {
    for (let ring = 0; ring < count; ring++) {
      for (let dy = -ring; dy <= ring; dy++) {
        for (let dx = -ring; dx <= ring; dx++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue
          const x = Math.round(center.x + dx * stepX)
          const y = Math.round(center.y + dy * stepY)
          if (x >= minX && y >= minY && fits(x, y) && !free(x, y)) return { x, y }
        }
      }
    }
    return null
  }
  const inView = search(rings, inside, overlaps)
  if (inView) return inView
  if (!bounds) return { x: Math.round(center.x), y: Math.round(center.y) }
  const overlapsAny = (x: number, y: number) =>
    taken.some(
      (c) => Math.abs(c.x - x) < CARD_SIZE.width + GAP / 2 && Math.abs(c.y - y) < CARD_SIZE.height + GAP / 2,
    )
  return search(RINGS, () => true, overlapsAny) ?? crowdedSpot(center, near, bounds)
}

/** Nothing free in view: the centre (kept inside), stepped past cards placed exactly there. */
function crowdedSpot(
  center: { x: number; y: number },
  near: { x: number; y: number }[],
  bounds: SpotBounds,
): { x: number; y: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)))
  const at = new Set(near.map((c) => `${Math.round(c.x)},${Math.round(c.y)}`))
  let x = clamp(center.x, bounds.minX, bounds.maxX)
  let y = clamp(center.y, bounds.minY, bounds.maxY)
  for (let step = 0; step < 40 && at.has(`${x},${y}`); step++) {
    x = clamp(x + CASCADE, bounds.minX, bounds.maxX)
    y = clamp(y + CASCADE, bounds.minY, bounds.maxY)
  }
  return { x, y }
}
