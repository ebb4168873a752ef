/**
 * Pure permission rules, used by the server (desk projection, routes, sync) and the client (what
 * to offer) alike. Each answers yes, or no with the refusal code the participant's screen explains.
 */
import type { Facilitation } from '../board/facilitation.ts'
import { type CardStateKind, LIMITS } from '../board/schema.ts'
import { groupOf, type Role } from './roles.ts'

export interface Actor {
  participantId: string
  role: Role
  /** Facilitates this workshop (the owner, or made co-facilitator of it). */
  isFacilitator: boolean
}

/** The parts of a card the rules look at. */
export interface CardFacts {
  authorId: string | null
  hidden: boolean
}

export type Settings = Pick<
  Facilitation,
  'locked' | 'createCards' | 'participantMoves' | 'privateWriting' | 'approval'
>

export type Refusal =
  | 'read-only'
  | 'board-locked'
  | 'creation-closed'
  | 'not-your-card'
  | 'moves-not-allowed'
  | 'card-hidden'
  | 'card-deleted'
  | 'card-rejected'
  | 'participant-quota'
  | 'board-full'

export type Verdict = { ok: true } | { ok: false; reason: Refusal }

const YES: Verdict = { ok: true }
const no = (reason: Refusal): Verdict => ({ ok: false, reason })

/** Writes the board document directly (everyone else writes a desk). */
export function writesBoard(actor: Actor): boolean {
  return actor.isFacilitator
}

/** Has a desk the server projects (observers have none that counts). */
export function writesDesk(actor: Actor): boolean {
  return !actor.isFacilitator && actor.role !== 'observer'
}

export function mayCreateCard(actor: Actor, settings: Settings): Verdict {
  if (actor.isFacilitator) return YES
  if (actor.role === 'observer') return no('read-only')
  if (settings.locked) return no('board-locked')
  if (!settings.createCards) return no('creation-closed')
  return YES
}

/** Where a participant's new card goes: on the board, or held for privacy or approval. */
export function newCardDestination(actor: Actor, settings: Settings): 'board' | 'private' | 'approval' {
  if (actor.isFacilitator) return 'board'
  if (settings.privateWriting) return 'private'
  if (settings.approval) return 'approval'
  return 'board'
}

export function mayEditCard(actor: Actor, card: CardFacts, settings: Settings): Verdict {
  if (card.hidden) return no('card-hidden')
  if (actor.isFacilitator) return YES
  if (actor.role === 'observer') return no('read-only')
  if (settings.locked) return no('board-locked')
  if (card.authorId !== actor.participantId) return no('not-your-card')
  return YES
}

export function mayDeleteCard(actor: Actor, card: CardFacts, settings: Settings): Verdict {
  // A hidden card is a moderation record: only the server's own retention may remove it.
  if (card.hidden) return no('card-hidden')
  return mayEditCard(actor, card, settings)
}

/**
 * A desk change to a card the server keeps a record of (cardStates): held cards stay held until
 * the reveal or the facilitator's decision; rejected, deleted and hidden cards are refused.
 */
export function mayChangeRecordedCard(state: CardStateKind): Verdict | 'held' {
  if (state === 'private' || state === 'approval') return 'held'
  if (state === 'rejected') return no('card-rejected')
  if (state === 'deleted') return no('card-deleted')
  return no('card-hidden')
}

/**
 * Takes back one's own card that the server keeps a record of: a held card (withdrawn before
 * anyone saw it), a rejected or a deleted one (cleared from one's own view; the record stays). A
 * hidden card is still on the board as the moderation record: its author cannot remove it.
 */
export function mayWithdrawRecordedCard(state: CardStateKind): Verdict {
  return state === 'hidden' ? no('card-hidden') : YES
}

/**
 * One more card from a desk on the board: within the board's cap and the author's own quota, so
 * that a few participants cannot fill the board for everyone else.
 */
export function mayAddToBoard(ownCardsOnBoard: number, cardsOnBoard: number): Verdict {
  if (cardsOnBoard >= LIMITS.boardCards) return no('board-full')
  if (ownCardsOnBoard >= LIMITS.participantCards) return no('participant-quota')
  return YES
}

export function mayMoveCard(actor: Actor, card: CardFacts, settings: Settings): Verdict {
  if (actor.isFacilitator) return YES
  if (actor.role === 'observer') return no('read-only')
  if (settings.locked) return no('board-locked')
  if (card.authorId === actor.participantId || settings.participantMoves) return YES
  return no('moves-not-allowed')
}

/**
 * Sees a card's text. A card held for private writing is its author's alone until the reveal,
 * facilitators included (they get the count); everything else on the board is public.
 */
export function maySeeCard(
  actor: Actor,
  authorId: string | null,
  state: 'board' | 'private' | 'approval',
): boolean {
  if (state === 'board') return true
  if (authorId === actor.participantId) return true
  // The approval queue exists for the facilitator to read; private writing is for nobody else.
  return state === 'approval' && actor.isFacilitator
}

/** Casts ballots: the groups do; facilitators, assistants and observers do not. */
export function mayVote(actor: Actor): boolean {
  return !actor.isFacilitator && groupOf(actor.role) !== null
}

/** Enters hand-counted dots (paper votes) for the room: facilitators, and the room's assistants. */
export function mayEnterPaperVotes(actor: Actor): boolean {
  return actor.isFacilitator || actor.role === 'assistant'
}

/** Runs the session: phases, timer, reveals, moderation, roles, snapshots and minutes. */
export function mayFacilitate(actor: Actor): boolean {
  return actor.isFacilitator
}

/**
 * Enters cards on behalf of people in the room (paper cards, spoken contributions): the card
 * carries the group of the person who wrote it, and the server records who entered it.
 */
export function mayEnterForOthers(actor: Actor): boolean {
  return !actor.isFacilitator && actor.role === 'assistant'
}

/**
 * Attaches a photo of the paper original to a card on the board: the assistant who entered the
 * card, or a facilitator. `enteredBy` is the board card's server-written field.
 */
export function mayAttachPhoto(actor: Actor, card: { enteredBy: string | null; hidden: boolean }): boolean {
  // A hidden card's text left the board; a photo of the paper card would bring it back.
  if (card.hidden) return false
  if (actor.isFacilitator) return true
  return mayEnterForOthers(actor) && card.enteredBy === actor.participantId
}

/** Raises and lowers their own hand: everyone in the workshop but observers. */
export function mayRaiseHand(actor: Actor): boolean {
  return actor.isFacilitator || actor.role !== 'observer'
}

/** Raises a hand on behalf of someone in the room without a device: facilitators and assistants. */
export function mayRaiseHandFor(actor: Actor): boolean {
  return actor.isFacilitator || actor.role === 'assistant'
}
