/**
 * Schema migrations, applied in order; PRAGMA user_version records how far a database is.
 * Append new migrations; never edit one that has shipped.
 */
/**
 * A migration holding this line rebuilds a table that others reference: it runs with foreign keys
 * off and is checked with `PRAGMA foreign_key_check` before it commits (SQLite's "making other
 * kinds of table schema changes"), because a pragma to switch them off is ignored inside the
 * transaction each migration runs in.
 */
export const FOREIGN_KEYS_OFF = '-- with foreign keys off'

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'councillor', 'staff')),
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT,
    join_code TEXT NOT NULL UNIQUE,
    owner_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'councillor', 'staff', 'citizen', 'observer')),
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX participants_user ON participants(workshop_id, user_id) WHERE user_id IS NOT NULL;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (participant_id IS NULL))
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE room_state (
    room TEXT PRIMARY KEY,
    state BLOB NOT NULL,
    last_seq INTEGER NOT NULL
  );
  CREATE TABLE room_updates (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    update_data BLOB NOT NULL,
    PRIMARY KEY (room, seq)
  ) WITHOUT ROWID;
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    state BLOB NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX snapshots_workshop ON snapshots(workshop_id, created_at);
  `,
  `
  ALTER TABLE participants ADD COLUMN removed_at INTEGER;
  `,
  `
  ALTER TABLE snapshots ADD COLUMN phase TEXT;
  CREATE TABLE votes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    PRIMARY KEY (workshop_id, phase_id, participant_id, card_id)
  ) WITHOUT ROWID;
  CREATE TABLE vote_reveals (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    revealed_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, phase_id)
  );
  `,
  `
  CREATE TABLE hidden_cards (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id TEXT,
    reason TEXT NOT NULL,
    hidden_by TEXT NOT NULL,
    hidden_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, card_id)
  ) WITHOUT ROWID;
  `,
  // 0.5.0: migrations 5-16. Those that hold only `SELECT 1` were reserved for work that needed
  // no schema change; they keep their place so the numbering stays as shipped.
  `
  -- 5: ballots keep their group; results stored once
  ALTER TABLE votes ADD COLUMN voter_group TEXT CHECK (voter_group IN ('citizen', 'councillor', 'staff'));
  UPDATE votes SET voter_group = (
    SELECT p.role FROM participants p
     WHERE p.id = votes.participant_id AND p.role IN ('citizen', 'councillor', 'staff')
  );
  CREATE TABLE vote_results (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    results TEXT NOT NULL,
    PRIMARY KEY (workshop_id, phase_id)
  );
  `,
  `
  -- 6: server records of cards held, refused, deleted
  -- One row per card the server holds back or tombstones. Keyed like the rooms, by the
  -- workshop id (no foreign key: the sync layer writes it and knows workshops only by room).
  CREATE TABLE card_records (
    workshop_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('private', 'approval', 'rejected', 'deleted', 'hidden')),
    reason TEXT,
    decided_by TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, card_id)
  ) WITHOUT ROWID;
  CREATE INDEX card_records_author ON card_records(workshop_id, author_id);
  CREATE INDEX card_records_state ON card_records(workshop_id, state);
  `,
  `
  -- 7: joining, identities, login attempts
  -- Joining can be closed and capped per workshop (guest_cap NULL: the server's default).
  ALTER TABLE workshops ADD COLUMN joining_closed_at INTEGER;
  ALTER TABLE workshops ADD COLUMN guest_cap INTEGER;
  -- The browser (or client) a guest joined from, never sent anywhere: a rejoin from it with the
  -- same name is the same participant; another name from it is a new one (a shared tablet).
  ALTER TABLE participants ADD COLUMN device_id TEXT;
  UPDATE participants SET device_id = id WHERE user_id IS NULL;
  CREATE INDEX participants_device ON participants(workshop_id, device_id) WHERE device_id IS NOT NULL;
  `,
  `
  -- 8: connection and quota limits (no table needed)
  SELECT 1;
  `,
  `
  -- 9: the assistant role (participants rebuilt with the new CHECK); photos of paper cards
  ${FOREIGN_KEYS_OFF}
  -- SQLite cannot change a CHECK in place: the documented table rebuild, with foreign keys off
  -- (open-database.ts) so dropping the old table cascades to no session, ballot or record.
  CREATE TABLE participants_new (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'councillor', 'staff', 'citizen', 'assistant', 'observer')),
    created_at INTEGER NOT NULL,
    removed_at INTEGER,
    device_id TEXT
  );
  INSERT INTO participants_new (id, workshop_id, user_id, name, role, created_at, removed_at, device_id)
    SELECT id, workshop_id, user_id, name, role, created_at, removed_at, device_id FROM participants;
  DROP TABLE participants;
  ALTER TABLE participants_new RENAME TO participants;
  CREATE UNIQUE INDEX participants_user ON participants(workshop_id, user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX participants_device ON participants(workshop_id, device_id) WHERE device_id IS NOT NULL;
  -- Photos of paper cards, resized by the server; every version is kept, so the minutes of an
  -- older snapshot show the photo that card had then. The thumbnail is for exported minutes.
  CREATE TABLE card_photos (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    version TEXT NOT NULL,
    image BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    thumbnail BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, card_id, version)
  ) WITHOUT ROWID;
  `,
  `
  -- 10: hand-counted (paper) votes
  -- Points counted on the wall, per card and group, secret until the reveal like ballots; who
  -- entered each and when. And, per group, how many people voted on paper, if entered.
  CREATE TABLE paper_votes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    voter_group TEXT NOT NULL CHECK (voter_group IN ('citizen', 'councillor', 'staff')),
    points INTEGER NOT NULL CHECK (points > 0),
    entered_by TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, phase_id, card_id, voter_group)
  ) WITHOUT ROWID;
  CREATE TABLE paper_voters (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    voter_group TEXT NOT NULL CHECK (voter_group IN ('citizen', 'councillor', 'staff')),
    voters INTEGER NOT NULL CHECK (voters > 0),
    entered_by TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, phase_id, voter_group)
  ) WITHOUT ROWID;
  `,
  `
  -- 11: raised hands and speaking times
  -- One row per time someone had the floor (server time). name is NULL where the minutes may not
  -- name people (the phase did not show authors); participant_id is NULL for someone in the room
  -- without a device, for whom an assistant raised the hand (on_behalf = 1).
  CREATE TABLE speaking_times (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
    name TEXT,
    role TEXT,
    on_behalf INTEGER NOT NULL DEFAULT 0,
    phase_id TEXT,
    phase_name TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    duration_ms INTEGER GENERATED ALWAYS AS (ended_at - started_at) VIRTUAL,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
  );
  CREATE INDEX speaking_times_workshop ON speaking_times(workshop_id, started_at);
  CREATE UNIQUE INDEX speaking_times_open ON speaking_times(workshop_id) WHERE ended_at IS NULL;
  `,
  `
  -- 12: the tamper-evident event log and snapshot hashes
  -- One hash chain per workshop (server/audit/): each entry holds the SHA-256 of the one before.
  -- No foreign key: the log outlives nothing it names, and deleting a workshop deletes its log
  -- explicitly. Entries are never changed (the trigger), only appended, or deleted with their
  -- workshop; the chain, not the trigger, is what shows an edit made behind SQLite's back.
  CREATE TABLE audit_log (
    workshop_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq > 0),
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (workshop_id, seq)
  ) WITHOUT ROWID;
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  -- 13: closing, retention settings and runs, deletion
  -- A closed workshop is read-only for everyone; the retention limits count from closed_at.
  -- What retention already removed is marked, so each run touches only what is new.
  ALTER TABLE workshops ADD COLUMN closed_at INTEGER;
  ALTER TABLE workshops ADD COLUMN guests_purged_at INTEGER;
  ALTER TABLE workshops ADD COLUMN hidden_purged_at INTEGER;
  -- The instance's settings, one row a key, the value as JSON (server/retention/settings-store.ts).
  CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  -- 14: export and import (no table needed)
  SELECT 1;
  `,
  `
  -- 15: account administration
  -- A deactivated account (a councillor leaving office) cannot log in; its sessions are gone.
  ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
  `,
  `
  -- 16: reserved, unused
  SELECT 1;
  `,
]
