/**
 * Keyboard focus on the canvas. One tab stop leads into it (roving tabindex): the card last
 * focused, else the first in reading order (reading-order.ts); arrow keys, Home and End move
 * between cards in that order. The view follows focus: a card that gets focus and lies (partly)
 * outside the canvas is brought in by panning the viewport, never by letting the browser scroll
 * the canvas element, which would shift everything (and this person's cursor as others see it)
 * away from where the viewport thinks it is.
 */
import { type Accessor, createMemo, createSelector, createSignal, untrack } from 'solid-js'
import type { Frame } from '../../../shared/board/frames.ts'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'
import type { Card } from '../../../shared/board/schema.ts'
import { readingOrder } from './reading-order.ts'
import type { Viewport } from './viewport.ts'

/** Space kept between a focused card and the canvas's edge. */
const MARGIN = 24
/** A focus this soon after a pointer press came from the pointer: the card is where it was. */
const POINTER_FOCUS_MS = 400

export interface CanvasFocus {
  /** True for the card that is the canvas's tab stop. */
  isTabStop: (id: string) => boolean
  /** The card that is the tab stop: it must stay rendered wherever it is (culling.ts). */
  tabStop: Accessor<string | null>
  onFocusIn: (event: FocusEvent) => void
  onKeyDown: (event: KeyboardEvent) => void
  /** Called with the canvas element once it exists: guards its scroll position. */
  attach: (element: HTMLElement) => void
}

const cardOf = (target: EventTarget | null): HTMLElement | null =>
  target instanceof Element ? target.closest<HTMLElement>('.card[data-card-id]') : null

export function createCanvasFocus(options: {
  cards: () => readonly Card[]
  frames: Accessor<Frame[]>
  viewport: Viewport
}): CanvasFocus {
  let canvas: HTMLElement | undefined
  let pointerAt = Number.NEGATIVE_INFINITY
  const [active, setActive] = createSignal<string | null>(null)
  // The order is worked out when a key asks for it; the tab stop needs it only while no card was
  // chosen yet, so dragging cards on a big board does not re-sort it on every frame.
  const order = () => readingOrder(options.cards(), options.frames())
  // Before any card was chosen, the first in reading order; worked out again when cards come or
  // go, not on every move or keystroke (a 5,000-card board would sort itself on each).
  const firstCard = createMemo(() => {
    options.cards().length
    options.frames()
    return untrack(() => order()[0] ?? null)
  })
  const tabStop = createMemo(() => {
    const id = active()
    // Still there? Asked again when cards come or go.
    options.cards().length
    if (id !== null && untrack(() => options.cards().some((c) => c.id === id))) return id
    return firstCard()
  })
  const isTabStop = createSelector(tabStop)

  const resetScroll = () => {
    if (!canvas) return
    if (canvas.scrollTop !== 0) canvas.scrollTop = 0
    if (canvas.scrollLeft !== 0) canvas.scrollLeft = 0
  }

  /** The smallest pan that brings `card` inside the canvas (its top-left first if too big). */
  const reveal = (card: HTMLElement) => {
    if (!canvas) return
    const box = canvas.getBoundingClientRect()
    const rect = card.getBoundingClientRect()
    const shift = (start: number, end: number, min: number, max: number) => {
      if (end - start > max - min - 2 * MARGIN || start < min + MARGIN) return min + MARGIN - start
      if (end > max - MARGIN) return max - MARGIN - end
      return 0
    }
    const dx = shift(rect.left, rect.right, box.left, box.right)
    const dy = shift(rect.top, rect.bottom, box.top, box.bottom)
    if (dx !== 0 || dy !== 0) options.viewport.panBy(dx, dy)
  }

  const focusCard = (id: string) => {
    const find = () => canvas?.querySelector<HTMLElement>(`.card[data-card-id="${CSS.escape(id)}"]`)
    const element = find()
    if (element) return element.focus({ preventScroll: true })
    // Far from the view, the card is not rendered (culling.ts): bring the view there, then focus
    // it once it is drawn.
    const card = options.cards().find((c) => c.id === id)
    if (!card || !canvas) return
    const box = canvas.getBoundingClientRect()
    const scale = options.viewport.view().scale
    options.viewport.centreOn(
      card.x + CARD_SIZE.width / 2,
      card.y + CARD_SIZE.height / 2,
      scale,
      box.width,
      box.height,
    )
    let frames = 0
    const focusWhenDrawn = () => {
      const drawn = find()
      if (drawn) drawn.focus({ preventScroll: true })
      else if (++frames < 10) requestAnimationFrame(focusWhenDrawn)
    }
    requestAnimationFrame(focusWhenDrawn)
  }

  return {
    isTabStop,
    tabStop,
    attach(element) {
      canvas = element
      element.addEventListener('scroll', resetScroll)
      // Capture: a card stops its pointerdown from reaching the canvas.
      element.addEventListener('pointerdown', () => (pointerAt = performance.now()), { capture: true })
    },
    onFocusIn(event) {
      resetScroll()
      const card = cardOf(event.target)
      const id = card?.dataset.cardId
      if (!card || !id) return
      setActive(id)
      if (performance.now() - pointerAt > POINTER_FOCUS_MS) {
        reveal(card)
        // The pan re-renders the cards around the view (culling.ts), which can move this card's
        // element in the page, and a moved element loses its focus: give it back.
        requestAnimationFrame(() => {
          if (document.activeElement === null || document.activeElement === document.body) focusCard(id)
        })
      }
      // The browser may have scrolled before focusin; undo it after the pan too.
      requestAnimationFrame(resetScroll)
    },
    onKeyDown(event) {
      const card = cardOf(event.target)
      // Only on the card itself: inside it, arrows belong to its text field and select.
      if (!card || card !== event.target || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey)
        return
      const ids = order()
      const at = ids.indexOf(card.dataset.cardId ?? '')
      if (at < 0) return
      const next: Record<string, number> = {
        ArrowRight: at + 1,
        ArrowDown: at + 1,
        ArrowLeft: at - 1,
        ArrowUp: at - 1,
        Home: 0,
        End: ids.length - 1,
      }
      const index = next[event.key]
      if (index === undefined) return
      event.preventDefault()
      const id = ids[Math.max(0, Math.min(ids.length - 1, index))]
      if (id === undefined) return
      setActive(id)
      focusCard(id)
    },
  }
}
