/**
 * The board as a list: the same cards as the canvas, frame by frame in reading order, then the
 * cards in no frame, then the measures. A keyboard and screen reader alternative to the canvas
 * in which a participant can do all they can do there (ListCard.tsx).
 */
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { spotInFrame, spotOutsideFrames } from './frame-spot.ts'
import { type FocusRequest, ListCard } from './ListCard.tsx'
import './list-view.css'
import { groupByFrame } from './reading-order.ts'
import type { Voting } from './voting.ts'

/** The key of the cards in no frame (frame ids never are empty). */
const NONE = ''

export function BoardListView(props: {
  model: BoardModel
  voting?: Voting
  /** Renders a card's connections in its entry (the connectors' feature). */
  connections?: (card: CardView) => JSX.Element
}): JSX.Element {
  const [focusRequest, requestFocus] = createSignal<FocusRequest | null>(null)
  let heading: HTMLHeadingElement | undefined
  const groups = createMemo(() => groupByFrame(props.model.cards, props.model.frames()))
  const keys = createMemo(() => groups().map((g) => g.frame?.id ?? NONE), undefined, {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  })
  const latest = () => props.model.results().at(-1)
  const phaseName = (phaseId: string) => props.model.script().find((p) => p.id === phaseId)?.name ?? ''

  const moveToFrame = (card: CardView, frameId: string | null) => {
    const frames = props.model.frames()
    const others = props.model.cards.filter((c) => c.id !== card.id)
    const frame = frameId ? frames.find((f) => f.id === frameId) : null
    const spot = frame ? spotInFrame(frame, others) : spotOutsideFrames(frames, others)
    props.model.move(card.id, spot.x, spot.y)
  }
  // The entry goes with the card: hand focus to the next card in reading order, or the heading.
  const remove = (card: CardView) => {
    const order = groups().flatMap((g) => g.cards.map((c) => ({ id: c.id, frameId: g.frame?.id ?? null })))
    const at = order.findIndex((c) => c.id === card.id)
    const next = order[at + 1] ?? order[at - 1]
    props.model.remove(card.id)
    if (next) requestFocus({ id: next.id, control: 'card', frameId: next.frameId })
    else heading?.focus()
  }

  return (
    <section class="board-list" aria-labelledby="board-list-title">
      <header class="board-list-head">
        <h2 id="board-list-title" ref={heading} tabIndex={-1}>
          {t('listView.title')}
        </h2>
        <p class="hint">
          {t('listView.summary', { cards: props.model.cards.length, frames: props.model.frames().length })}
          {' · '}
          {t('listView.hint')}
        </p>
        <Show when={latest()}>
          {(results) => (
            <p class="list-results-note">
              {results().tooFewVoters
                ? t('listView.resultsTooFew')
                : t('listView.resultsOf', { phase: phaseName(results().phaseId) })}
            </p>
          )}
        </Show>
      </header>
      <Show
        when={props.model.cards.length > 0 || props.model.frames().length > 0}
        fallback={<p>{t('listView.empty')}</p>}
      >
        {/* Keyed by frame id, not by group object: an edit re-groups, but must not re-create the
            entries (the text field being typed in would go). */}
        <For each={keys()}>
          {(key) => {
            const group = () => groups().find((g) => (g.frame?.id ?? NONE) === key)
            const frame = () => group()?.frame ?? null
            const cards = () => group()?.cards ?? []
            const titleId = `list-group-${key || 'none'}`
            return (
              <Show when={frame() !== null || cards().length > 0}>
                <section
                  class="list-group"
                  classList={{ 'list-group-frame': frame() !== null }}
                  aria-labelledby={titleId}
                >
                  <h3 id={titleId}>
                    {frame()
                      ? t('listView.frame', { title: frame()?.title || t('listView.untitledFrame') })
                      : t('listView.noFrame')}{' '}
                    <span class="hint">({t('listView.count', { n: cards().length })})</span>
                  </h3>
                  <Show when={cards().length > 0} fallback={<p class="hint">{t('listView.emptyFrame')}</p>}>
                    <ul class="list-cards">
                      <For each={cards()}>
                        {(card) => (
                          <ListCard
                            card={card}
                            model={props.model}
                            voting={props.voting}
                            frames={props.model.frames()}
                            frameId={frame()?.id ?? null}
                            focusRequest={focusRequest}
                            requestFocus={requestFocus}
                            moveToFrame={moveToFrame}
                            remove={remove}
                            connections={props.connections}
                          />
                        )}
                      </For>
                    </ul>
                  </Show>
                </section>
              </Show>
            )
          }}
        </For>
      </Show>
      <Show when={props.model.measures().length > 0}>
        <section class="list-group" aria-labelledby="list-measures-title">
          <h3 id="list-measures-title">{t('listView.measures')}</h3>
          <ul>
            <For each={props.model.measures()}>
              {(m) => (
                <li>
                  <strong>{m.title}</strong>{' '}
                  <span class="hint">{[m.owner, m.department, m.due].filter(Boolean).join(' · ')}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </section>
  )
}
