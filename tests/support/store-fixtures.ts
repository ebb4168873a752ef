/**
 * The rows a store test stands on, written with plain SQL on either engine: one owner account,
 * workshops, and participants (ballots and speaking times name one by foreign key).
 */
import type { SqlDatabase } from '../../server/db/sql-database.ts'

export async function seedWorkshop(
  db: SqlDatabase,
  workshopId: string,
  participants: readonly { id: string; role: string; name?: string }[] = [],
): Promise<void> {
  await db.run(
    `INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('owner', 'owner', 'x', 'facilitator', 1)
     ON CONFLICT DO NOTHING`,
  )
  await db.run(
    `INSERT INTO workshops (id, title, join_code, owner_id, created_at) VALUES (?, ?, ?, 'owner', 1)`,
    [workshopId, `Werkstatt ${workshopId}`, `CODE-${workshopId}`],
  )
  for (const [i, p] of participants.entries())
    await db.run(
      'INSERT INTO participants (id, workshop_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)',
      [p.id, workshopId, p.name ?? p.id, p.role, i + 1],
    )
}
