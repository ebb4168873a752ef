/**
 * Migration 5 on a database of the previous release: ballots already cast get the group their
 * voter has (rows of voters no longer in a group get none and count for nobody, as before), and
 * the table for stored results exists.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/db/migrations.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { SqliteSqlDatabase } from '../../server/db/sqlite-sql.ts'
import { VoteStore } from '../../server/votes/vote-store.ts'
import { tempDataDir } from '../support/test-server.ts'

describe('migration 5: ballots keep their group', () => {
  it('stamps existing ballots with their voter’s group and adds stored results', async () => {
    const dir = tempDataDir()
    try {
      fs.mkdirSync(dir, { recursive: true })
      const old = new Database(path.join(dir, 'ratswerkstatt.sqlite'))
      for (const sql of MIGRATIONS.slice(0, 4)) old.exec(sql)
      old.pragma('user_version = 4')
      old.exec(`
        INSERT INTO users VALUES ('u1', 'moderation', 'x', 'facilitator', 1, 0);
        INSERT INTO workshops VALUES ('w1', 'Haushalt', NULL, 'ABCDEFGH', 'u1', 0);
        INSERT INTO participants (id, workshop_id, user_id, name, role, created_at) VALUES
          ('c1', 'w1', NULL, 'Anna', 'citizen', 0),
          ('o1', 'w1', NULL, 'Presse', 'observer', 0);
        INSERT INTO votes (workshop_id, phase_id, participant_id, card_id, points) VALUES
          ('w1', 'p', 'c1', 'bus', 2),
          ('w1', 'p', 'o1', 'bus', 1);
      `)
      old.close()
      const db = openDatabase(dir)
      const rows = db.prepare('SELECT participant_id, voter_group FROM votes ORDER BY participant_id').all()
      expect(rows).toEqual([
        { participant_id: 'c1', voter_group: 'citizen' },
        { participant_id: 'o1', voter_group: null },
      ])
      const store = new VoteStore(new SqliteSqlDatabase(db))
      expect(await store.ballots('w1', 'p')).toEqual([
        { participantId: 'c1', group: 'citizen', cardId: 'bus', points: 2 },
      ])
      expect(await store.storedResults('w1', 'p')).toBeNull()
      expect(() =>
        db.prepare("UPDATE votes SET voter_group = 'observer' WHERE participant_id = 'c1'").run(),
      ).toThrow(/CHECK/)
      db.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
