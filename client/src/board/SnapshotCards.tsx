/**
 * A snapshot's cards as a plain list, frame by frame (a card belongs to the frame its top-left
 * corner lies in, as on the canvas and in the minutes): the text (a hidden card's reason only),
 * the author where that phase showed authors, and the points of the vote results of that time.
 */
import { createMemo, For, type JSX, Show } from 'solid-js'
import { frameOf } from '../../../shared/board/frames.ts'
import { countOf, t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { ResultsView } from './VotingPanel.tsx'

export function SnapshotCards(props: { model: BoardModel }): JSX.Element {
  const groups = createMemo(() => {
    const frames = props.model.frames()
    const byFrame = new Map<string | null, CardView[]>()
    for (const card of props.model.cards) {
      const key = frameOf(card, frames)?.id ?? null
      byFrame.set(key, [...(byFrame.get(key) ?? []), card])
    }
    return [
      ...frames.map((f) => ({ id: f.id, title: f.title, cards: byFrame.get(f.id) ?? [] })),
      ...(byFrame.has(null) ? [{ id: '', title: t('history.noFrame'), cards: byFrame.get(null) ?? [] }] : []),
    ]
  })
  const points = (cardId: string) =>
    props.model
      .results()
      .at(-1)
      ?.cards.find((c) => c.cardId === cardId)?.total
  return (
    <section class="panel history-cards" aria-labelledby="history-cards-title">
      <h2 id="history-cards-title">{t('history.cards')}</h2>
      <For each={groups()} fallback={<p>{t('history.noCards')}</p>}>
        {(group) => (
          <>
            <h3>{group.title}</h3>
            <ul>
              <For each={group.cards} fallback={<li class="hint">{t('history.noCards')}</li>}>
                {(card) => (
                  <li data-list-card={card.id}>
                    <Show when={card.hidden} fallback={<span class="history-text">{card.text}</span>}>
                      {(hidden) => <em>{t('history.hiddenCard', { reason: hidden().reason })}</em>}
                    </Show>
                    <Show when={props.model.facilitation().showAuthors && card.authorName}>
                      <span class="hint"> — {card.authorName}</span>
                    </Show>
                    <Show when={points(card.id) !== undefined}>
                      <span class="hint">
                        {' '}
                        · {t('history.points', { points: countOf('points', points(card.id) ?? 0) })}
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </For>
      <For each={props.model.results()}>
        {(results) => <ResultsView results={results} model={props.model} />}
      </For>
    </section>
  )
}
