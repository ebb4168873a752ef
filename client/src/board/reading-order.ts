/**
 * Reading order of the board: frame by frame (frames top to bottom, then left to right), the
 * cards without a frame last; inside each, cards top to bottom, then left to right. The canvas's
 * roving focus and the list view both follow it, so a keyboard or screen reader user meets a
 * cluster's cards together. Which frame holds a card is `frameOf`'s answer alone.
 */
import { type Frame, frameOf } from '../../../shared/board/frames.ts'
import type { Card } from '../../../shared/board/schema.ts'

export interface FrameGroup<C> {
  /** null: the cards in no frame. */
  frame: Frame | null
  cards: C[]
}

const byPosition = <C extends Pick<Card, 'id' | 'x' | 'y'>>(a: C, b: C) =>
  a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Every frame (empty ones too, in board order) with its cards, then the cards in no frame. */
export function groupByFrame<C extends Card>(cards: readonly C[], frames: readonly Frame[]): FrameGroup<C>[] {
  const list = [...frames]
  const groups = new Map<string, C[]>(list.map((f) => [f.id, []]))
  const loose: C[] = []
  for (const card of cards) {
    const frame = frameOf(card, list)
    const bucket = frame ? groups.get(frame.id) : undefined
    if (bucket) bucket.push(card)
    else loose.push(card)
  }
  return [
    ...list.map((frame) => ({ frame, cards: (groups.get(frame.id) ?? []).sort(byPosition) })),
    { frame: null, cards: loose.sort(byPosition) },
  ]
}

/** Card ids in reading order. */
export function readingOrder<C extends Card>(cards: readonly C[], frames: readonly Frame[]): string[] {
  return groupByFrame(cards, frames).flatMap((g) => g.cards.map((c) => c.id))
}
