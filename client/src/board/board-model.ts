/**
 * A read-only Solid projection of the board for rendering, and the card operations routed to
 * the right document: facilitators write the board, participants their desk (their own cards,
 * and wishes to move other people's cards when the facilitator allows it). Cards still only on
 * a participant's desk (held back, refused, or written offline) are shown from the desk, with
 * the server's record of why (`cardStates`). What this screen may do comes from the shared
 * policy, the same rules the server applies.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import * as Y from 'yjs'
import { addCard, deleteCard, moveCard, recolorCard, setCardText } from '../../../shared/board/card-ops.ts'
import {
  DEFAULT_FACILITATION,
  type Facilitation,
  readFacilitation,
} from '../../../shared/board/facilitation.ts'
import { type Frame, frameIdAt, readFrames, setCardFrame } from '../../../shared/board/frames.ts'
import { type Measure, readMeasures } from '../../../shared/board/measures.ts'
import {
  type Card,
  type CardColor,
  type CardStateKind,
  cardStatesOf,
  isCardStateKind,
  movesOf,
  notesOf,
  readCard,
  readCardState,
  readCards,
  refusalsOf,
} from '../../../shared/board/schema.ts'
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
import { type Phase, readScript } from '../../../shared/script/script-schema.ts'
import { readResults, type VoteResults } from '../../../shared/votes/results.ts'
import type { BoardConnection } from './board-connection.ts'
import { type Draft, draftCard, inDrawingOrder } from './new-cards.ts'
import { LOCAL_ORIGIN } from './undo.ts'

/**
 * Where a card stands, as its author should know it: on the board, or one of the server's
 * records (`CardStateKind`), or `pending` (on the desk, not yet on the board, with no record:
 * in flight, or an older server that keeps none).
 */
export type CardStatus = 'board' | 'pending' | CardStateKind

export interface CardView extends Card {
  /** Written by the person at this screen. */
  mine: boolean
  /** On the desk but not (yet) on the board. */
  pending: boolean
  refusal: string | null
  /** Own cards (and hidden cards): where the card stands; null for other people's cards. */
  status: CardStatus | null
  /** The facilitator's reason for a rejection, deletion or hiding, if given. */
  statusReason: string | null
}

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

  const project = () => {
    const deskNotes = desk ? notesOf(desk) : null
    const refusals = desk ? refusalsOf(desk) : null
    const states = desk ? cardStatesOf(desk) : null
    const settings = readFacilitation(board)
    const seen = new Set<string>()
    // Once a card is on the board, the board is what everyone sees, its author included: a
    // facilitator may have moved it. A record for a card on the board only counts if it hides it.
    const views: CardView[] = readCards(board).map((card) => {
      seen.add(card.id)
      const mine = card.authorId === viewer.participantId
      const state = mine ? readCardState(states?.get(card.id)) : null
      const hiddenReason = card.hidden?.reason ?? (state?.state === 'hidden' ? (state.reason ?? '') : null)
      // The board keeps no text of a hidden card; its author still has it on their desk and
      // should know which of their cards was hidden.
      const deskCard = hiddenReason !== null && mine ? deskNotes?.get(card.id) : undefined
      return {
        ...card,
        text: deskCard instanceof Y.Map ? readCard(card.id, deskCard).text : card.text,
        mine,
        pending: false,
        refusal: refusals?.get(card.id) ?? null,
        status: hiddenReason !== null ? 'hidden' : mine && desk ? 'board' : null,
        statusReason: hiddenReason,
      }
    })
    deskNotes?.forEach((map, id) => {
      if (seen.has(id) || !(map instanceof Y.Map)) return
      const state = readCardState(states?.get(id))
      // Without a record (in flight, or an older server), the switches say where it waits.
      const status: CardStatus =
        state?.state ?? (settings.privateWriting ? 'private' : settings.approval ? 'approval' : 'pending')
      views.push({
        ...readCard(id, map),
        authorName: viewer.name,
        authorRole: viewer.role,
        authorId: viewer.participantId,
        mine: true,
        pending: true,
        refusal: refusals?.get(id) ?? null,
        status,
        statusReason: state?.reason ?? null,
      })
    })
    for (const draft of drafts.values()) {
      if (seen.has(draft.id) || deskNotes?.has(draft.id)) continue
      views.push({
        ...draftCard(draft),
        authorName: viewer.name,
        authorRole: viewer.role,
        authorId: viewer.participantId,
        mine: true,
        pending: true,
        refusal: null,
        status: 'pending',
        statusReason: null,
      })
    }
    setCards(reconcile(inDrawingOrder(views, desk), { key: 'id' }))
    setFacilitation(settings)
    setScript(readScript(board))
    setResults(readResults(board))
    setMeasures(readMeasures(board))
    setFrames(readFrames(board))
  }

  let scheduled = false
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    queueMicrotask(() => {
      scheduled = false
      project()
    })
  }
  board.on('update', schedule)
  desk?.on('update', schedule)
  onCleanup(() => {
    board.off('update', schedule)
    desk?.off('update', schedule)
  })
  project()

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
      if (draft) drafts.set(m.id, { ...draft, x: Math.round(m.x), y: Math.round(m.y) })
      return !draft
    })
    if (placed.length < moves.length) schedule()
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
    const ids = allIds.filter((id) => !drafts.delete(id))
    if (ids.length < allIds.length) schedule()
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
        schedule()
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
        schedule()
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
      if (drafts.delete(id)) schedule()
      else if (target) deleteCard(target, id)
      return true
    },
  }
}
