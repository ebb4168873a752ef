/**
 * Keeps the screen's list of cards (card-views.ts) up to date from Yjs events, one changed card
 * at a time: a keystroke on a 5,000-card board reads one card, not 5,000. Each event names the
 * cards it touched (a key of `notes`, `refusals` or `cardStates`, or the first step of a nested
 * event's path); `flush` re-reads just those and tells the sink. The order is the full read's:
 * board cards oldest first (ties by id), then desk-only cards in the desk's order.
 */
import * as Y from 'yjs'
import { facilitationOf, readFacilitation } from '../../../shared/board/facilitation.ts'
import { cardStatesOf, notesOf, readCard, refusalsOf } from '../../../shared/board/schema.ts'
import {
  boardCardView,
  type CardView,
  type CardViewer,
  deskCardView,
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
  /** Re-reads the cards named by events since the last flush. */
  flush(): void
  dispose(): void
}

/** Above this many new board cards in one flush, one sort beats inserting each. */
const SORT_ABOVE = 64

const before = (a: CardView, b: CardView) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

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
): LiveCardViews {
  const boardNotes = notesOf(board)
  const deskNotes = desk ? notesOf(desk) : null
  const switches = (): WaitingSwitches => readFacilitation(board)

  const views = new Map<string, CardView>()
  let order: string[] = []
  let deskOnly: string[] = []
  let indexOf = new Map<string, number>()
  const dirty = new Set<string>()
  let allDeskDirty = false

  const publish = () => {
    const shown = deskOnly.length ? order.concat(deskOnly) : order
    indexOf = new Map(shown.map((id, i) => [id, i]))
    sink.replace(shown.map((id) => views.get(id) as CardView))
  }
  const readDeskOnly = () => {
    const ids: string[] = []
    deskNotes?.forEach((map, id) => {
      if (map instanceof Y.Map && !(boardNotes.get(id) instanceof Y.Map)) ids.push(id)
    })
    return ids
  }

  for (const view of readCardViews(board, desk, viewer, switches())) {
    views.set(view.id, view)
    ;(view.pending ? deskOnly : order).push(view.id)
  }
  publish()

  /** A view of the card as the full read would give it, or null when it is on neither doc. */
  const read = (id: string, waiting: () => WaitingSwitches): CardView | null => {
    const onBoard = boardNotes.get(id)
    if (onBoard instanceof Y.Map) return boardCardView(readCard(id, onBoard), desk, viewer)
    const onDesk = deskNotes?.get(id)
    return desk && onDesk instanceof Y.Map ? deskCardView(id, onDesk, desk, viewer, waiting()) : null
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
    const leftBoard = new Set<string>()
    const joinedBoard: CardView[] = []
    let deskChanged = false
    const changed: CardView[] = []
    for (const id of dirty) {
      const prev = views.get(id)
      const next = read(id, waiting)
      const wasOnBoard = prev !== undefined && !prev.pending
      const isOnBoard = next !== null && !next.pending
      // Leaving or joining the board's order, or changing place in it (createdAt).
      if (wasOnBoard && (!isOnBoard || prev.createdAt !== next.createdAt)) leftBoard.add(id)
      if (isOnBoard && (!wasOnBoard || prev.createdAt !== next.createdAt)) joinedBoard.push(next)
      if ((prev?.pending ?? false) !== (next?.pending ?? false)) deskChanged = true
      if (next === null) {
        views.delete(id)
      } else if (!prev || !sameView(prev, next)) {
        views.set(id, next)
        changed.push(next)
      }
    }
    dirty.clear()

    if (leftBoard.size || joinedBoard.length || deskChanged) {
      if (leftBoard.size) order = order.filter((id) => !leftBoard.has(id))
      if (joinedBoard.length > SORT_ABOVE) {
        order = order.concat(joinedBoard.map((view) => view.id))
        const all = order.map((id) => views.get(id) as CardView).sort(before)
        order = all.map((view) => view.id)
      } else {
        for (const view of joinedBoard) order.splice(insertionPoint(order, view), 0, view.id)
      }
      deskOnly = readDeskOnly()
      publish()
    }
    for (const view of changed) sink.update(indexOf.get(view.id) as number, view)
  }

  const insertionPoint = (ids: string[], view: CardView) => {
    let lo = 0
    let hi = ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(views.get(ids[mid] as string) as CardView, view) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
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
    if (deskOnly.length === 0) return
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
    dispose() {
      boardNotes.unobserveDeep(onBoardNotes)
      deskNotes?.unobserveDeep(onDeskNotes)
      refusals?.unobserve(onKeys)
      states?.unobserve(onKeys)
      facilitation?.unobserveDeep(onFacilitation)
    },
  }
}
