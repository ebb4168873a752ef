/**
 * A read-only Solid projection of the board for rendering, and the card operations routed to
 * the right document: facilitators write the board, participants their desk (their own cards,
 * and wishes to move other people's cards when the facilitator allows it). Cards still only on
 * a participant's desk (held back, refused, or written offline) are shown from the desk, with
 * the server's record of why (`cardStates`). What this screen may do comes from the shared
 * policy, the same rules the server applies.
 */
import { type Accessor, batch, createSignal, onCleanup } from 'solid-js'
import { createStore } from 'solid-js/store'
import type * as Y from 'yjs'
import { addCard, deleteCard, moveCard, recolorCard, setCardText } from '../../../shared/board/card-ops.ts'
import {
  DEFAULT_FACILITATION,
  type Facilitation,
  facilitationOf,
  readFacilitation,
} from '../../../shared/board/facilitation.ts'
import { type Frame, frameIdAt, framesOf, readFrames, setCardFrame } from '../../../shared/board/frames.ts'
import { type Measure, measuresOf, readMeasures } from '../../../shared/board/measures.ts'
import { type CardColor, isCardStateKind, movesOf, notesOf } from '../../../shared/board/schema.ts'
import {
  type Actor,
  type CardFacts,
  mayChangeRecordedCard,
  mayCreateCard,
  mayDeleteCard,
  mayEditCard,
  mayEnterForOthers,
  mayMoveCard,
  mayVote,
  mayWithdrawRecordedCard,
  writesBoard,
  writesDesk,
} from '../../../shared/policy/permissions.ts'
import { type Group, isRole } from '../../../shared/policy/roles.ts'
import { type Phase, readScript, scriptOf } from '../../../shared/script/script-schema.ts'
import { readResults, resultsOf, type VoteResults } from '../../../shared/votes/results.ts'
import type { BoardConnection } from './board-connection.ts'
import { storeSink } from './card-store.ts'
import type { CardView } from './card-views.ts'
import { watchCardViews } from './live-card-views.ts'
import { type Draft, draftCard } from './new-cards.ts'
import { LOCAL_ORIGIN } from './undo.ts'

export type { CardStatus, CardView } from './card-views.ts'

export interface Viewer {
  participantId: string
  name: string
  role: string
  isFacilitator: boolean
  /** The workshop is closed: nobody writes (the server refuses it too). */
  closed?: boolean
}

export interface BoardModel {
  workshopId: string
  board: Y.Doc
  isFacilitator: boolean
  cards: CardView[]
  canWrite: boolean
  facilitation: Accessor<Facilitation>
  script: Accessor<Phase[]>
  results: Accessor<VoteResults[]>
  measures: Accessor<Measure[]>
  frames: Accessor<Frame[]>
  canEdit(card: CardView): boolean
  canDelete(card: CardView): boolean
  canMove(card: CardView): boolean
  /** May add cards now (phase, lock and role allowing). */
  mayCreate(): boolean
  /** Casts ballots when a vote runs. */
  mayVote: boolean
  /** Enters paper cards for people in the room (an assistant). */
  entersForOthers: boolean
  /**
   * Adds a card. `group`: an assistant's card entered for someone in the room; `open: false`
   * keeps the focus where it is (the assistant's entry form) instead of opening the card.
   */
  add(
    text: string,
    x: number,
    y: number,
    color: CardColor,
    options?: { group?: Group; open?: boolean },
  ): string
  move(id: string, x: number, y: number): void
  setText(id: string, text: string): void
  recolor(id: string, color: CardColor): void
  remove(id: string): void
  /** The card this screen added last, so it opens for typing. */
  justAdded: Accessor<string | null>
  /**
   * The editor of a card closed with `text` in it. A new card of this screen left blank is
   * dropped (a draft never left this screen); the card no longer opens by itself. Answers
   * whether the card was dropped.
   */
  settle(id: string, text: string): boolean
  /** The document this screen writes its cards to (board or desk); null when it writes none. */
  target: Y.Doc | null
  /** Moves, recolours or deletes several cards as one change: one update, one undo step. */
  moveAll(moves: { id: string; x: number; y: number }[]): void
  recolorAll(ids: string[], color: CardColor): void
  removeAll(ids: string[]): void
}

