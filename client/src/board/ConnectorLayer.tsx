/**
 * The connectors of the board as an SVG layer of the canvas, under the cards: an arrow from one
 * card (or frame) to another, and the line being drawn from a card's connect handle. A
 * facilitator selects a connector by pointer or Tab and deletes it with Delete (or the button
 * shown on the selected one); everyone else sees the arrows, and each card's connection list
 * (CardConnections) says the same in words.
 */
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { type Connector, deleteConnector } from '../../../shared/board/connectors.ts'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'
import { t } from '../i18n/i18n.ts'
import { boardConnectors, drawingLink } from './board-links.ts'
import type { BoardModel } from './board-model.ts'

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Card height as drawn for most cards (min-height plus footer); lines aim at the middle. */
const CARD_RECT = { w: CARD_SIZE.width, h: 110 }

/** Where the line from the centre of `r` towards `p` leaves `r`. */
function edge(r: Rect, p: { x: number; y: number }): { x: number; y: number } {
  const cx = r.x + r.w / 2
  const cy = r.y + r.h / 2
  const dx = p.x - cx
  const dy = p.y - cy
  if (dx === 0 && dy === 0) return { x: cx, y: cy }
  const k = Math.min(
    dx === 0 ? Infinity : r.w / 2 / Math.abs(dx),
    dy === 0 ? Infinity : r.h / 2 / Math.abs(dy),
  )
  return { x: cx + dx * Math.min(1, k), y: cy + dy * Math.min(1, k) }
}
const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 })

/** A card's text as a short name for labels (one line, at most 40 characters). */
export function cardName(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ')
  return line ? (line.length > 40 ? `${line.slice(0, 39)}…` : line) : t('links.emptyCard')
}

/** A short name of a connector's end, for labels: a card's text, or the frame's title. */
export function endName(model: BoardModel, id: string): string {
  const card = model.cards.find((c) => c.id === id)
  if (card) return cardName(card.text)
  const frame = model.frames().find((f) => f.id === id)
  return frame ? t('links.frame', { title: frame.title }) : '?'
}

export function ConnectorLayer(props: { model: BoardModel }): JSX.Element {
  const connectors = boardConnectors(props.model.board)
  const [selected, setSelected] = createSignal<string | null>(null)
  // Only the ends of connectors (and of the one being drawn) are read: on a board of thousands of
  // cards, moving a card no arrow touches must not re-run this.
  const rects = createMemo(() => {
    const ends = new Set<string>()
    for (const c of connectors()) ends.add(c.from).add(c.to)
    const drawing = drawingLink()
    if (drawing) ends.add(drawing.from)
    const map = new Map<string, Rect>()
    if (ends.size === 0) return map
    for (const c of props.model.cards) if (ends.has(c.id)) map.set(c.id, { x: c.x, y: c.y, ...CARD_RECT })
    for (const f of props.model.frames()) if (ends.has(f.id) && !map.has(f.id)) map.set(f.id, f)
    return map
  })
  const line = (c: Connector) => {
    const a = rects().get(c.from)
    const b = rects().get(c.to)
    if (!a || !b) return null
    const from = edge(a, centre(b))
    const to = edge(b, centre(a))
    return { from, to, mid: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } }
  }
  const draft = () => {
    const d = drawingLink()
    const r = d ? rects().get(d.from) : undefined
    if (!d || !r) return null
    const from = edge(r, d)
    return { x1: from.x, y1: from.y, x2: d.x, y2: d.y }
  }
  const remove = (c: Connector) => {
    deleteConnector(props.model.board, c.id)
    setSelected(null)
    // Focus goes back to the card the connector started from, not to the top of the page.
    document.querySelector<HTMLElement>(`.canvas [data-card-id="${CSS.escape(c.from)}"]`)?.focus({
      preventScroll: true,
    })
  }
  const deletable = () => props.model.isFacilitator && props.model.canWrite

  return (
    <>
      <svg class="connector-layer" width="1" height="1">
        <title>{t('links.title')}</title>
        <defs>
          <marker
            id="connector-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0 0 L10 5 L0 10 z" fill="#34495e" />
          </marker>
        </defs>
        <For each={connectors()}>
          {(c) => (
            <Show when={line(c)}>
              {(l) => {
                const label = () =>
                  t(deletable() ? 'links.labelDeletable' : 'links.label', {
                    from: endName(props.model, c.from),
                    to: endName(props.model, c.to),
                  })
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: an SVG shape cannot be a <button>; for a facilitator it has the role, focus and Delete of one, for others it is an image.
                  <g
                    class="connector"
                    classList={{ deletable: deletable(), selected: selected() === c.id }}
                    data-connector-id={c.id}
                    role={deletable() ? 'button' : 'img'}
                    tabIndex={deletable() ? 0 : undefined}
                    aria-label={label()}
                    onPointerDown={(e) => {
                      if (!deletable()) return
                      e.stopPropagation()
                      setSelected(c.id)
                      ;(e.currentTarget as SVGGElement).focus({ preventScroll: true })
                    }}
                    onFocus={() => setSelected(c.id)}
                    onFocusOut={(e) => {
                      const next = e.relatedTarget as Element | null
                      if (!next?.classList.contains('connector-delete')) setSelected(null)
                    }}
                    onKeyDown={(e) => {
                      if (!deletable()) return
                      if (e.key === 'Delete' || e.key === 'Backspace') {
                        e.preventDefault()
                        remove(c)
                      } else if (e.key === 'Escape') setSelected(null)
                    }}
                  >
                    <line class="connector-hit" x1={l().from.x} y1={l().from.y} x2={l().to.x} y2={l().to.y} />
                    <line
                      class="connector-line"
                      x1={l().from.x}
                      y1={l().from.y}
                      x2={l().to.x}
                      y2={l().to.y}
                      marker-end="url(#connector-arrow)"
                    />
                  </g>
                )
              }}
            </Show>
          )}
        </For>
        <Show when={draft()}>
          {(d) => <line class="connector-draft" x1={d().x1} y1={d().y1} x2={d().x2} y2={d().y2} />}
        </Show>
      </svg>
      <For each={connectors()}>
        {(c) => (
          <Show when={deletable() && selected() === c.id && line(c)}>
            {(l) => (
              <button
                type="button"
                class="connector-delete danger"
                style={{ transform: `translate(${l().mid.x - 22}px, ${l().mid.y - 16}px)` }}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => remove(c)}
                onFocusOut={() => setSelected(null)}
                aria-label={t('links.removeOne', {
                  from: endName(props.model, c.from),
                  to: endName(props.model, c.to),
                })}
              >
                ✕
              </button>
            )}
          </Show>
        )}
      </For>
    </>
  )
}
