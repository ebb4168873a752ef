/**
 * Spotlight brings the card into view: when the facilitator spotlights a card, every other
 * screen pans (at its own zoom) so that the card is in the middle, once per spotlight; after
 * that everyone may look elsewhere. Someone joining while a spotlight is on is taken there too.
 * A screen that already shows the whole card (the facilitator's, who clicked it) stays as it is.
 */
import { createEffect, untrack } from 'solid-js'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'
import type { BoardModel } from './board-model.ts'
import type { Viewport } from './viewport.ts'

export function followSpotlight(
  model: BoardModel,
  viewport: Viewport,
  canvasSize: () => { width: number; height: number },
): void {
  let shown: string | null = null
  createEffect(() => {
    const id = model.facilitation().spotlight
    if (id === null) {
      shown = null
      return
    }
    if (id === shown) return
    const card = model.cards.find((c) => c.id === id)
    // Not synced yet (or not on the board): the effect runs again when the cards change.
    if (!card) return
    shown = id
    // Read, not tracked: panning afterwards must not bring the card back.
    const { width, height } = untrack(canvasSize)
    const v = untrack(viewport.view)
    const left = card.x * v.scale + v.x
    const top = card.y * v.scale + v.y
    const inView =
      left >= 0 &&
      top >= 0 &&
      left + CARD_SIZE.width * v.scale <= width &&
      top + CARD_SIZE.height * v.scale <= height
    if (!inView)
      viewport.centreOn(card.x + CARD_SIZE.width / 2, card.y + CARD_SIZE.height / 2, v.scale, width, height)
  })
}