/**
 * A card with a facilitator's decision on record is not its author's to change any more (the
 * server refuses such desk changes), like a hidden card on the board; a held card still is.
 */
function factsOf(card: CardView): CardFacts {
  const status = card.status
  const decided = isCardStateKind(status) && mayChangeRecordedCard(status) !== 'held'
  return { authorId: card.authorId, hidden: card.hidden !== null || decided }
}

function newCardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 20)
}

/** `connection`: a live connection, or a snapshot's board alone (history: no desk, nothing sent). */
export function createBoardModel(
  connection: Pick<BoardConnection, 'workshopId' | 'board' | 'desk'>,
  viewer: Viewer,
): BoardModel {
  const { board, desk } = connection
  const [cards, setCards] = createStore<CardView[]>([])
  const [facilitation, setFacilitation] = createSignal<Facilitation>(DEFAULT_FACILITATION, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const [justAdded, setJustAdded] = createSignal<string | null>(null)
  const same = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b)
  const [script, setScript] = createSignal<Phase[]>([], { equals: same })
  const [results, setResults] = createSignal<VoteResults[]>([], { equals: same })
  const [measures, setMeasures] = createSignal<Measure[]>([], { equals: same })
  const [frames, setFrames] = createSignal<Frame[]>([], { equals: same })
  // New cards of this screen still without text (new-cards.ts), and those whose editor is open.
  const drafts = new Map<string, Draft>()
  const fresh = new Set<string>()

  // Each reader re-reads its root only when that root changed; cards are re-read one by one
  // (live-card-views.ts). Changes are applied together in a microtask, once per burst of updates.
  const dirtyRoots = new Set<() => void>()
  let scheduled = false
  const flush = () => {
    scheduled = false
    batch(() => {
      liveCards.flush()
      for (const reread of dirtyRoots) reread()
      dirtyRoots.clear()
    })
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    queueMicrotask(flush)
  }
  const watchRoot = <E>(root: Y.AbstractType<E>, reread: () => void) => {
    const onChange = () => {
      dirtyRoots.add(reread)
      schedule()
    }
    root.observeDeep(onChange)
    onCleanup(() => root.unobserveDeep(onChange))
    reread()
  }
  // A draft shows as this person's card "not on the board yet" until its first character.
  const draftViews = {
    view(id: string): CardView | null {
      const draft = drafts.get(id)
      if (!draft) return null
      return {
        ...draftCard(draft),
        authorName: viewer.name,
        authorRole: viewer.role,
        authorId: viewer.participantId,
        mine: true,
        pending: true,
        refusal: null,
        status: 'pending',
        statusReason: null,
      }
    },
  }
  const liveCards = watchCardViews(board, desk, viewer, storeSink(cards, setCards), schedule, draftViews)
  onCleanup(() => liveCards.dispose())
  watchRoot(facilitationOf(board), () => setFacilitation(readFacilitation(board)))
  watchRoot(scriptOf(board), () => setScript(readScript(board)))
  watchRoot(resultsOf(board), () => setResults(readResults(board)))
  watchRoot(measuresOf(board), () => setMeasures(readMeasures(board)))
  watchRoot(framesOf(board), () => setFrames(readFrames(board)))

  const actor: Actor = {
    participantId: viewer.participantId,
    role: isRole(viewer.role) ? viewer.role : 'observer',
    isFacilitator: viewer.isFacilitator,
  }
  const canWrite = !viewer.closed && (writesBoard(actor) || (desk !== null && writesDesk(actor)))
  const target = writesBoard(actor) ? board : desk
  /** This screen's own change: the origin undo tracks. */
  const local = (fn: () => void) => target?.transact(fn, LOCAL_ORIGIN)
  const moveAll = (moves: { id: string; x: number; y: number }[]) => {
    if (!target) return
    const wishes = movesOf(target)
    const own = (id: string) => viewer.isFacilitator || notesOf(target).has(id)
    // Undo puts back the wish before; a first wish has none, so it starts where the card is (untracked).
    const first = moves.filter((m) => !own(m.id) && !wishes.has(m.id))
    if (first.length > 0) {
      target.transact(() => {
        for (const { id } of first) {
          const card = cards.find((c) => c.id === id)
          if (card) wishes.set(id, { x: card.x, y: card.y })
        }
      })
    }
    const placed = moves.filter((m) => {
      const draft = drafts.get(m.id)
      if (draft) {
        drafts.set(m.id, { ...draft, x: Math.round(m.x), y: Math.round(m.y) })
        liveCards.touch(m.id)
      }
      return !draft
    })
    if (placed.length === 0) return
    local(() => {
      for (const { id, x, y } of placed) {
        if (own(id)) {
          moveCard(target, id, x, y)
          // Dropped inside a frame the card joins it, outside it leaves it: recorded with the move.
          setCardFrame(target, id, frameIdAt({ x: Math.round(x), y: Math.round(y) }, frames()))
        } else wishes.set(id, { x: Math.round(x), y: Math.round(y) })
      }
    })
  }
  const removeAll = (allIds: string[]) => {
    if (!target) return
    // A draft never left this screen: dropping it is all there is to do.
    const ids = allIds.filter((id) => {
      if (!drafts.delete(id)) return true
      liveCards.touch(id)
      return false
    })
    // A facilitator deleting someone else's card is a moderation act the server records for its
    // author; undo could only bring it back as the facilitator's own card, so it is not tracked.
    const moderated = (id: string) => viewer.isFacilitator && cards.some((c) => c.id === id && !c.mine)
    const others = ids.filter(moderated)
    if (others.length > 0)
      target.transact(() => {
        for (const id of others) deleteCard(target, id)
      })
    const mine = ids.filter((id) => !moderated(id))
    if (mine.length > 0)
      local(() => {
        for (const id of mine) deleteCard(target, id)
      })
  }

  return {
    workshopId: connection.workshopId,
    board,
    isFacilitator: viewer.isFacilitator,
    cards,
    canWrite,
    facilitation,
    script,
    results,
    measures,
    frames,
    justAdded,
    canEdit: (card) => canWrite && mayEditCard(actor, factsOf(card), facilitation()).ok,
    canDelete: (card) =>
      canWrite &&
      (card.pending && card.mine && isCardStateKind(card.status)
        ? mayWithdrawRecordedCard(card.status).ok
        : mayDeleteCard(actor, factsOf(card), facilitation()).ok),
    // A decided card on the desk stays where it was: moving it would change nothing.
    canMove: (card) =>
      canWrite &&
      !(card.pending && factsOf(card).hidden) &&
      mayMoveCard(actor, factsOf(card), facilitation()).ok,
    mayCreate: () => canWrite && mayCreateCard(actor, facilitation()).ok,
    mayVote: mayVote(actor),
    entersForOthers: canWrite && mayEnterForOthers(actor),
    add(text, x, y, color, options) {
      const id = newCardId()
      if (!target) return id
      if (text.trim() === '') {
        // Written to the document with its first character (setText), never empty.
        drafts.set(id, { id, x, y, color, group: options?.group ?? null, createdAt: Date.now() })
        liveCards.touch(id)
      } else local(() => addCard(target, id, { text, x, y, color, group: options?.group }))
      if (options?.open !== false) {
        fresh.add(id)
        setJustAdded(id)
      }
      return id
    },
    move: (id, x, y) => moveAll([{ id, x, y }]),
    moveAll,
    setText(id, text) {
      if (!target) return
      const draft = drafts.get(id)
      if (!draft) return local(() => setCardText(target, id, text))
      if (text.trim() === '') return
      drafts.delete(id)
      const { x, y, color, group, createdAt } = draft
      local(() => addCard(target, id, { text, x, y, color, ...(group ? { group } : {}) }, createdAt))
    },
    recolor(id, color) {
      const draft = drafts.get(id)
      if (draft) {
        drafts.set(id, { ...draft, color })
        liveCards.touch(id)
      } else if (target) local(() => recolorCard(target, id, color))
    },
    recolorAll: (ids, color) =>
      target &&
      local(() => {
        for (const id of ids) recolorCard(target, id, color)
      }),
    remove: (id) => removeAll([id]),
    removeAll,
    target,
    settle(id, text) {
      if (justAdded() === id) setJustAdded(null)
      const isNew = fresh.delete(id)
      if (!isNew || text.trim() !== '') return false
      if (drafts.delete(id)) liveCards.touch(id)
      else if (target) deleteCard(target, id)
      return true
    },
  }
}
