/**
 * A card's connections in words, for the keyboard and screen readers: "→ other card" and
 * "← other card", each with a delete button, and a select to connect the card to another card
 * or a frame. The canvas opens it from a card's connect handle; the list view embeds it as it is.
 * Only a facilitator writes connectors (board-registry.ts): anyone else gets the list alone.
 */
import { createSignal, For, type JSX, onMount, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { addConnector, connectorsAt, deleteConnector } from '../../../shared/board/connectors.ts'
import { t } from '../i18n/i18n.ts'
import { boardConnectors } from './board-links.ts'
import type { BoardModel } from './board-model.ts'
import { endName } from './ConnectorLayer.tsx'
import './frames-links.css'

export function CardConnections(props: {
  model: BoardModel
  /** The card (or frame) whose connections are listed. */
  id: string
  /** Focus the select when shown (opened from the card's connect handle). */
  autofocus?: boolean
  /** The heading's level: 3 on the canvas; the list view nests it in a frame's section (4). */
  headingLevel?: 3 | 4
}): JSX.Element {
  const connectors = boardConnectors(props.model.board)
  const [choice, setChoice] = createSignal('')
  const [notice, setNotice] = createSignal<string | null>(null)
  let select: HTMLSelectElement | undefined
  const writes = () => props.model.isFacilitator && props.model.canWrite
  const mine = () => connectorsAt(connectors(), props.id)
  const linked = () => new Set(mine().flatMap((c) => [c.from, c.to]))
  // Cards on the board (not drafts, not hidden), then frames, without those already connected.
  const targets = () => [
    ...props.model.cards
      .filter((c) => c.id !== props.id && !c.pending && !c.hidden && !linked().has(c.id))
      .map((c) => ({ id: c.id, name: endName(props.model, c.id) })),
    ...props.model
      .frames()
      .filter((f) => f.id !== props.id && !linked().has(f.id))
      .map((f) => ({ id: f.id, name: endName(props.model, f.id) })),
  ]
  const headingId = `links-${props.id}`
  onMount(() => {
    if (props.autofocus) queueMicrotask(() => select?.focus({ preventScroll: true }))
  })
  const connect = () => {
    const to = choice()
    if (!to) return
    const result = addConnector(props.model.board, props.id, to)
    setNotice(result.ok ? null : result.reason === 'exists' ? t('links.exists') : result.reason)
    setChoice('')
    if (select) select.value = ''
    // The add button is disabled again: the focus goes back to the select, not to the page.
    select?.focus()
  }

  return (
    <section class="card-connections" aria-labelledby={headingId}>
      <Dynamic component={props.headingLevel === 4 ? 'h4' : 'h3'} id={headingId}>
        {t('links.title')}
      </Dynamic>
      <Show when={mine().length > 0} fallback={<p class="hint">{t('links.none')}</p>}>
        <ul>
          <For each={mine()}>
            {(c) => {
              const outgoing = () => c.from === props.id
              const other = () => endName(props.model, outgoing() ? c.to : c.from)
              return (
                <li>
                  <span>{t(outgoing() ? 'links.outgoing' : 'links.incoming', { text: other() })}</span>
                  <Show when={writes()}>
                    {/* The name starts with the visible words (WCAG 2.5.3) and says which one. */}
                    <button
                      type="button"
                      class="danger"
                      aria-label={t('links.removeOne', {
                        from: endName(props.model, c.from),
                        to: endName(props.model, c.to),
                      })}
                      onClick={() => {
                        deleteConnector(props.model.board, c.id)
                        select?.focus()
                      }}
                    >
                      {t('links.remove')}
                    </button>
                  </Show>
                </li>
              )
            }}
          </For>
        </ul>
      </Show>
      <Show when={writes()}>
        <div class="connect-row">
          <label class="visually-hidden" for={`link-target-${props.id}`}>
            {t('links.target')}
          </label>
          <select
            ref={select}
            id={`link-target-${props.id}`}
            value={choice()}
            onChange={(e) => setChoice(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                setChoice(e.currentTarget.value)
                connect()
              }
            }}
          >
            <option value="">{t('links.choose')}</option>
            <For each={targets()}>{(target) => <option value={target.id}>{target.name}</option>}</For>
          </select>
          <button type="button" disabled={!choice()} onClick={connect}>
            {t('links.add')}
          </button>
        </div>
        <Show when={notice()}>
          <p class="hint" role="status">
            {notice()}
          </p>
        </Show>
      </Show>
    </section>
  )
}
