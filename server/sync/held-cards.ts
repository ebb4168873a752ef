/**
 * Held cards and their records on the desk side: placing held cards on the board (the reveal of
 * private cards, an approval), reading the text of waiting cards for the facilitator's queue, and
 * mirroring the owner's card records into the desk's `cardStates`, which the client shows.
 */
import * as Y from 'yjs'
import { type CardState, cardStatesOf, FIELD, notesOf } from '../../shared/board/schema.ts'
import { type CardRecord, cardStateOf } from '../moderation/card-ledger.ts'
import { DeskCardRules } from './desk-card-rules.ts'
import {
  type DeskContext,
  PROJECTION_ORIGIN,
  type Refusals,
  recordRefusals,
  storageGuard,
} from './desk-projection.ts'
import type { Room } from './room.ts'

/**
 * Puts these held cards of this desk on the board: the reveal of private cards, or an approval.
 * A card refused here (invalid, over a quota) loses its hold unless `keepRefused` (an approval
 * stays in the queue); it stays on the desk with its refusal, like any refused new card. The
 * facilitator decided, so the lock and a closed creation do not stop it. Returns the placed ids.
 */
export function placeHeldCards(
  desk: Room,
  board: Room,
  context: DeskContext,
  cardIds: string[],
  keepRefused: boolean,
): { placed: string[]; refusals: Refusals } {
  const placed: string[] = []
  const refusals: Refusals = new Map()
  const owner = context.owner()
  const { ledger, workshopId } = context
  const mine = (id: string) => {
    const record = ledger.get(workshopId, id)
    return record && owner && record.authorId === owner.participantId ? record : null
  }
  if (!owner || owner.role === 'observer') {
    // Nobody left to write for: the held drafts stay on the desk, out of the count and queue.
    if (!keepRefused) for (const id of cardIds) ledger.release(workshopId, id)
    return { placed, refusals }
  }
  const projection = new DeskCardRules(desk.doc, board.doc, context, owner)
  board.doc.transact(() => {
    for (const id of cardIds) {
      const record = mine(id)
      if (!record || (record.state !== 'private' && record.state !== 'approval')) continue
      const reason = storageGuard(() => {
        const refused = projection.place(id, true)
        if (refused !== null && !keepRefused) ledger.release(workshopId, id)
        return refused
      })
      refusals.set(id, reason)
      if (reason === null) placed.push(id)
    }
  }, PROJECTION_ORIGIN)
  recordRefusals(desk.doc, refusals)
  return { placed, refusals }
}

/** The current text of these cards on a desk (for the approval queue). */
export function deskTexts(desk: Y.Doc, cardIds: string[]): Map<string, string> {
  const texts = new Map<string, string>()
  const notes = notesOf(desk)
  for (const id of cardIds) {
    const text = notes.get(id)?.get(FIELD.text)
    if (text instanceof Y.Text) texts.set(id, text.toString())
  }
  return texts
}

/** Writes the owner's card records into the desk's `cardStates`, changing only what differs. */
export function mirrorCardStates(desk: Y.Doc, records: CardRecord[]): void {
  const map = cardStatesOf(desk)
  const wanted = new Map(records.map((r) => [r.cardId, cardStateOf(r)]))
  const same = (a: CardState | undefined, b: CardState) => JSON.stringify(a) === JSON.stringify(b)
  const stale = [...map.keys()].filter((id) => !wanted.has(id))
  const changed = [...wanted].filter(([id, state]) => !same(map.get(id), state))
  if (stale.length === 0 && changed.length === 0) return
  desk.transact(() => {
    for (const id of stale) map.delete(id)
    for (const [id, state] of changed) map.set(id, state)
  }, PROJECTION_ORIGIN)
}
