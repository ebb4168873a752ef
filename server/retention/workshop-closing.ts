/**
 * Closing a workshop: from then on it is read-only for everyone (the HTTP guard and the sync
 * write policy read `closed_at`), nobody joins, and its guests' sessions end with it. Open
 * sockets are closed with a transient code, so accounts reconnect read-only. Async; the log entry
 * commits in the closing's transaction.
 */
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { SqlDatabase } from '../db/sql-database.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'

/** The closing time; null when the workshop was closed already. */
export async function closeWorkshop(
  deps: { sql: SqlDatabase; audit: Pick<AuditService, 'record'>; sync: Pick<WorkshopSync, 'closeWorkshop'> },
  workshopId: string,
  actor: AuditActor,
  now = Date.now(),
): Promise<number | null> {
  const closed = await deps.sql.transaction(async (tx) => {
    const changed = await tx.run('UPDATE workshops SET closed_at = ? WHERE id = ? AND closed_at IS NULL', [
      now,
      workshopId,
    ])
    if (changed.changes === 0) return false
    const guests = await tx.run(
      `DELETE FROM sessions WHERE participant_id IN
         (SELECT id FROM participants WHERE workshop_id = ? AND user_id IS NULL)`,
      [workshopId],
    )
    await deps.audit.record(workshopId, 'workshop.closed', actor, { guestSessions: guests.changes }, tx)
    return true
  })
  if (!closed) return null
  deps.sync.closeWorkshop(workshopId, CLOSE.workshopClosed)
  return now
}
