/**
 * What one screen shows of a card: the board's card with what its author's desk knows about it
 * (the server's record, a refusal, the text of a hidden card), or a card still only on the desk.
 * `readCardViews` reads them all at once; live-card-views.ts keeps the same list up to date one
 * changed card at a time, and must always equal what `readCardViews` would read.
 */
import * as Y from 'yjs'
import type { Facilitation } from '../../../shared/board/facilitation.ts'
import {
  type Card,
  type CardStateKind,
  cardStatesOf,
  FIELD,
  notesOf,
  readCard,
  readCardState,
  readCards,
  refusalsOf,
} from '../../../shared/board/schema.ts'

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

/** Who is looking: their own cards read differently. */
export interface CardViewer {
  participantId: string
  name: string
  role: string
}

/** The switches that say where a desk card without a record waits. */
export type WaitingSwitches = Pick<Facilitation, 'privateWriting' | 'approval'>

/**
 * A card on the board. Once a card is on the board, the board is what everyone sees, its author
 * included: a facilitator may have moved it. A record for a card on the board only counts if it
 * hides it.
 */
export function boardCardView(card: Card, desk: Y.Doc | null, viewer: CardViewer): CardView {
  const mine = card.authorId === viewer.participantId
  const state = mine && desk ? readCardState(cardStatesOf(desk).get(card.id)) : null
  const hiddenReason = card.hidden?.reason ?? (state?.state === 'hidden' ? (state.reason ?? '') : null)
  // The board keeps no text of a hidden card; its author still has it on their desk and
  // should know which of their cards was hidden.
  const deskCard = hiddenReason !== null && mine && desk ? notesOf(desk).get(card.id) : undefined
  return {
    ...card,
    text: deskCard instanceof Y.Map ? readCard(card.id, deskCard).text : card.text,
    mine,
    pending: false,
    refusal: (desk && refusalsOf(desk).get(card.id)) ?? null,
    status: hiddenReason !== null ? 'hidden' : mine && desk ? 'board' : null,
    statusReason: hiddenReason,
  }
}

/** A card only on this person's desk (held back, refused, in flight, written offline). */
export function deskCardView(
  id: string,
  map: Y.Map<unknown>,
  desk: Y.Doc,
  viewer: CardViewer,
  switches: WaitingSwitches,
): CardView {
  const state = readCardState(cardStatesOf(desk).get(id))
  // Without a record (in flight, or an older server), the switches say where it waits.
  const status: CardStatus =
    state?.state ?? (switches.privateWriting ? 'private' : switches.approval ? 'approval' : 'pending')
  return {
    ...readCard(id, map),
    authorName: viewer.name,
    authorRole: viewer.role,
    authorId: viewer.participantId,
    mine: true,
    pending: true,
    refusal: refusalsOf(desk).get(id) ?? null,
    status,
    statusReason: state?.reason ?? null,
  }
}

/**
 * When a card is drawn among the others: its creation time, for one's own card its desk copy's
 * (the same before and after the server places it, so its element never moves: a moved element
 * loses the focus of the editor inside it).
 */
export function drawAt(view: Pick<CardView, 'id' | 'createdAt' | 'mine'>, desk: Y.Doc | null): number {
  if (!view.mine || !desk) return view.createdAt
  const deskCard = notesOf(desk).get(view.id)
  const at = deskCard instanceof Y.Map ? deskCard.get(FIELD.createdAt) : undefined
  return typeof at === 'number' && Number.isFinite(at) ? at : view.createdAt
}

/** Every card this screen shows, board and desk alike, in drawing order (`drawAt`, then id). */
export function readCardViews(
  board: Y.Doc,
  desk: Y.Doc | null,
  viewer: CardViewer,
  switches: WaitingSwitches,
): CardView[] {
  const views = readCards(board).map((card) => boardCardView(card, desk, viewer))
  if (desk) {
    const onBoard = notesOf(board)
    notesOf(desk).forEach((map, id) => {
      if (map instanceof Y.Map && !(onBoard.get(id) instanceof Y.Map)) {
        views.push(deskCardView(id, map, desk, viewer, switches))
      }
    })
  }
  return inDrawingOrder(views, desk)
}

/** Sorts cards into drawing order (`drawAt`, ties by id). */
export function inDrawingOrder<T extends Pick<CardView, 'id' | 'createdAt' | 'mine'>>(
  cards: T[],
  desk: Y.Doc | null,
): T[] {
  return cards
    .map((card) => ({ card, at: drawAt(card, desk) }))
    .sort((a, b) => a.at - b.at || (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0))
    .map(({ card }) => card)
}
