/**
 * The infinite canvas: pans by dragging the background, zooms by wheel or buttons, shows cards and
 * cursors. Only what is in or near the view is rendered (culling.ts); the card with focus (being
 * read, edited or dragged) and the card just added stay rendered wherever they are.
 */
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import { CardItem } from './CardItem.tsx'
import { createCanvasFocus } from './canvas-focus.ts'
import './canvas-focus.css'
import { ConnectorLayer } from './ConnectorLayer.tsx'
import { CARD_REACH, createCulling, touches } from './culling.ts'
import { FrameLayer } from './FrameLayer.tsx'
import { createPinch, touchPansFrom } from './gestures.ts'
import { OverviewLayer, overviewShows } from './OverviewLayer.tsx'
import './canvas.css'
import type { Peer } from './presence.ts'
import type { Viewport } from './viewport.ts'
import type { Voting } from './voting.ts'

export function Canvas(props: {
  model: BoardModel
  viewport: Viewport
  peers: Peer[]
  onCursor: (cursor: { x: number; y: number } | null) => void
  onAddAt: (x: number, y: number) => void
  voting?: Voting
  /** Is this card selected (multi-select)? */
  selected?: (id: string) => boolean
  /** Shown over the canvas (the canvas tools). */
  overlay?: JSX.Element
}): JSX.Element {
  let element: HTMLElement | undefined
  let pan: { pointerId: number; x: number; y: number } | null = null
  // One tab stop into the canvas, arrows in reading order, the view following focus.
  const focus = createCanvasFocus({
    cards: () => props.model.cards,
    frames: props.model.frames,
    viewport: props.viewport,
  })

  const region = createCulling(
    () => props.viewport.view(),
    () => element,
  )
  const [focusedCard, setFocusedCard] = createSignal<string | null>(null)
  // Which card holds focus. Focus moving out is checked once it has settled: within the canvas
  // focusin says where it went, and a window losing focus keeps the element focused.
  const cardOf = (target: EventTarget | null) =>
    target instanceof Element
      ? (target.closest('[data-card-id]')?.getAttribute('data-card-id') ?? null)
      : null
  const onFocusIn = (event: FocusEvent) => setFocusedCard(cardOf(event.target))
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget instanceof Node && element?.contains(event.relatedTarget)) return
    setTimeout(() => {
      const active = document.activeElement
      setFocusedCard(active && element?.contains(active) ? cardOf(active) : null)
    })
  }
  const around = createMemo(() => {
    const r = region()
    return props.model.cards.filter((card) => touches(r, card.x, card.y, CARD_REACH.w, CARD_REACH.h))
  })
  // Far out over many cards, blocks on one bitmap instead of elements (OverviewLayer.tsx).
  const overview = createMemo(() => overviewShows(props.viewport.view().scale, around().length))
  const shownCards = createMemo(() => {
    const keep = focusedCard()
    const added = props.model.justAdded()
    // The canvas's tab stop too: Tab must find it wherever the view is.
    const stop = focus.tabStop()
    const always = (id: string) => id === keep || id === added || id === stop
    if (overview()) return props.model.cards.filter((card) => always(card.id))
    // In the board's order, so a kept card's element is never moved (a moved element loses focus).
    const near = new Set(around())
    return props.model.cards.filter((card) => near.has(card) || always(card.id))
  })

  // While the view pans, the layer is composited on its own: a frame moves it instead of
  // painting every card again. Only while panning, so text is painted sharp at any zoom after.
  const [moving, setMoving] = createSignal(false)

  const local = (event: { clientX: number; clientY: number }) => {
    const rect = element?.getBoundingClientRect()
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) }
  }
  // Two fingers pinch-zoom (gestures.ts); while they do, the one-finger pan stops.
  const pinch = createPinch(props.viewport, local)

  return (
    <section
      ref={(el) => {
        element = el
        focus.attach(el)
      }}
      class="canvas"
      aria-label={t('board.canvas')}
      onFocusIn={(e) => {
        focus.onFocusIn(e)
        onFocusIn(e)
      }}
      onFocusOut={onFocusOut}
      onKeyDown={focus.onKeyDown}
      onPointerDown={(e) => {
        if (pinch.down(e)) {
          pan = null
          return
        }
        const background =
          e.target === e.currentTarget ||
          (e.target as HTMLElement).matches('.canvas-layer, .frame, .overview-layer')
        const onCard = !background && touchPansFrom(e)
        if (e.button !== 0 || (!background && !onCard)) return
        pan = { pointerId: e.pointerId, x: e.clientX, y: e.clientY }
        // A pan is not a text selection.
        e.preventDefault()
        setMoving(true)
        if (!onCard) e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        const p = local(e)
        props.onCursor(props.viewport.toCanvas(p.x, p.y))
        if (pinch.move(e)) return
        if (pan && pan.pointerId === e.pointerId) {
          props.viewport.panBy(e.clientX - pan.x, e.clientY - pan.y)
          pan = { pointerId: e.pointerId, x: e.clientX, y: e.clientY }
        }
      }}
      onPointerUp={(e) => {
        pinch.up(e)
        pan = null
        setMoving(false)
      }}
      onPointerCancel={(e) => {
        pinch.up(e)
        pan = null
        setMoving(false)
      }}
      onPointerLeave={() => props.onCursor(null)}
      onWheel={(e) => {
        e.preventDefault()
        const p = local(e)
        props.viewport.zoomAt(Math.exp(-e.deltaY * 0.0015), p.x, p.y)
      }}
      onDblClick={(e) => {
        if (!props.model.canWrite) return
        if (
          e.target !== e.currentTarget &&
          !(e.target as HTMLElement).matches('.canvas-layer, .frame, .overview-layer')
        )
          return
        const p = local(e)
        const c = props.viewport.toCanvas(p.x, p.y)
        props.onAddAt(c.x, c.y)
      }}
    >
      <div
        class="canvas-layer"
        classList={{ moving: moving() }}
        style={{
          transform: `translate(${props.viewport.view().x}px, ${props.viewport.view().y}px) scale(${props.viewport.view().scale})`,
        }}
      >
        <FrameLayer model={props.model} viewport={props.viewport} />
        <Show when={overview()}>
          <OverviewLayer model={props.model} viewport={props.viewport} selected={props.selected} />
        </Show>
        <ConnectorLayer model={props.model} />
        <For each={shownCards()}>
          {(card) => (
            <CardItem
              card={card}
              model={props.model}
              viewport={props.viewport}
              voting={props.voting}
              tabStop={focus.isTabStop(card.id)}
              selected={props.selected?.(card.id)}
            />
          )}
        </For>
        <For each={props.peers}>
          {(peer) => (
            <Show when={peer.cursor && touches(region(), peer.cursor.x, peer.cursor.y, 1, 1) && peer.cursor}>
              {(cursor) => (
                <div
                  class="cursor"
                  aria-hidden="true"
                  style={{
                    transform: `translate(${cursor().x}px, ${cursor().y}px)`,
                    '--peer-color': peer.color,
                  }}
                >
                  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M0 0 L0 14 L4 10 L7 16 L9 15 L6 9 L12 9 Z" fill={peer.color} />
                  </svg>
                  <span class="cursor-name">{peer.user.name}</span>
                </div>
              )}
            </Show>
          )}
        </For>
      </div>
      {props.overlay}
    </section>
  )
}
