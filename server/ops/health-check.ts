/**
 * What `/api/health` checks besides the sync service's storage: that the database still
 * answers a read, and that the event loop has not stalled. The first problem found is the
 * answer's code; monitoring alerts on the 503. Async: the read goes through the storage interface.
 */
import type { SqlDatabase } from '../db/sql-database.ts'
import type { EventLoopMonitor } from './event-loop-monitor.ts'

export type HealthProblem =
  | { code: 'database-unreadable'; message: string }
  | { code: 'event-loop-stalled'; message: string }

export async function healthProblem(
  db: Pick<SqlDatabase, 'get' | 'dialect'>,
  loop: EventLoopMonitor,
): Promise<HealthProblem | null> {
  try {
    // On SQLite it reads the schema page, not only the connection: a closed or broken file fails here.
    await db.get(db.dialect === 'sqlite' ? 'SELECT 1 FROM sqlite_master LIMIT 1' : 'SELECT 1')
  } catch (err) {
    return { code: 'database-unreadable', message: `The database cannot be read: ${(err as Error).message}` }
  }
  const stall = loop.stalledRecently()
  if (stall)
    return {
      code: 'event-loop-stalled',
      message: `The event loop stalled for ${stall.lagMs} ms (more than ${loop.thresholdMs} ms).`,
    }
  return null
}
