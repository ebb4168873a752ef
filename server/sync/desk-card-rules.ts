/**
 * The rules one desk's cards are held to, applied card by card inside a board transaction: the
 * shared policy (shared/policy/permissions.ts), the server's card records (held, rejected,
 * deleted, hidden), validation and the quotas. Creates, updates, deletes and moves board cards;
 * each method answers null or the refusal the participant's screen explains.
 */
import * as Y from 'yjs'
import {
  applyTextDiff,
  type CardAuthor,
  type CardProvenance,
  setCardAuthor,
  setCardProvenance,
} from '../../shared/board/card-ops.ts'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { type Frame, frameAt, frameIdAt, readFrames } from '../../shared/board/frames.ts'
import { freeSpot } from '../../shared/board/free-spot.ts'
import { type CardMap, FIELD, LIMITS, movesOf, notesOf, readCards } from '../../shared/board/schema.ts'
import { validateDeskCard } from '../../shared/board/validate-card.ts'
import {
  type Actor,
  type CardFacts,
  mayAddToBoard,
  mayChangeRecordedCard,
  mayCreateCard,
  mayDeleteCard,
  mayEditCard,
  mayEnterForOthers,
  mayMoveCard,
  mayWithdrawRecordedCard,
  newCardDestination,
  type Settings,
} from '../../shared/policy/permissions.ts'
import { groupOf, isGroup } from '../../shared/policy/roles.ts'
import type { DeskContext, DeskOwner, Dirty } from './desk-projection.ts'

/** One pass over one desk's changed cards. */
export class DeskCardRules {
  private readonly actor: Actor
  private readonly author: CardAuthor
  private readonly settings: Settings
  private readonly deskNotes: Y.Map<CardMap>
  private readonly boardNotes: Y.Map<CardMap>
  private ownOnBoard: number | null = null
  private frameList: Frame[] | null = null

  constructor(
    private readonly desk: Y.Doc,
    private readonly board: Y.Doc,
    private readonly context: DeskContext,
    owner: DeskOwner,
  ) {
    // A desk is the participants' channel: whoever owns it, its cards follow participant rules.
    this.actor = { participantId: owner.participantId, role: owner.role, isFacilitator: false }
    this.author = { authorId: owner.participantId, authorName: owner.name, authorRole: owner.role }
    this.settings = readFacilitation(board)
    this.deskNotes = notesOf(desk)
    this.boardNotes = notesOf(board)
  }

  /** A desk card was created or changed. */
  change(id: string, fields: Dirty): string | null {
    const { ledger, workshopId } = this.context
    const record = ledger.get(workshopId, id)
    if (record) {
      if (record.authorId !== this.actor.participantId) return 'not-your-card'
      const verdict = mayChangeRecordedCard(record.state)
      if (verdict !== 'held') return verdict.ok ? null : verdict.reason
      // Private writing ended without its reveal reaching this card (a crash in between): the
      // card takes the reveal's path now instead of staying stranded.
      if (record.state === 'private' && !this.settings.privateWriting) {
        const reason = this.place(id, true)
        if (reason !== null) ledger.release(workshopId, id)
        return reason
      }
      return this.check(id)
    }
    const boardCard = this.boardNotes.get(id)
    if (boardCard) {
      const may = mayEditCard(this.actor, factsOf(boardCard), this.settings)
      if (!may.ok) return may.reason
      return this.update(id, fields, boardCard)
    }
    // A blank new card is a draft on its author's screen: it reaches the board (or the queue)
    // with its first character, so no empty card shows on the board or in the minutes.
    if (isBlank(this.deskNotes.get(id))) return null
    const may = mayCreateCard(this.actor, this.settings)
    if (!may.ok) return may.reason
    const destination = newCardDestination(this.actor, this.settings)
    if (destination === 'board') return this.place(id, false)
    const invalid = this.check(id)
    if (invalid) return invalid
    ledger.hold(workshopId, id, this.actor.participantId, destination)
    return null
  }

