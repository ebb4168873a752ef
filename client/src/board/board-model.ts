/**
 * A read-only Solid projection of the board for rendering, and the card operations routed to
 * the right document: facilitators write the board, participants their desk (their own cards,
 * and wishes to move other people's cards when the facilitator allows it). Cards still only on
 * a participant's desk (held back, refused, or written offline) are shown from the desk.
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
import { type Frame, readFrames } from '../../../shared/board/frames.ts'
import { type Measure, readMeasures } from '../../../shared/board/measures.ts'
import {
  type Card,
  type CardColor,
  movesOf,
  notesOf,
  readCard,
  readCards,
  refusalsOf,
} from '../../../shared/board/schema.ts'
import { type Phase, readScript } from '../../../shared/script/script-schema.ts'
import { readResults, type VoteResults } from '../../../shared/votes/results.ts'
import type { BoardConnection } from './board-connection.ts'

export interface CardView extends Card {
  /** Written by the person at this screen. */
  mine: boolean
  /** On the desk but not (yet) on the board. */
  pending: boolean
  refusal: string | null
}

export interface Viewer {
  participantId: string
  name: string
  role: string
  isFacilitator: boolean
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
  canMove(card: CardView): boolean
  add(text: string, x: number, y: number, color: CardColor): string
  move(id: string, x: number, y: number): void
  setText(id: string, text: string): void
  recolor(id: string, color: CardColor): void
  remove(id: string): void
  /** The card this screen added last, so it opens for typing. */
  justAdded: Accessor<string | null>
}

function newCardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 20)
}

export function createBoardModel(connection: BoardConnection, viewer: Viewer): BoardModel {
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

  const project = () => {
    const deskNotes = desk ? notesOf(desk) : null
    const refusals = desk ? refusalsOf(desk) : null
    const seen = new Set<string>()
    // Once a card is on the board, the board is what everyone sees, its author included: a
    // facilitator may have moved it.
    const views: CardView[] = readCards(board).map((card) => {
      seen.add(card.id)
      return {
        ...card,
        mine: card.authorId === viewer.participantId,
        pending: false,
        refusal: refusals?.get(card.id) ?? null,
      }
    })
    deskNotes?.forEach((map, id) => {
      if (seen.has(id) || !(map instanceof Y.Map)) return
      views.push({
        ...readCard(id, map),
        authorName: viewer.name,
        authorRole: viewer.role,
        authorId: viewer.participantId,
        mine: true,
        pending: true,
        refusal: refusals?.get(id) ?? null,
      })
    })
    setCards(reconcile(views, { key: 'id' }))
    setFacilitation(readFacilitation(board))
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

  const canWrite = viewer.isFacilitator || (desk !== null && viewer.role !== 'observer')
  const target = viewer.isFacilitator ? board : desk
  const locked = () => !viewer.isFacilitator && facilitation().locked
  const canEdit = (card: CardView) =>
    canWrite && !locked() && !card.hidden && (viewer.isFacilitator || card.mine)

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
    canEdit,
    canMove: (card) => canEdit(card) || (canWrite && !locked() && facilitation().participantMoves),
    add(text, x, y, color) {
      const id = newCardId()
      if (target) addCard(target, id, { text, x, y, color })
      setJustAdded(id)
      return id
    },
    move(id, x, y) {
      if (!target) return
      if (viewer.isFacilitator || notesOf(target).has(id)) moveCard(target, id, x, y)
      else movesOf(target).set(id, { x: Math.round(x), y: Math.round(y) })
    },
    setText: (id, text) => target && setCardText(target, id, text),
    recolor: (id, color) => target && recolorCard(target, id, color),
    remove: (id) => target && deleteCard(target, id),
  }
}
