/**
 * Connects the sync layer's card records to the event log: every facilitator decision the card
 * ledger commits (a rejection, a deletion, a hiding) is recorded in the same transaction, and
 * every reveal of held private cards after the records it changed (queued behind them in the
 * ledger's writes). Data: the card and its author's pseudonymous id; the reason and the text stay
 * in their own records (the minutes show the reason).
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
  const { ledger } = rooms
  ledger.onDecision(async (record, tx) => {
    const kind = KIND[record.state]
    if (!kind) return
    // The ledger knows the facilitator by the name the board shows with the decision.
    const actor = { role: 'facilitator' as const, ...(record.by !== null ? { name: record.by } : {}) }
    await audit.record(record.workshopId, kind, actor, { card: record.cardId, author: record.authorId }, tx)
  })
  rooms.onRevealed = (workshopId, placed) =>
    ledger.alsoCommit((tx) => audit.record(workshopId, 'cards.revealed', SYSTEM_ACTOR, { placed }, tx))
}
