/**
 * Schema migrations, applied in order; PRAGMA user_version records how far a database is.
 * Append new migrations; never edit one that has shipped.
 */
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
  // Slots 5-8 are reserved for this release's work (ballots, card records, joining, connection
  // limits); each is filled before the release ships and never edited after.
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
  -- 8: connection and quota limits
  SELECT 1;
  `,
  `
  -- 9: the assistant role (participants rebuilt with the new CHECK)
  SELECT 1;
  `,
  `
  -- 10: hand-counted (paper) votes
  SELECT 1;
  `,
  `
  -- 11: raised hands and speaking times
  SELECT 1;
  `,
  `
  -- 12: the tamper-evident event log and snapshot hashes
  SELECT 1;
  `,
  `
  -- 13: closing, retention settings and runs, deletion
  SELECT 1;
  `,
  `
  -- 14: export and import
  SELECT 1;
  `,
  `
  -- 15: instance settings and account administration
  -- (ops: accounts; the settings tables of this slot are merged in below by the lead)
  -- A deactivated account (a councillor leaving office) cannot log in; its sessions are gone.
  ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
  `,
  `
  -- 16: spare
  SELECT 1;
  `,
]
