/**
 * Touch on the canvas. Two fingers pinch: zoom around the point between them (viewport.zoomAt)
 * and pan with it, like a map. One finger pans (Canvas.tsx), also from a card one cannot move:
 * on a phone most of the canvas is cards. The canvas has `touch-action: none`, so the browser
 * leaves both gestures to us instead of zooming or scrolling the page.
 */
import type { Viewport } from './viewport.ts'

interface Point {
  x: number
  y: number
}

export interface Pinch {
  /** A finger touched the canvas; true while two fingers pinch (the caller stops its pan). */
  down(event: PointerEvent): boolean
  /** A finger moved; true when the pinch used it (the caller does nothing more with it). */
  move(event: PointerEvent): boolean
  /** A finger lifted or the browser took the touch away. */
  up(event: PointerEvent): void
  active(): boolean
}

/**
 * A finger on something of the canvas that is not a control and does not move itself (a card
 * one may not move; one's own cards take the pointer first and drag): it pans. The touch stays
 * captured by what it touched (touch pointers are), so a tap still focuses that card.
 */
export function touchPansFrom(event: PointerEvent): boolean {
  if (event.pointerType !== 'touch') return false
  const target = event.target as Element | null
  return !target?.closest?.('button, textarea, select, input, a, label, [contenteditable]')
}

/** `toLocal`: the canvas element's coordinates of a point on the screen. */
export function createPinch(viewport: Viewport, toLocal: (event: PointerEvent) => Point): Pinch {
  const fingers = new Map<number, Point>()
  let last: { centre: Point; distance: number } | null = null

  const measure = () => {
    const [a, b] = [...fingers.values()]
    if (!a || !b) return null
    return {
      centre: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
    }
  }

  return {
    down(event) {
      if (event.pointerType !== 'touch') return false
      fingers.set(event.pointerId, toLocal(event))
      if (fingers.size < 2) return false
      // Later fingers than two change nothing; the first two pinch.
      if (fingers.size === 2) {
        last = measure()
        ;(event.currentTarget as Element | null)?.setPointerCapture?.(event.pointerId)
      }
      return true
    },
    move(event) {
      if (!fingers.has(event.pointerId)) return false
      fingers.set(event.pointerId, toLocal(event))
      if (!last) return false
      const now = measure()
      if (!now) return false
      viewport.panBy(now.centre.x - last.centre.x, now.centre.y - last.centre.y)
      viewport.zoomAt(now.distance / last.distance, now.centre.x, now.centre.y)
      last = now
      return true
    },
    up(event) {
      fingers.delete(event.pointerId)
      if (fingers.size < 2) last = null
    },
    active: () => last !== null,
  }
}
