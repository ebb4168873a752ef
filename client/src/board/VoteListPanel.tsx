/**
 * Voting on a phone: every card that takes points as a row with − and + buttons of 44 × 44 px,
 * whatever the canvas's zoom (on the canvas the buttons shrink with the cards). The same rule as
 * the canvas for which cards take points, and the same ballot (voting.ts).
 */
import { For, type JSX, Show } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import type { Voting } from './voting.ts'

/** Points go to cards on the board: not to a draft, a waiting card or a moderation record. */
function takesPoints(card: CardView): boolean {
  return !card.pending && !card.hidden && card.status !== 'hidden' && card.status !== 'deleted'
}

export function VoteListPanel(props: { model: BoardModel; voting: Voting }): JSX.Element {
  const cards = () => props.model.cards.filter(takesPoints)
  const name = (card: CardView) => card.text || t('phone.emptyCard')
  return (
    <Show when={props.voting.active()}>
      <section class="panel phone-panel vote-list" aria-labelledby="vote-list-title">
        <h2 id="vote-list-title">{t('phone.voteList')}</h2>
        <p class="hint" aria-live="polite">
          {t('vote.budget', { remaining: props.voting.remaining(), budget: props.voting.budget() })}
        </p>
        <Show when={cards().length > 0} fallback={<p class="hint">{t('phone.nothingToVote')}</p>}>
          <ul class="phone-list">
            <For each={cards()}>
              {(card) => (
                <li class={`phone-item card-${card.color}`}>
                  <span class="phone-item-text">{name(card)}</span>
                  <div class="phone-vote">
                    <button
                      type="button"
                      aria-label={t('phone.lessFor', { text: name(card) })}
                      disabled={props.voting.pointsOn(card.id) === 0}
                      onClick={() => props.voting.cast(card.id, props.voting.pointsOn(card.id) - 1)}
                    >
                      −
                    </button>
                    <span class="vote-count">
                      {t('vote.onCard', { points: props.voting.pointsOn(card.id) })}
                    </span>
                    <button
                      type="button"
                      aria-label={t('phone.moreFor', { text: name(card) })}
                      onClick={() => props.voting.cast(card.id, props.voting.pointsOn(card.id) + 1)}
                    >
                      +
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </Show>
  )
}