  /** A desk card was deleted: the author withdraws a held card, or deletes their board card. */
  remove(id: string): string | null {
    const { ledger, workshopId } = this.context
    const record = ledger.get(workshopId, id)
    if (record && record.authorId === this.actor.participantId) {
      // Tombstones stay: a desk cannot erase the moderation record (ledger.release refuses).
      if (ledger.release(workshopId, id)) return null
      const may = mayWithdrawRecordedCard(record.state)
      return may.ok ? null : may.reason
    }
    const boardCard = this.boardNotes.get(id)
    if (!boardCard || boardCard.get(FIELD.authorId) !== this.actor.participantId) return null
    const may = mayDeleteCard(this.actor, factsOf(boardCard), this.settings)
    if (!may.ok) return may.reason
    this.boardNotes.delete(id)
    return null
  }

  /** A wish to move a board card; undefined when there is nothing to say. */
  move(id: string): string | null | undefined {
    const wish = movesOf(this.desk).get(id)
    const boardCard = this.boardNotes.get(id)
    if (!wish || !boardCard) return undefined
    const may = mayMoveCard(this.actor, factsOf(boardCard), this.settings)
    if (!may.ok) return may.reason
    if (!isPosition(wish)) return 'bad-coordinate'
    boardCard.set(FIELD.x, Math.round(wish.x))
    boardCard.set(FIELD.y, Math.round(wish.y))
    // Dropped inside a frame the card joins it, outside it leaves it.
    this.recordFrame(boardCard, frameIdAt({ x: Math.round(wish.x), y: Math.round(wish.y) }, this.frames()))
    return null
  }

  private frames(): Frame[] {
    this.frameList ??= readFrames(this.board)
    return this.frameList
  }

  private recordFrame(card: CardMap, frameId: string | null): void {
    if (!card.has(FIELD.frameId) || card.get(FIELD.frameId) !== frameId) card.set(FIELD.frameId, frameId)
  }

  /**
   * The frame a desk asks its card to belong to, checked before anything is written: none (null),
   * or a frame of the board that holds the card where it will lie. Undefined: the desk says nothing.
   */
  private wantedFrame(deskCard: CardMap, at: { x: number; y: number }): string | null | undefined | 'bad' {
    if (!deskCard.has(FIELD.frameId)) return undefined
    const wanted = deskCard.get(FIELD.frameId)
    if (wanted === null) return null
    return typeof wanted === 'string' &&
      frameAt(
        at,
        this.frames().filter((f) => f.id === wanted),
      )
      ? wanted
      : 'bad'
  }

  /** Validation and the desk's own quota, before a card is held or placed. */
  private check(id: string): string | null {
    const check = validateDeskCard(id, this.deskNotes.get(id), this.actor.role)
    if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
    if (this.deskNotes.size > LIMITS.deskCards) return 'desk-full'
    return null
  }

  /**
   * Creates the desk card on the board, ending its hold if it had one. Cards written privately
   * were placed without seeing each other: a reveal spreads them out.
   */
  place(id: string, reveal: boolean): string | null {
    const invalid = this.check(id)
    if (invalid) return invalid
    const existing = this.boardNotes.get(id)
    if (existing) {
      if (existing.get(FIELD.authorId) !== this.actor.participantId) return 'not-your-card'
      // Already there (its record outlived a failed commit): the hold is over.
      this.context.ledger.release(this.context.workshopId, id)
      return null
    }
    if (this.ownOnBoard === null) {
      let own = 0
      this.boardNotes.forEach((card) => {
        if (card instanceof Y.Map && card.get(FIELD.authorId) === this.actor.participantId) own++
      })
      this.ownOnBoard = own
    }
    const room = mayAddToBoard(this.ownOnBoard, this.boardNotes.size)
    if (!room.ok) return room.reason
    // The record goes first: if SQLite refuses, the card is not on the board either.
    this.context.ledger.release(this.context.workshopId, id)
    const deskCard = this.deskNotes.get(id) as CardMap
    const card: CardMap = new Y.Map()
    card.set(FIELD.text, new Y.Text((deskCard.get(FIELD.text) as Y.Text).toString()))
    const wanted = { x: deskCard.get(FIELD.x) as number, y: deskCard.get(FIELD.y) as number }
    const spot = reveal ? freeSpot(wanted, readCards(this.board)) : wanted
    card.set(FIELD.x, spot.x)
    card.set(FIELD.y, spot.y)
    card.set(FIELD.color, deskCard.get(FIELD.color))
    card.set(FIELD.createdAt, (this.context.now ?? Date.now)())
    setCardAuthor(card, this.author)
    this.boardNotes.set(id, card)
    // Once in the document: the provenance compares with what the card holds.
    setCardProvenance(card, this.provenance(deskCard))
    this.ownOnBoard += 1
    return null
  }

