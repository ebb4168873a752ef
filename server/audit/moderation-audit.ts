/**
 * Connects the sync layer's card records to the event log: every facilitator decision the card
 * ledger commits (a rejection, a deletion, a hiding) is recorded in the same commit, and every
 * reveal of held private cards after it. Data: the card and its author's pseudonymous id; the
 * reason and the text stay in their own records (the minutes show the reason).
 */
import type { CardLedger, CardRecord } from '../moderation/card-ledger.ts'
import type { AuditKind, AuditService } from './audit-service.ts'
import { SYSTEM_ACTOR } from './chain.ts'

const KIND: Partial<Record<CardRecord['state'], AuditKind>> = {
  rejected: 'card.rejected',
  deleted: 'card.deleted',
  hidden: 'card.hidden',
}

export function recordModeration(
  rooms: { readonly ledger: CardLedger; onRevealed: (workshopId: string, placed: number) => void },
  audit: Pick<AuditService, 'record'>,
): void {
  rooms.ledger.onDecision((record) => {
    const kind = KIND[record.state]
    if (!kind) return
    // The ledger knows the facilitator by the name the board shows with the decision.
    const actor = { role: 'facilitator' as const, ...(record.by !== null ? { name: record.by } : {}) }
    audit.record(record.workshopId, kind, actor, { card: record.cardId, author: record.authorId })
  })
  rooms.onRevealed = (workshopId, placed) =>
    audit.record(workshopId, 'cards.revealed', SYSTEM_ACTOR, { placed })
}
