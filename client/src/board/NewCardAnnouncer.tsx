/**
 * A polite live region on the board: "Neue Karte von Anna: …" when someone else's card arrives,
 * one sentence per batch and at most one every few seconds (card-announcements.ts).
 */
import { createEffect, createSignal, type JSX, onCleanup } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { BoardModel } from './board-model.ts'
import { type Batch, createCardAnnouncements } from './card-announcements.ts'

/** At most one announcement this often. */
const INTERVAL_MS = 4000

function sentence(batch: Batch): string {
  if (batch.count === 1) {
    return batch.author
      ? t('announce.oneBy', { author: batch.author, text: batch.text })
      : t('announce.one', { text: batch.text })
  }
  return batch.author
    ? t('announce.manyBy', { count: batch.count, author: batch.author, text: batch.text })
    : t('announce.many', { count: batch.count, text: batch.text })
}

export function NewCardAnnouncer(props: { model: BoardModel }): JSX.Element {
  const [message, setMessage] = createSignal('')
  const announcements = createCardAnnouncements()
  createEffect(() => {
    // Tracks the list and each card's id and state, not its text (read when a batch is said),
    // so nobody's typing re-runs this.
    announcements.observe(
      props.model.cards.map((c) => ({
        id: c.id,
        mine: c.mine,
        pending: c.pending,
        hidden: c.hidden,
        text: '',
        authorName: null,
      })),
      Date.now(),
    )
  })
  const timer = setInterval(() => {
    const batch = announcements.take(props.model.cards, Date.now(), props.model.facilitation().showAuthors)
    if (batch) setMessage(sentence(batch))
  }, INTERVAL_MS)
  onCleanup(() => clearInterval(timer))
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer="cards">
      {message()}
    </div>
  )
}
