/**
 * "Meine Karten" on a phone: each card one has written, in words where it stands (on the board,
 * held for privacy, waiting for approval, refused with the reason, deleted), and a button that
 * brings it into view on the canvas. A phone's canvas shows a few cards at a time; this list
 * shows all of one's own.
 */
import { For, type JSX, Show } from 'solid-js'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'
import { refusalText, t } from '../i18n/i18n.ts'
import type { BoardModel, CardView } from './board-model.ts'
import { statusText } from './CardStatusBadges.tsx'
import type { PhoneTabs } from './phone-layout.ts'
import type { Viewport } from './viewport.ts'

export function MyCardsPanel(props: { model: BoardModel; viewport: Viewport; tabs: PhoneTabs }): JSX.Element {
  const mine = () => props.model.cards.filter((card) => card.mine && card.enteredBy === null)
  const show = (card: CardView) => {
    props.tabs.setTab('board')
    // The canvas is laid out also while another view covers it (phone.css), so its size is true.
    const rect = document.querySelector('.canvas')?.getBoundingClientRect()
    const scale = props.viewport.view().scale
    props.viewport.centreOn(
      card.x + CARD_SIZE.width / 2,
      card.y + CARD_SIZE.height / 2,
      scale,
      rect?.width ?? 390,
      rect?.height ?? 600,
    )
    document.querySelector<HTMLElement>(`.canvas [data-card-id="${CSS.escape(card.id)}"]`)?.focus({
      preventScroll: true,
    })
  }
  return (
    <section class="panel phone-panel my-cards" aria-labelledby="my-cards-title">
      <h2 id="my-cards-title">
        {t('phone.myCards')} ({mine().length})
      </h2>
      <Show when={mine().length > 0} fallback={<p class="hint">{t('phone.noCards')}</p>}>
        <ul class="phone-list">
          <For each={mine()}>
            {(card) => (
              <li class={`phone-item card-${card.color}`}>
                <span class="phone-item-text">{card.text || t('phone.emptyCard')}</span>
                <span class="phone-item-state" data-status={card.status}>
                  {statusText(card)}
                  <Show when={card.refusal}>
                    {(reason) => <> · {t('board.refused', { reason: refusalText(reason()) })}</>}
                  </Show>
                </span>
                <Show when={card.status === 'board'}>
                  <button
                    type="button"
                    class="phone-item-action"
                    aria-label={t('phone.showOnBoardName', { text: card.text || t('phone.emptyCard') })}
                    onClick={() => show(card)}
                  >
                    {t('phone.showOnBoard')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
