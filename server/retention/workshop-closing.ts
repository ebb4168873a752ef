/**
 * Closing a workshop: from then on it is read-only for everyone (the HTTP guard and the sync
 * write policy read `closed_at`), nobody joins, and its guests' sessions end with it. Open
 * sockets are closed with a transient code, so accounts reconnect read-only.
 */
import { CLOSE } from '../../shared/protocol/close-codes.ts'
import type { AuditActor, AuditService } from '../audit/audit-service.ts'
import type { Db } from '../db/open-database.ts'
import type { WorkshopSync } from '../sync/workshop-sync.ts'

/** The closing time; null when the workshop was closed already. */
export function closeWorkshop(
  deps: { db: Db; audit: AuditService; sync: WorkshopSync },
  workshopId: string,
  actor: AuditActor,
  now = Date.now(),
): number | null {
  const closed = deps.db.transaction(() => {
    const changed = deps.db
      .prepare('UPDATE workshops SET closed_at = ? WHERE id = ? AND closed_at IS NULL')
      .run(now, workshopId).changes
    if (changed === 0) return false
    const guests = deps.db
      .prepare(
        `DELETE FROM sessions WHERE participant_id IN
           (SELECT id FROM participants WHERE workshop_id = ? AND user_id IS NULL)`,
      )
      .run(workshopId).changes
    deps.audit.record(workshopId, 'workshop.closed', actor, { guestSessions: guests })
    return true
  })()
  if (!closed) return null
  deps.sync.closeWorkshop(workshopId, CLOSE.workshopClosed)
  return now
}