  private provenance(deskCard: CardMap): CardProvenance {
    return provenanceOf(this.actor, deskCard)
  }

  private update(id: string, fields: Dirty, boardCard: CardMap): string | null {
    const deskCard = this.deskNotes.get(id) as CardMap
    const check = validateDeskCard(id, deskCard, this.actor.role)
    if (!check.ok) return check.field ? `${check.reason}:${check.field}` : check.reason
    const wants = (field: string) => fields === 'all' || fields.has(field)
    const moves = [FIELD.x, FIELD.y, FIELD.frameId].some(
      (field) => wants(field) && boardCard.get(field) !== deskCard.get(field),
    )
    let frameId: string | null | undefined
    if (moves) {
      const may = mayMoveCard(this.actor, factsOf(boardCard), this.settings)
      if (!may.ok) return may.reason
      const at = {
        x: (wants(FIELD.x) ? deskCard.get(FIELD.x) : boardCard.get(FIELD.x)) as number,
        y: (wants(FIELD.y) ? deskCard.get(FIELD.y) : boardCard.get(FIELD.y)) as number,
      }
      const wanted = wants(FIELD.frameId) ? this.wantedFrame(deskCard, at) : undefined
      if (wanted === 'bad') return 'bad-frame'
      // A client that does not say (an older one) still clusters by dropping: where it lands counts.
      frameId = wanted !== undefined ? wanted : frameIdAt(at, this.frames())
    }
    // An assistant may correct the group a card was entered for.
    if (wants(FIELD.group)) setCardProvenance(boardCard, this.provenance(deskCard))
    if (wants(FIELD.text)) {
      const text = boardCard.get(FIELD.text)
      if (text instanceof Y.Text) applyTextDiff(text, (deskCard.get(FIELD.text) as Y.Text).toString())
    }
    for (const field of [FIELD.x, FIELD.y, FIELD.color]) {
      if (wants(field) && boardCard.get(field) !== deskCard.get(field))
        boardCard.set(field, deskCard.get(field))
    }
    if (frameId !== undefined) this.recordFrame(boardCard, frameId)
    return null
  }
}

/**
 * The group a card counts for: the one an assistant's card carries (the assistant entered it for
 * that person), else the author's own. Never read from anything but the desk owner's role.
 */
function provenanceOf(actor: Actor, deskCard: CardMap): CardProvenance {
  const group = deskCard.get(FIELD.group)
  if (mayEnterForOthers(actor) && isGroup(group))
    return { authorGroup: group, enteredBy: actor.participantId }
  return { authorGroup: groupOf(actor.role), enteredBy: null }
}

function factsOf(card: CardMap): CardFacts {
  const authorId = card.get(FIELD.authorId)
  return { authorId: typeof authorId === 'string' ? authorId : null, hidden: Boolean(card.get(FIELD.hidden)) }
}

function isBlank(card: CardMap | undefined): boolean {
  const text = card?.get(FIELD.text)
  return text instanceof Y.Text && text.toString().trim() === ''
}

function isPosition(value: unknown): value is { x: number; y: number } {
  const v = value as { x?: unknown; y?: unknown } | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.x === 'number' &&
    typeof v.y === 'number' &&
    Math.abs(v.x) <= LIMITS.coordinate &&
    Math.abs(v.y) <= LIMITS.coordinate
  )
}
