/** Where a new card goes: the nearest free place, never left of or above the board's origin
 * when the writer looks at the part of the board everyone opens on. */
import { describe, expect, it } from 'vitest'
import { CARD_SIZE, freeSpot } from '../../shared/board/free-spot.ts'

describe('freeSpot', () => {
  it('takes the centre when it is free', () => {
    expect(freeSpot({ x: 105, y: 300 }, [])).toEqual({ x: 105, y: 300 })
  })

  it('places a batch from a phone’s narrow view right of and below the origin', () => {
    const taken: { x: number; y: number }[] = []
    for (let i = 0; i < 8; i++) taken.push(freeSpot({ x: 105, y: 40 }, taken))
    for (const spot of taken) {
      expect(spot.x).toBeGreaterThanOrEqual(0)
      expect(spot.y).toBeGreaterThanOrEqual(0)
    }
    // Still apart from each other.
    for (const [i, a] of taken.entries())
      for (const b of taken.slice(i + 1))
        expect(Math.abs(a.x - b.x) >= CARD_SIZE.width || Math.abs(a.y - b.y) >= CARD_SIZE.height).toBe(true)
  })

  it('keeps to the writer’s own place when they look at the board left of or above the origin', () => {
    const spot = freeSpot({ x: -800, y: -600 }, [{ x: -800, y: -600 }])
    expect(spot.x).toBeLessThan(0)
    expect(spot.y).toBeLessThan(0)
  })
})
