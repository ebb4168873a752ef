/**
 * A card's connect handle (facilitators): drag it onto another card or a frame to connect the
 * two; click it, or press Enter on it, to open the card's connections (CardConnections) with a
 * select of cards and frames to connect to, the keyboard's way to do the same.
 */
import { createSignal, type JSX, Show } from 'solid-js'
import { addConnector } from '../../../shared/board/connectors.ts'
import { t } from '../i18n/i18n.ts'
import { setDrawingLink } from './board-links.ts'
import type { BoardModel } from './board-model.ts'
import { CardConnections } from './CardConnections.tsx'
import { cardName } from './ConnectorLayer.tsx'
import type { Viewport } from './viewport.ts'

/** Pointer travel (px) that makes a press a drag rather than a click. */
const DRAG_START = 6

export function ConnectHandle(props: {
  cardId: string
  /** The card's text, for the handle's name (looking the card up by id would read every card). */
  text: string
  model: BoardModel
  viewport: Viewport
}): JSX.Element {
  const [open, setOpen] = createSignal(false)
  let button: HTMLButtonElement | undefined
  let press: { id: number; x: number; y: number; drawing: boolean } | null = null
  let dragged = false

  const toCanvas = (e: PointerEvent) => {
    const rect = document.querySelector('.canvas')?.getBoundingClientRect()
    return props.viewport.toCanvas(e.clientX - (rect?.left ?? 0), e.clientY - (rect?.top ?? 0))
  }
  /** The card or frame under the pointer, other than this card. */
  const targetAt = (e: PointerEvent): string | null => {
    for (const element of document.elementsFromPoint(e.clientX, e.clientY)) {
      const card = element.closest<HTMLElement>('.canvas .card[data-card-id]')
      if (card && card.dataset.cardId !== props.cardId) return card.dataset.cardId ?? null
      const frame = element.closest<HTMLElement>('.canvas .frame[data-frame-id]')
      if (frame) return frame.dataset.frameId ?? null
    }
    return null
  }
  const close = () => {
    setOpen(false)
    button?.focus({ preventScroll: true })
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        class="card-connect"
        aria-expanded={open()}
        aria-label={t('links.connectLabel', { text: cardName(props.text) })}
        title={t('links.connect')}
        onPointerDown={(e) => {
          if (e.button !== 0) return
          e.stopPropagation()
          e.currentTarget.setPointerCapture(e.pointerId)
          press = { id: e.pointerId, x: e.clientX, y: e.clientY, drawing: false }
          dragged = false
        }}
        onPointerMove={(e) => {
          if (!press || press.id !== e.pointerId) return
          if (!press.drawing && Math.hypot(e.clientX - press.x, e.clientY - press.y) < DRAG_START) return
          press.drawing = true
          setDrawingLink({ from: props.cardId, ...toCanvas(e) })
        }}
        onPointerUp={(e) => {
          if (!press || press.id !== e.pointerId) return
          const drawing = press.drawing
          press = null
          setDrawingLink(null)
          if (!drawing) return
          dragged = true
          const target = targetAt(e)
          if (target) addConnector(props.model.board, props.cardId, target)
        }}
        onPointerCancel={() => {
          press = null
          setDrawingLink(null)
        }}
        onClick={() => {
          if (dragged) {
            dragged = false
            return
          }
          setOpen(!open())
        }}
      >
        <span aria-hidden="true">⤳</span>
      </button>
      <Show when={open()}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: only keeps the card from starting a drag or an edit under the popover */}
        <div
          class="card-links-popover"
          onPointerDown={(e) => e.stopPropagation()}
          onDblClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault()
              e.stopPropagation()
              close()
            }
          }}
        >
          <CardConnections model={props.model} id={props.cardId} autofocus />
          <button type="button" onClick={close}>
            {t('links.close')}
          </button>
        </div>
      </Show>
    </>
  )
}
