/**
 * Where this screen puts a new card: a free place in the part of the canvas the person actually
 * sees, never beside it. The canvas element can reach past the window (a phone's toolbar pushes
 * it down), which shrinks what is visible, and can have been scrolled by the browser when focus
 * went to a card near its edge: that scroll becomes a pan of the view (the same picture), so the
 * element is back at rest before the card is placed. The card (with its editor) lands inside
 * the visible rectangle, zooming out first if it would not fit at the current zoom.
 */
import { CARD_SIZE, freeSpot } from '../../../shared/board/free-spot.ts'
import type { Viewport } from './viewport.ts'

/** Space kept between the new card and the edge of what is visible, in screen pixels. */
const MARGIN = 8
/**
 * A card with its editor open is taller than a card at rest (the text field, its state and its
 * tools, about 210 px): all of it must be in view, in canvas units.
 */
const EDITING = { width: CARD_SIZE.width, height: 220 }

/** The visible part of the canvas element, in the coordinates of its (possibly scrolled) content. */
export function visibleCanvas(element: HTMLElement | null): {
  left: number
  top: number
  right: number
  bottom: number
} {
  if (!element) return { left: 0, top: 0, right: 800, bottom: 600 }
  const rect = element.getBoundingClientRect()
  const screen = window.visualViewport
  const screenWidth = screen?.width ?? window.innerWidth
  const screenHeight = screen?.height ?? window.innerHeight
  const left = Math.max(0, -rect.left)
  const top = Math.max(0, -rect.top)
  const right = Math.max(left, Math.min(element.clientWidth, screenWidth - rect.left))
  const bottom = Math.max(top, Math.min(element.clientHeight, screenHeight - rect.top))
  return {
    left: left + element.scrollLeft,
    top: top + element.scrollTop,
    right: right + element.scrollLeft,
    bottom: bottom + element.scrollTop,
  }
}

export function newCardSpot(
  element: HTMLElement | null,
  viewport: Viewport,
  taken: { x: number; y: number }[],
): { x: number; y: number } {
  if (element && (element.scrollLeft !== 0 || element.scrollTop !== 0)) {
    viewport.panBy(-element.scrollLeft, -element.scrollTop)
    element.scrollTo(0, 0)
  }
  // Scarcely any of the canvas on screen (scrolled past on a phone): bring it into view first.
  if (element) {
    const seen = visibleCanvas(element)
    if (seen.bottom - seen.top < EDITING.height / 2 + 2 * MARGIN) {
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    }
  }
  const area = visibleCanvas(element)
  const width = area.right - area.left - 2 * MARGIN
  const height = area.bottom - area.top - 2 * MARGIN
  const scale = viewport.view().scale
  const fits = Math.min(width / EDITING.width, height / EDITING.height)
  const middle = { x: (area.left + area.right) / 2, y: (area.top + area.bottom) / 2 }
  if (fits > 0 && fits < scale) viewport.zoomAt(fits / scale, middle.x, middle.y)
  const topLeft = viewport.toCanvas(area.left + MARGIN, area.top + MARGIN)
  const bottomRight = viewport.toCanvas(area.right - MARGIN, area.bottom - MARGIN)
  const centre = viewport.toCanvas(middle.x, middle.y)
  const spot = freeSpot({ x: centre.x - CARD_SIZE.width / 2, y: centre.y - CARD_SIZE.height / 2 }, taken, {
    minX: Math.ceil(topLeft.x),
    minY: Math.ceil(topLeft.y),
    maxX: Math.floor(bottomRight.x - EDITING.width),
    maxY: Math.floor(bottomRight.y - EDITING.height),
  })
  // A free place beside the view (a phone shows room for one card): pan just enough to show it.
  const v = viewport.view()
  const left = spot.x * v.scale + v.x
  const top = spot.y * v.scale + v.y
  const shift = (start: number, size: number, low: number, high: number) =>
    start < low ? low - start : start + size > high ? high - start - size : 0
  const dx = shift(left, EDITING.width * v.scale, area.left + MARGIN, area.right - MARGIN)
  const dy = shift(top, EDITING.height * v.scale, area.top + MARGIN, area.bottom - MARGIN)
  if (dx !== 0 || dy !== 0) viewport.panBy(dx, dy)
  return spot
}
