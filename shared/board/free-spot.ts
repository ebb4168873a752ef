/**
 * Where a new card goes: the free place nearest to a point, so cards written at the same time
 * by several people do not pile up on top of each other.
 */
export const CARD_SIZE = { width: 180, height: 120 }
const GAP = 20

export function freeSpot(
  center: { x: number; y: number },
  taken: { x: number; y: number }[],
): { x: number; y: number } {
  const stepX = CARD_SIZE.width + GAP
  const stepY = CARD_SIZE.height + GAP
  const overlaps = (x: number, y: number) =>
    taken.some(
      (c) => Math.abs(c.x - x) < CARD_SIZE.width + GAP / 2 && Math.abs(c.y - y) < CARD_SIZE.height + GAP / 2,
    )
  // Everyone's board opens at the origin: from a centre right or below it (a phone's narrow view,
  // an assistant entering a batch of paper cards), a place left or above it would land off the
  // facilitator's and the projector's screen, so none is taken there.
  const minX = Math.min(0, Math.round(center.x))
  const minY = Math.min(0, Math.round(center.y))
  // Rings of grid cells around the centre, nearest first.
  for (let ring = 0; ring < 12; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue
        const x = Math.round(center.x + dx * stepX)
        const y = Math.round(center.y + dy * stepY)
        if (x >= minX && y >= minY && !overlaps(x, y)) return { x, y }
      }
    }
  }
  return { x: Math.round(center.x), y: Math.round(center.y) }
}
