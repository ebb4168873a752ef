/** Zoom math of the canvas: zoom around a point or the view's centre, zoom to fit, the lowest zoom. */
import { describe, expect, it } from 'vitest'
import {
  FIT_PADDING,
  FLOOR_SCALE,
  fitView,
  MIN_SCALE,
  minScaleFor,
  type View,
  zoomView,
} from '../../client/src/board/viewport.ts'
import { boardBounds } from '../../shared/board/board-bounds.ts'
import { CARD_SIZE } from '../../shared/board/free-spot.ts'

const toCanvas = (v: View, sx: number, sy: number) => ({ x: (sx - v.x) / v.scale, y: (sy - v.y) / v.scale })
const toScreen = (v: View, cx: number, cy: number) => ({ x: cx * v.scale + v.x, y: cy * v.scale + v.y })

describe('viewport math', () => {
  it('keeps the canvas point under the view’s centre in place when zooming there', () => {
    const size = { width: 990, height: 700 }
    const view: View = { x: 123, y: -45, scale: 0.8 }
    const centre = toCanvas(view, size.width / 2, size.height / 2)
    for (const factor of [1.2, 1 / 1.2, 3, 0.01]) {
      const next = zoomView(view, factor, size.width / 2, size.height / 2, FLOOR_SCALE)
      const after = toScreen(next, centre.x, centre.y)
      expect(after.x).toBeCloseTo(size.width / 2, 6)
      expect(after.y).toBeCloseTo(size.height / 2, 6)
    }
  })

  it('clamps zoom to the lowest and highest scale', () => {
    expect(zoomView({ x: 0, y: 0, scale: 1 }, 0.001, 0, 0).scale).toBe(MIN_SCALE)
    expect(zoomView({ x: 0, y: 0, scale: 1 }, 0.001, 0, 0, 0.05).scale).toBe(0.05)
    expect(zoomView({ x: 0, y: 0, scale: 1 }, 100, 0, 0).scale).toBe(3)
  })

  it('fits a board spread over 10,000 px into the screen, centred', () => {
    const cards = [
      { x: -5000, y: -3000 },
      { x: 5000, y: 3000 },
      { x: 0, y: 0 },
    ]
    const frames = [{ x: -5200, y: 2000, w: 440, h: 1500 }]
    const bounds = boardBounds(cards, frames)
    expect(bounds).toEqual({ minX: -5200, minY: -3000, maxX: 5000 + CARD_SIZE.width, maxY: 3500 })
    if (!bounds) throw new Error('no bounds')
    const size = { width: 990, height: 700 }
    const view = fitView(bounds, size)
    expect(view.scale).toBeLessThan(MIN_SCALE)
    expect(view.scale).toBeGreaterThanOrEqual(FLOOR_SCALE)
    const topLeft = toScreen(view, bounds.minX, bounds.minY)
    const bottomRight = toScreen(view, bounds.maxX, bounds.maxY)
    for (const p of [topLeft, bottomRight]) {
      expect(p.x).toBeGreaterThanOrEqual(FIT_PADDING - 1e-6)
      expect(p.x).toBeLessThanOrEqual(size.width - FIT_PADDING + 1e-6)
      expect(p.y).toBeGreaterThanOrEqual(FIT_PADDING - 1e-6)
      expect(p.y).toBeLessThanOrEqual(size.height - FIT_PADDING + 1e-6)
    }
    // Centred: the same margin on both sides of the tighter axis, the middle in the middle.
    const middle = toScreen(view, (bounds.minX + bounds.maxX) / 2, (bounds.minY + bounds.maxY) / 2)
    expect(middle.x).toBeCloseTo(size.width / 2, 6)
    expect(middle.y).toBeCloseTo(size.height / 2, 6)
    // The lowest zoom lets the person zoom out that far by hand too.
    expect(minScaleFor(bounds, size)).toBeCloseTo(view.scale, 9)
  })

  it('never zooms a small board in past 100 %, and keeps 20 % as the lowest zoom for it', () => {
    const bounds = boardBounds([{ x: 10, y: 10 }])
    if (!bounds) throw new Error('no bounds')
    expect(fitView(bounds, { width: 990, height: 700 }).scale).toBe(1)
    expect(minScaleFor(bounds, { width: 990, height: 700 })).toBe(MIN_SCALE)
    expect(minScaleFor(null, { width: 990, height: 700 })).toBe(MIN_SCALE)
    expect(boardBounds([], [])).toBeNull()
  })

  it('stops at the floor for a board larger than 2 % can show', () => {
    const bounds = boardBounds([
      { x: -1e6, y: 0 },
      { x: 1e6, y: 0 },
    ])
    if (!bounds) throw new Error('no bounds')
    expect(fitView(bounds, { width: 990, height: 700 }).scale).toBe(FLOOR_SCALE)
  })
})
