/**
 * The board seen from far away: when the view is zoomed out over hundreds of cards, their text is
 * a few pixels high and nobody can read it, but thousands of card elements would make every frame
 * and every edit slow. Then the canvas draws each card as a coloured block on one bitmap instead
 * (Canvas.tsx switches; `overviewShows`). The card with focus, the tab stop, a new card and the
 * selection stay real elements on top, so keyboard, screen reader and editing work as before; the
 * list view has every card's text at any zoom.
 */
import { createEffect, createMemo, type JSX, onCleanup } from 'solid-js'
import { unwrap } from 'solid-js/store'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'
import type { CardColor } from '../../../shared/board/schema.ts'
import type { BoardModel, CardView } from './board-model.ts'
import type { Viewport } from './viewport.ts'

/** Below this zoom a card's text is under 6 px high (14 px × 0.4): unreadable. */
export const OVERVIEW_SCALE = 0.4
/** Above this many cards around the view, blocks beat elements (fewer stay elements). */
export const OVERVIEW_ABOVE = 300

/** Whether the view is far enough out, over enough cards, to draw blocks. */
export function overviewShows(scale: number, cardsAround: number): boolean {
  return scale < OVERVIEW_SCALE && cardsAround > OVERVIEW_ABOVE
}

/** The card colours of styles.css (`.card-yellow` …), for the bitmap. */
const FILL: Record<CardColor, string> = {
  yellow: '#fff3a6',
  pink: '#ffd1e1',
  blue: '#cfe6ff',
  green: '#d4f2d0',
  orange: '#ffdcb8',
  purple: '#e6d8ff',
}
const EDGE = '#8a8a8a'
/** Limits of one canvas bitmap that every current browser allocates (pixels a side, in all). */
const MAX_SIDE = 8192
const MAX_AREA = 16_777_216

export function OverviewLayer(props: {
  model: BoardModel
  viewport: Viewport
  selected?: (id: string) => boolean
}): JSX.Element {
  let canvas: HTMLCanvasElement | undefined
  let frame = 0

  const paint = () => {
    frame = 0
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return
    // Plain objects: reading them here subscribes to nothing (the effect below does that).
    const cards = unwrap(props.model.cards) as CardView[]
    if (cards.length === 0) {
      canvas.width = 0
      return
    }
    let minX = Number.POSITIVE_INFINITY
    let minY = Number.POSITIVE_INFINITY
    let maxX = Number.NEGATIVE_INFINITY
    let maxY = Number.NEGATIVE_INFINITY
    for (const c of cards) {
      minX = Math.min(minX, c.x)
      minY = Math.min(minY, c.y)
      maxX = Math.max(maxX, c.x + CARD_SIZE.width)
      maxY = Math.max(maxY, c.y + CARD_SIZE.height)
    }
    // The bitmap has the screen's resolution at this zoom (the layer's transform scales it), but
    // stays within what browsers allocate for one canvas: a wider board's blocks are drawn coarser.
    const w = maxX - minX
    const h = maxY - minY
    const k = Math.min(
      scale() * (window.devicePixelRatio || 1),
      MAX_SIDE / w,
      MAX_SIDE / h,
      Math.sqrt(MAX_AREA / (w * h)),
    )
    canvas.width = Math.max(1, Math.ceil(w * k))
    canvas.height = Math.max(1, Math.ceil(h * k))
    Object.assign(canvas.style, {
      left: `${minX}px`,
      top: `${minY}px`,
      width: `${w}px`,
      height: `${h}px`,
    })
    context.setTransform(k, 0, 0, k, -minX * k, -minY * k)
    context.lineWidth = 1 / k
    context.strokeStyle = EDGE
    for (const c of cards) {
      context.fillStyle = FILL[c.color] ?? FILL.yellow
      context.fillRect(c.x, c.y, CARD_SIZE.width, CARD_SIZE.height)
      context.strokeRect(c.x, c.y, CARD_SIZE.width, CARD_SIZE.height)
    }
    if (props.selected) {
      context.lineWidth = 6 / k
      context.strokeStyle = '#1a4fd6'
      for (const c of cards)
        if (props.selected(c.id)) context.strokeRect(c.x, c.y, CARD_SIZE.width, CARD_SIZE.height)
    }
  }

  // Repaint, once a frame at most, when a card comes, goes, moves or changes colour, or the zoom
  // changes (a pan moves the layer and needs no repaint).
  const scale = createMemo(() => props.viewport.view().scale)
  createEffect(() => {
    scale()
    for (const c of props.model.cards) {
      c.x
      c.y
      c.color
      props.selected?.(c.id)
    }
    if (!frame) frame = requestAnimationFrame(paint)
  })
  onCleanup(() => cancelAnimationFrame(frame))

  // A picture of what the list view and the focused card say in words: hidden from screen readers.
  return (
    <div class="overview" aria-hidden="true">
      <canvas ref={canvas} class="overview-layer" />
    </div>
  )
}
