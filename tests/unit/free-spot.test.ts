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

  it('keeps a new card inside the view it is given, also left of and above the origin', () => {
    const within = { minX: -900, minY: -700, maxX: -500, maxY: -400 }
    const taken: { x: number; y: number }[] = []
    for (let i = 0; i < 4; i++) taken.push(freeSpot({ x: -700, y: -550 }, taken, within))
    for (const spot of taken.slice(0, 2)) {
      expect(spot.x).toBeGreaterThanOrEqual(within.minX)
      expect(spot.x).toBeLessThanOrEqual(within.maxX)
      expect(spot.y).toBeGreaterThanOrEqual(within.minY)
      expect(spot.y).toBeLessThanOrEqual(within.maxY)
    }
  })

  it('finds a free place beside a narrow view when the view has none', () => {
    const within = { minX: 0, minY: 0, maxX: 10, maxY: 10 }
    const spot = freeSpot({ x: 5, y: 5 }, [{ x: 5, y: 5 }], within)
    expect(Math.abs(spot.x - 5) >= CARD_SIZE.width || Math.abs(spot.y - 5) >= CARD_SIZE.height).toBe(true)
  })

  it('places a card in view on a crowded board, stepped past cards exactly there', () => {
    // A grid far denser than a card: no free place anywhere near.
    const taken: { x: number; y: number }[] = []
    for (let i = 0; i < 2000; i++)
      taken.push({ x: -1000 + (i % 50) * 120, y: -800 + Math.floor(i / 50) * 90 })
    const within = { minX: -300, minY: -200, maxX: 600, maxY: 300 }
    const first = freeSpot({ x: 200, y: 100 }, taken, within)
    const second = freeSpot({ x: 200, y: 100 }, [...taken, first], within)
    for (const spot of [first, second]) {
      expect(spot.x).toBeGreaterThanOrEqual(within.minX)
      expect(spot.x).toBeLessThanOrEqual(within.maxX)
      expect(spot.y).toBeGreaterThanOrEqual(within.minY)
      expect(spot.y).toBeLessThanOrEqual(within.maxY)
    }
    expect(second).not.toEqual(first)
  })
})
