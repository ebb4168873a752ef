/**
 * Keeps the screen's list of cards (card-views.ts) up to date from Yjs events, one changed card
 * at a time: a keystroke on a 5,000-card board reads one card, not 5,000. Each event names the
 * cards it touched (a key of `notes`, `refusals` or `cardStates`, or the first step of a nested
 * event's path); `flush` re-reads just those and tells the sink. The order is the full read's:
 * drawing order (card-views.ts `drawAt`: one's own card keeps its place when the server places
 * it). This screen's drafts (new cards without text, new-cards.ts) come from `drafts` and are
 * re-read when `touch` names them.
 */
import * as Y from 'yjs'
import { facilitationOf, readFacilitation } from '../../../shared/board/facilitation.ts'
import { cardStatesOf, notesOf, readCard, refusalsOf } from '../../../shared/board/schema.ts'
import {
  boardCardView,
  type CardView,
  type CardViewer,
  deskCardView,
  drawAt,
  readCardViews,
  type WaitingSwitches,
} from './card-views.ts'

/** Where the list goes (a Solid store in the app, a plain array in tests). */
export interface CardSink {
  /**
   * The whole list, when cards came, went or changed place. An entry for a card the sink already
   * holds may be stale: `update` follows for every card whose content changed.
   */
  replace(next: CardView[]): void
  /** The card at `index` (in the last list given) now reads `view`. */
  update(index: number, view: CardView): void
}

export interface LiveCardViews {
  /** Re-reads the cards named by events (and `touch`) since the last flush. */
  flush(): void
  /** Marks a card to re-read (a draft that changed, came or went). */
  touch(id: string): void
  dispose(): void
}

/** This screen's new cards that are on no document yet. */
export interface DraftViews {
  view(id: string): CardView | null
}

/** Above this many new board cards in one flush, one sort beats inserting each. */
const SORT_ABOVE = 64

interface Placed {
  id: string
  at: number
}
const before = (a: Placed, b: Placed) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function sameHidden(a: CardView['hidden'], b: CardView['hidden']): boolean {
  return a === b || (a !== null && b !== null && a.reason === b.reason && a.by === b.by && a.at === b.at)
}

function sameView(a: CardView, b: CardView): boolean {
  for (const key of Object.keys(b) as (keyof CardView)[]) {
    if (key === 'hidden' ? !sameHidden(a.hidden, b.hidden) : a[key] !== b[key]) return false
  }
  return true
}

/** `onDirty`: something changed; call `flush` soon (the board model batches it in a microtask). */
export function watchCardViews(
  board: Y.Doc,
  desk: Y.Doc | null,
  viewer: CardViewer,
  sink: CardSink,
  onDirty: () => void,
  drafts: DraftViews | null = null,
): LiveCardViews {
  const boardNotes = notesOf(board)
  const deskNotes = desk ? notesOf(desk) : null
  const switches = (): WaitingSwitches => readFacilitation(board)

  const views = new Map<string, CardView>()
  /** Every shown card in drawing order, with the time it is drawn at. */
  let order: Placed[] = []
  /** Cards only on the desk: they read the waiting switches. */
  const deskOnly = new Set<string>()
  let indexOf = new Map<string, number>()
  const dirty = new Set<string>()
  let allDeskDirty = false

  const publish = () => {
    indexOf = new Map(order.map((placed, i) => [placed.id, i]))
    sink.replace(order.map((placed) => views.get(placed.id) as CardView))
  }

  for (const view of readCardViews(board, desk, viewer, switches())) {
    views.set(view.id, view)
    order.push({ id: view.id, at: drawAt(view, desk) })
    if (view.pending) deskOnly.add(view.id)
  }
  publish()

  /** A view of the card as the full read would give it, or null when it is on neither doc. */
  const read = (id: string, waiting: () => WaitingSwitches): CardView | null => {
    const onBoard = boardNotes.get(id)
    if (onBoard instanceof Y.Map) return boardCardView(readCard(id, onBoard), desk, viewer)
    const onDesk = deskNotes?.get(id)
    if (desk && onDesk instanceof Y.Map) return deskCardView(id, onDesk, desk, viewer, waiting())
    return drafts?.view(id) ?? null
  }

  const insertionPoint = (placed: Placed) => {
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(order[mid] as Placed, placed) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  const flush = () => {
    if (allDeskDirty) for (const id of deskOnly) dirty.add(id)
    allDeskDirty = false
    if (dirty.size === 0) return
    let cachedSwitches: WaitingSwitches | null = null
    const waiting = () => {
      cachedSwitches ??= switches()
      return cachedSwitches
    }
    const left = new Set<string>()
    const joined: Placed[] = []
    const changed: CardView[] = []
    // indexOf is the last published order's, which `order` still is here: no O(n) map per flush.
    const placedAt = (id: string) => {
      const index = indexOf.get(id)
      return index === undefined ? undefined : order[index]?.at
    }
    for (const id of dirty) {
      const prev = views.get(id)
      const next = read(id, waiting)
      const prevAt = placedAt(id)
      const nextAt = next ? drawAt(next, desk) : undefined
      // Leaving the list, joining it, or changing place in it.
      if (prev !== undefined && (next === null || prevAt !== nextAt)) left.add(id)
      if (next !== null && nextAt !== undefined && (prev === undefined || prevAt !== nextAt))
        joined.push({ id, at: nextAt })
      if (next?.pending) deskOnly.add(id)
      else deskOnly.delete(id)
      if (next === null) {
        views.delete(id)
      } else if (!prev || !sameView(prev, next)) {
        views.set(id, next)
        changed.push(next)
      }
    }
    dirty.clear()

    if (left.size || joined.length) {
      if (left.size) order = order.filter((placed) => !left.has(placed.id))
      if (joined.length > SORT_ABOVE) order = order.concat(joined).sort(before)
      else for (const placed of joined) order.splice(insertionPoint(placed), 0, placed)
      publish()
    }
    for (const view of changed) sink.update(indexOf.get(view.id) as number, view)
  }

  const mark = (id: string) => {
    dirty.add(id)
    onDirty()
  }
  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[], notes: object) => {
    for (const event of events) {
      if (event.target === notes) for (const id of (event as Y.YMapEvent<unknown>).keysChanged) mark(id)
      else if (typeof event.path[0] === 'string') mark(event.path[0])
    }
  }
  const onBoardNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => onNotes(events, boardNotes)
  const onDeskNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => deskNotes && onNotes(events, deskNotes)
  const onKeys = (event: { keysChanged: Set<string> }) => {
    for (const id of event.keysChanged) mark(id)
  }
  // The switches only matter for desk cards without a record: re-read those (a few hundred at most).
  const onFacilitation = () => {
    if (deskOnly.size === 0) return
    allDeskDirty = true
    onDirty()
  }

  boardNotes.observeDeep(onBoardNotes)
  deskNotes?.observeDeep(onDeskNotes)
  const refusals = desk ? refusalsOf(desk) : null
  const states = desk ? cardStatesOf(desk) : null
  refusals?.observe(onKeys)
  states?.observe(onKeys)
  const facilitation = desk ? facilitationOf(board) : null
  facilitation?.observeDeep(onFacilitation)

  return {
    flush,
    touch: mark,
    dispose() {
      boardNotes.unobserveDeep(onBoardNotes)
      deskNotes?.unobserveDeep(onDeskNotes)
      refusals?.unobserve(onKeys)
      states?.unobserve(onKeys)
      facilitation?.unobserveDeep(onFacilitation)
    },
  }
}
