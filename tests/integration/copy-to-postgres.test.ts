/**
 * Moving an instance from SQLite to PostgreSQL (issue 15): a workshop run through the real server
 * (phases with their snapshots, guests, cards, a hidden card, a revealed vote, a measure) is copied
 * into an empty PostgreSQL schema; every table arrives row for row and every snapshot's minutes
 * read the same on both sides. A changed row in the target shows as different minutes, and a
 * second copy into the same database is refused.
 */
import fs from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { copyToPostgres } from '../../server/db/copy-to-postgres.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { openPostgres } from '../../server/db/postgres-sql.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { compareMinutes } from '../../server/minutes/minutes-compare.ts'
import { dropSchema, postgresUnavailable, TEST_DATABASE_URL, testSchema } from '../support/databases.ts'
import { runMinutesWorkshop } from '../support/minutes-workshop.ts'
import { startTestServer, tempDataDir } from '../support/test-server.ts'

const missing = await postgresUnavailable()
if (missing && process.env.REQUIRE_TEST_SERVICES === '1') throw new Error(missing)

describe.skipIf(missing)('copying an instance to PostgreSQL', () => {
  const schema = testSchema()
  afterAll(() => dropSchema(schema))

  it('copies every table and keeps every minutes; refuses a second copy', async () => {
    const dataDir = tempDataDir()
    // The source is a SQLite file, whatever TEST_STORAGE says (an empty DATABASE_URL is unset).
    const server = await startTestServer({ dataDir, env: { DATABASE_URL: '' } })
    const { workshopId } = await runMinutesWorkshop(server)
    await server.close()

    const sqlite = openDatabase(dataDir)
    const source = new SqliteSqlDatabase(sqlite)
    const target = await openPostgres({ url: TEST_DATABASE_URL, schema })
    try {
      const tables = await copyToPostgres(sqlite, target)
      const rows = Object.fromEntries(tables.map((t) => [t.table, t.rows]))
      expect(rows).toMatchObject({
        users: 1,
        workshops: 1,
        participants: 5,
        votes: 6,
        vote_results: 1,
        hidden_cards: 1,
      })
      expect((rows.room_state ?? 0) + (rows.room_updates ?? 0)).toBeGreaterThan(0)
      expect(rows.snapshots).toBeGreaterThanOrEqual(4)
      expect(rows.audit_log).toBeGreaterThan(5)

      const same = await compareMinutes(source, target)
      expect(same).toEqual({ workshops: 1, snapshots: rows.snapshots, different: [] })

      // The comparison can fail: a guest renamed in the target changes the attendance.
      await target.run(`UPDATE participants SET name = 'Anders' WHERE workshop_id = ? AND name = 'Bernd'`, [
        workshopId,
      ])
      const changed = await compareMinutes(source, target)
      expect(changed.different.length).toBeGreaterThan(0)

      await expect(copyToPostgres(sqlite, target)).rejects.toThrow(/already holds data/)
    } finally {
      await target.close()
      await source.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
