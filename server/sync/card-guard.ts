/**
 * The card rules of the shared policy applied to a board update before it touches the room: each
 * card of the room it deletes or replaces must be one the writer may delete (`mayDeleteCard`),
 * each card whose text it writes one the writer may edit (`mayEditCard`). A hidden card is a
 * moderation record: nobody removes it or puts text back on it, facilitators included.
 */
import * as Y from 'yjs'
import { readFacilitation } from '../../shared/board/facilitation.ts'
import { notesOf, readCard } from '../../shared/board/schema.ts'
import {
  type Actor,
  type CardFacts,
  mayDeleteCard,
  mayEditCard,
  type Settings,
} from '../../shared/policy/permissions.ts'

export interface CardWrites {
  /** Cards of the room the update deletes or replaces. */
  removedCards: ReadonlySet<string>
  /** Cards whose text the update writes. */
  cardTexts: ReadonlySet<string>
}

/** Why the update may not apply (for the log), or null when every card it touches allows it. */
export function cardWriteRefusal(doc: Y.Doc, actor: Actor, writes: CardWrites): string | null {
  if (writes.removedCards.size === 0 && writes.cardTexts.size === 0) return null
  let settings: Settings | null = null
  const rule = (id: string, ask: typeof mayDeleteCard): string | null => {
    const facts = factsOf(doc, id)
    // Not in the room: a new card, asked about when the server projects or stamps it.
    if (!facts) return null
    settings ??= readFacilitation(doc)
    const verdict = ask(actor, facts, settings)
    return verdict.ok ? null : verdict.reason
  }
  for (const id of writes.removedCards) {
    const reason = rule(id, mayDeleteCard)
    if (reason) return `delete or replace card ${id}: ${reason}`
  }
  for (const id of writes.cardTexts) {
    const reason = rule(id, mayEditCard)
    if (reason) return `write the text of card ${id}: ${reason}`
  }
  return null
}

function factsOf(doc: Y.Doc, id: string): CardFacts | null {
  const map = notesOf(doc).get(id)
  if (!(map instanceof Y.Map)) return null
  const card = readCard(id, map)
  return { authorId: card.authorId, hidden: card.hidden !== null }
}
