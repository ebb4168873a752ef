/**
 * Which cards are selected on this screen (multi-select), and the geometry of lasso and group
 * moves. Nothing here is shared: a selection is one person's, never written to the board.
 */
import { type Accessor, createSignal } from 'solid-js'
import { CARD_SIZE } from '../../../shared/board/free-spot.ts'

export interface Rect {
  x1: number
  y1: number
  x2: number
  y2: number
}

export interface Selection {
  ids: Accessor<ReadonlySet<string>>
  has(id: string): boolean
  toggle(id: string): void
  /** Replaces the selection, or (`add`) adds to it. */
  set(ids: Iterable<string>, add?: boolean): void
  /** Keeps only the ids still on the board. */
  keep(present: ReadonlySet<string>): void
  clear(): void
}

export function createSelection(): Selection {
  const [ids, setIds] = createSignal<ReadonlySet<string>>(new Set())
  return {
    ids,
    has: (id) => ids().has(id),
    toggle(id) {
      const next = new Set(ids())
      if (!next.delete(id)) next.add(id)
      setIds(next)
    },
    set(list, add = false) {
      setIds(new Set<string>([...(add ? ids() : []), ...list]))
    },
    keep(present) {
      const current = ids()
      if ([...current].every((id) => present.has(id))) return
      setIds(new Set([...current].filter((id) => present.has(id))))
    },
    clear() {
      if (ids().size > 0) setIds(new Set<string>())
    },
  }
}

/** Cards (at their canvas position, card-sized) that the rectangle touches, in canvas coordinates. */
export function cardsInRect(cards: readonly { id: string; x: number; y: number }[], rect: Rect): string[] {
  const left = Math.min(rect.x1, rect.x2)
  const right = Math.max(rect.x1, rect.x2)
  const top = Math.min(rect.y1, rect.y2)
  const bottom = Math.max(rect.y1, rect.y2)
  return cards
    .filter(
      (c) => c.x < right && c.x + CARD_SIZE.width > left && c.y < bottom && c.y + CARD_SIZE.height > top,
    )
    .map((c) => c.id)
}

/**
 * Where each card of a group goes when one of them (`id`) is put at (x, y): all keep their
 * distances. `base`: where the group's cards were when the move began.
 */
export function groupMoves(
  base: ReadonlyMap<string, { x: number; y: number }>,
  id: string,
  x: number,
  y: number,
): { id: string; x: number; y: number }[] {
  const from = base.get(id)
  if (!from) return [{ id, x, y }]
  const dx = x - from.x
  const dy = y - from.y
  return [...base].map(([other, p]) => ({ id: other, x: Math.round(p.x + dx), y: Math.round(p.y + dy) }))
}
