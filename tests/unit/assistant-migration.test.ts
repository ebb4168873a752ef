/**
 * Migration 9 on a database of the previous release: `participants` is rebuilt with a CHECK that
 * admits `assistant`, keeping every row and id, both indexes, and the foreign keys that point at
 * it (sessions, ballots): dropping the old table must cascade to nothing, which it would with
 * foreign keys on. The table for card photos exists afterwards.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/db/migrations.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { tempDataDir } from '../support/test-server.ts'

describe('migration 9: the assistant role', () => {
  it('rebuilds participants with the new CHECK and loses no row, index or reference', () => {
    const dir = tempDataDir()
    try {
      fs.mkdirSync(dir, { recursive: true })
      const old = new Database(path.join(dir, 'ratswerkstatt.sqlite'))
      old.pragma('foreign_keys = ON')
      for (const sql of MIGRATIONS.slice(0, 8)) old.exec(sql)
      old.pragma('user_version = 8')
      old.exec(`
        INSERT INTO users VALUES ('u1', 'moderation', 'x', 'facilitator', 1, 0);
        INSERT INTO users VALUES ('u2', 'ratsfrau', 'x', 'councillor', 0, 0);
        INSERT INTO workshops (id, title, template, join_code, owner_id, created_at) VALUES ('w1', 'Haushalt', NULL, 'ABCDEFGH', 'u1', 0);
        INSERT INTO participants (id, workshop_id, user_id, name, role, created_at, removed_at, device_id) VALUES
          ('f1', 'w1', 'u1', 'Moderation', 'facilitator', 1, NULL, NULL),
          ('r1', 'w1', 'u2', 'Ratsfrau', 'councillor', 2, NULL, NULL),
          ('c1', 'w1', NULL, 'Anna', 'citizen', 3, NULL, 'geraet-1'),
          ('o1', 'w1', NULL, 'Presse', 'observer', 4, 99, 'geraet-2');
        INSERT INTO sessions (id, user_id, participant_id, expires_at) VALUES ('s1', NULL, 'c1', 9999999999999);
        INSERT INTO votes (workshop_id, phase_id, participant_id, card_id, points, voter_group) VALUES
          ('w1', 'p', 'c1', 'bus', 2, 'citizen');
      `)
      const before = old.prepare('SELECT * FROM participants ORDER BY id').all()
      old.close()

      const db = openDatabase(dir)
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.prepare('SELECT * FROM participants ORDER BY id').all()).toEqual(before)
      // Nothing cascaded away when the old table was dropped.
      expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 's1' }])
      expect(db.prepare('SELECT participant_id FROM votes').all()).toEqual([{ participant_id: 'c1' }])
      expect(db.pragma('foreign_key_check')).toEqual([])
      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' AND sql IS NOT NULL",
        )
        .all()
        .map((r) => (r as { name: string }).name)
        .sort()
      expect(indexes).toEqual(['participants_device', 'participants_user'])

      // The new role fits; unknown roles, a second membership of one account, and a participant
      // of an unknown workshop do not.
      db.prepare("UPDATE participants SET role = 'assistant' WHERE id = 'c1'").run()
      expect(() => db.prepare("UPDATE participants SET role = 'admin' WHERE id = 'c1'").run()).toThrow(
        /CHECK/,
      )
      expect(() =>
        db
          .prepare(
            "INSERT INTO participants (id, workshop_id, user_id, name, role, created_at) VALUES ('x', 'w1', 'u2', 'Doppelt', 'staff', 5)",
          )
          .run(),
      ).toThrow(/UNIQUE/)
      expect(() =>
        db
          .prepare(
            "INSERT INTO participants (id, workshop_id, user_id, name, role, created_at) VALUES ('y', 'nope', NULL, 'Y', 'citizen', 5)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/)
      // The references still point at the rebuilt table: removing a participant ends its session.
      db.prepare("DELETE FROM participants WHERE id = 'c1'").run()
      expect(db.prepare('SELECT id FROM sessions').all()).toEqual([])
      expect(db.prepare('SELECT count(*) AS n FROM card_photos').get()).toEqual({ n: 0 })
      db.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
