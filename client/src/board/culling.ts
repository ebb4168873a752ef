/**
 * Viewport culling for the canvas: which part of the board is worth rendering. The region is the
 * view plus a wide margin, and it is only recomputed when the view leaves the margin (or zooms in
 * far enough that the region is mostly off-screen), so a pan of a few pixels changes nothing and
 * the card list is filtered once per few hundred pixels, not once per frame.
 */
import { type Accessor, createMemo, createSignal, onCleanup, onMount } from 'solid-js'
import type { View } from './viewport.ts'

/** A rectangle in canvas coordinates. */
export interface Region {
  left: number
  top: number
  right: number
  bottom: number
}

/** How far beyond the screen (in screen pixels) cards are rendered, and when to move the region. */
const MARGIN_PX = 600
const SLACK_PX = 150
/**
 * A card is 180 px wide; its height grows with its text. Its top-left corner is what the board
 * knows, so a card counts as in the region when a box this big from that corner touches it.
 */
export const CARD_REACH = { w: 180, h: 640 }

function around(view: View, width: number, height: number, marginPx: number): Region {
  const m = marginPx / view.scale
  const left = -view.x / view.scale
  const top = -view.y / view.scale
  return {
    left: left - m,
    top: top - m,
    right: left + width / view.scale + m,
    bottom: top + height / view.scale + m,
  }
}

const contains = (outer: Region, inner: Region) =>
  inner.left >= outer.left &&
  inner.top >= outer.top &&
  inner.right <= outer.right &&
  inner.bottom <= outer.bottom

const area = (r: Region) => (r.right - r.left) * (r.bottom - r.top)

/** Whether a box at (x, y) of size w × h touches the region. */
export function touches(region: Region, x: number, y: number, w: number, h: number): boolean {
  return x < region.right && x + w > region.left && y < region.bottom && y + h > region.top
}

/**
 * The region to render for the view of an element, tracking the element's size. `element` is
 * read once mounted (a ref).
 */
export function createCulling(
  view: Accessor<View>,
  element: () => HTMLElement | undefined,
): Accessor<Region> {
  const [size, setSize] = createSignal<{ w: number; h: number } | null>(null)
  onMount(() => {
    const el = element()
    if (!el) return
    if (typeof ResizeObserver === 'undefined') return setSize({ w: window.innerWidth, h: window.innerHeight })
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight })
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    measure()
    onCleanup(() => observer.disconnect())
  })
  // Nothing until the canvas is measured (on mount, before the first paint): rendering every
  // card of a big board for one frame would cost more than the whole view does.
  const nothing: Region = { left: 0, top: 0, right: 0, bottom: 0 }
  return createMemo<Region>(
    (current) => {
      const s = size()
      if (!s) return nothing
      const v = view()
      const tight = around(v, s.w, s.h, SLACK_PX)
      const wide = around(v, s.w, s.h, MARGIN_PX)
      // Keep the region while the screen (with some slack) is inside it and it is not far too big.
      if (contains(current, tight) && area(current) <= 2 * area(wide)) return current
      return wide
    },
    nothing,
    { equals: (a, b) => a === b },
  )
}
