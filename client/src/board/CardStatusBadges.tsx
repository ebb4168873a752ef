/**
 * Where one's own card stands, in words (never colour alone), and why it was refused: the same
 * on the canvas card (CardItem.tsx), in the list view (ListCard.tsx) and in "Meine Karten".
 */
import { type JSX, Show } from 'solid-js'
import { refusalText, t } from '../i18n/i18n.ts'
import type { CardView } from './board-model.ts'

/** Statuses of a card still on its way to the board. */
export const WAITING: ReadonlySet<string> = new Set(['pending', 'private', 'approval'])
/** Statuses the server keeps as a moderation record. */
export const RECORDS: ReadonlySet<string> = new Set(['hidden', 'deleted'])

/** Where a card stands, in words (never colour alone); null for other people's cards. */
export function statusText(card: CardView): string | null {
  const reason = card.statusReason
  switch (card.status) {
    case 'board':
      return t('board.onBoard')
    case 'pending':
      return t('board.pending')
    case 'private':
      return t('board.private')
    case 'approval':
      return t('board.awaitingApproval')
    case 'rejected':
      return reason ? t('board.rejectedBecause', { reason }) : t('board.rejected')
    case 'deleted':
      return reason ? t('board.deletedBecause', { reason }) : t('board.deleted')
    case 'hidden':
      return reason ? t('board.hidden', { reason }) : t('board.hiddenNoReason')
    default:
      return null
  }
}

/** A refusal explains a card still waiting better than "waiting" does; records always show. */
export function showsStatus(card: CardView): boolean {
  return !!statusText(card) && !(card.refusal && WAITING.has(card.status ?? ''))
}

/** The card's state and its refusal, as badges. */
export function CardStatusBadges(props: { card: CardView }): JSX.Element {
  return (
    <>
      <Show when={showsStatus(props.card)}>
        <span
          class="badge card-status"
          classList={{ warn: RECORDS.has(props.card.status ?? '') || props.card.status === 'rejected' }}
          data-status={props.card.status}
        >
          {statusText(props.card)}
        </span>
      </Show>
      <Show when={props.card.refusal}>
        {(reason) => <span class="badge warn">{t('board.refused', { reason: refusalText(reason()) })}</span>}
      </Show>
    </>
  )
}
