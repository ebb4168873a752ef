/**
 * The Solid store side of live-card-views.ts: a card already shown keeps its object in the store
 * (so `<For>` keeps its element, focus and editor), and a changed card is patched field by field.
 */
import { reconcile, type SetStoreFunction, unwrap } from 'solid-js/store'
import type { CardView } from './card-views.ts'
import type { CardSink } from './live-card-views.ts'

export function storeSink(cards: CardView[], setCards: SetStoreFunction<CardView[]>): CardSink {
  return {
    replace(next) {
      const shown = new Map(unwrap(cards).map((card) => [card.id, card]))
      // Only the places whose object differs notify: new cards, and those that moved.
      setCards(next.map((view) => shown.get(view.id) ?? view))
    },
    update(index, view) {
      setCards(index, reconcile(view))
    },
  }
}
