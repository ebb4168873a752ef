/**
 * Pan and zoom of the infinite canvas: screen ↔ canvas coordinates, zoom around a point or the
 * view's centre, zoom to fit the whole board. The lowest zoom follows the board: 20 %, or lower
 * (down to 2 %) when the board is too big to show whole at 20 %.
 */
import { createSignal } from 'solid-js'
import type { Bounds } from '../../../shared/board/board-bounds.ts'

export interface View {
  x: number
  y: number
  scale: number
}

export interface Size {
  width: number
  height: number
}

export const MIN_SCALE = 0.2
/** However big the board, zooming out stops here. */
export const FLOOR_SCALE = 0.02
export const MAX_SCALE = 3
/** Screen pixels kept free around the board when it is fitted into view. */
export const FIT_PADDING = 24

/** Zooms `view` by `factor` keeping the canvas point under (sx, sy) in place, within [min, max]. */
export function zoomView(view: View, factor: number, sx: number, sy: number, min = MIN_SCALE): View {
  const scale = Math.min(MAX_SCALE, Math.max(min, view.scale * factor))
  const k = scale / view.scale
  return { scale, x: sx - (sx - view.x) * k, y: sy - (sy - view.y) * k }
}

/**
 * The view that shows all of `bounds` centred in a screen of `size` (never above 100 %), with
 * `padding` free around it and `top` free above it (where tools float over the canvas).
 */
export function fitView(bounds: Bounds, size: Size, padding = FIT_PADDING, top = padding): View {
  const w = Math.max(1, bounds.maxX - bounds.minX)
  const h = Math.max(1, bounds.maxY - bounds.minY)
  const room = {
    width: Math.max(1, size.width - 2 * padding),
    height: Math.max(1, size.height - top - padding),
  }
  const scale = Math.max(FLOOR_SCALE, Math.min(1, room.width / w, room.height / h))
  const cx = (bounds.minX + bounds.maxX) / 2
  const cy = (bounds.minY + bounds.maxY) / 2
  return { scale, x: size.width / 2 - cx * scale, y: top + room.height / 2 - cy * scale }
}

/** The lowest zoom for a board: low enough to show it whole, never under FLOOR_SCALE. */
export function minScaleFor(bounds: Bounds | null, size: Size): number {
  if (!bounds) return MIN_SCALE
  return Math.min(MIN_SCALE, fitView(bounds, size).scale)
}

export interface ViewportOptions {
  /** The canvas's size on screen (for the view's centre and zoom to fit). */
  size?: () => Size
  /** Everything on the board (for zoom to fit and the lowest zoom). */
  bounds?: () => Bounds | null
}

export function createViewport(options: ViewportOptions = {}) {
  const [view, setView] = createSignal<View>({ x: 40, y: 40, scale: 1 })
  const size = () => options.size?.() ?? { width: 800, height: 600 }
  const minScale = () => minScaleFor(options.bounds?.() ?? null, size())

  const toCanvas = (screenX: number, screenY: number) => {
    const v = view()
    return { x: (screenX - v.x) / v.scale, y: (screenY - v.y) / v.scale }
  }

  /** Zooms by `factor` keeping the canvas point under (sx, sy) in place. */
  const zoomAt = (factor: number, sx: number, sy: number) =>
    setView((v) => zoomView(v, factor, sx, sy, minScale()))
  /** Zooms by `factor` around the centre of the view (the zoom buttons). */
  const zoomBy = (factor: number) => {
    const { width, height } = size()
    zoomAt(factor, width / 2, height / 2)
  }
  /** Shows every card and frame (`top`: px kept free above them); false when the board is empty. */
  const fit = (top?: number) => {
    const bounds = options.bounds?.()
    if (!bounds) return false
    setView(fitView(bounds, size(), FIT_PADDING, top))
    return true
  }

  const panBy = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }))
  /** Shows canvas point (cx, cy) at the centre of a screen of the given size, at `scale`. */
  const centreOn = (cx: number, cy: number, scale: number, width: number, height: number) =>
    setView({ scale, x: width / 2 - cx * scale, y: height / 2 - cy * scale })
  const reset = () => setView({ x: 40, y: 40, scale: 1 })

  return { view, size, toCanvas, zoomAt, zoomBy, fit, panBy, reset, centreOn }
}

export type Viewport = ReturnType<typeof createViewport>
