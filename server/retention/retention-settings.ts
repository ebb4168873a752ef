/**
 * The instance's retention settings (table `instance_settings`, key `retention`): how many days
 * after a workshop is closed its guests' identities, its hidden texts and the whole workshop are
 * kept (null: for ever), and what deleting a participant's data does to their cards. Async, on
 * either storage engine.
 */
import type { RetentionSettings } from '../../shared/api/retention.ts'
import type { SqlQueries } from '../db/sql-database.ts'

export const DEFAULT_RETENTION: RetentionSettings = {
  guestDays: null,
  hiddenTextDays: null,
  workshopDays: null,
  participantDeletion: 'pseudonymise',
}

const KEY = 'retention'

const days = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null

export async function readRetention(db: SqlQueries): Promise<RetentionSettings> {
  const row = await db.get<{ value: string }>('SELECT value FROM instance_settings WHERE key = ?', [KEY])
  if (!row) return { ...DEFAULT_RETENTION }
  let stored: Record<string, unknown>
  try {
    stored = JSON.parse(row.value) as Record<string, unknown>
  } catch {
    return { ...DEFAULT_RETENTION }
  }
  return {
    guestDays: days(stored.guestDays),
    hiddenTextDays: days(stored.hiddenTextDays),
    workshopDays: days(stored.workshopDays),
    participantDeletion: stored.participantDeletion === 'remove' ? 'remove' : 'pseudonymise',
  }
}

/** Stores the settings; 0 is stored as null (keep). */
export async function writeRetention(
  db: SqlQueries,
  settings: RetentionSettings,
): Promise<RetentionSettings> {
  const clean: RetentionSettings = {
    guestDays: days(settings.guestDays),
    hiddenTextDays: days(settings.hiddenTextDays),
    workshopDays: days(settings.workshopDays),
    participantDeletion: settings.participantDeletion,
  }
  await db.run(
    `INSERT INTO instance_settings (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    [KEY, JSON.stringify(clean)],
  )
  return clean
}
