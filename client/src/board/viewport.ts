/** Pan and zoom of the infinite canvas: screen ↔ canvas coordinates. */
import { createSignal } from 'solid-js'

export interface View {
  x: number
  y: number
  scale: number
}

export const MIN_SCALE = 0.2
export const MAX_SCALE = 3

export function createViewport() {
  const [view, setView] = createSignal<View>({ x: 40, y: 40, scale: 1 })

  const toCanvas = (screenX: number, screenY: number) => {
    const v = view()
    return { x: (screenX - v.x) / v.scale, y: (screenY - v.y) / v.scale }
  }

  /** Zooms by `factor` keeping the canvas point under (sx, sy) in place. */
  const zoomAt = (factor: number, sx: number, sy: number) => {
    setView((v) => {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor))
      const k = scale / v.scale
      return { scale, x: sx - (sx - v.x) * k, y: sy - (sy - v.y) * k }
    })
  }

  const panBy = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }))
  /** Shows canvas point (cx, cy) at the centre of a screen of the given size, at `scale`. */
  const centreOn = (cx: number, cy: number, scale: number, width: number, height: number) =>
    setView({ scale, x: width / 2 - cx * scale, y: height / 2 - cy * scale })
  const reset = () => setView({ x: 40, y: 40, scale: 1 })

  return { view, toCanvas, zoomAt, panBy, reset, centreOn }
}

export type Viewport = ReturnType<typeof createViewport>
