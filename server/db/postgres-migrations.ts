/**
 * PostgreSQL schema migrations, applied in order; the table `schema_version` records how far a
 * database is. The first is the schema SQLite reaches with its 16th migration (migrations.ts),
 * translated: BIGINT for times in milliseconds and sequence numbers, BYTEA for bytes, usernames
 * compared case-blind by a nondeterministic ICU collation (SQLite's COLLATE NOCASE), the audit
 * log's append-only rule as a trigger. A later change to the schema appends to both lists.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE COLLATION IF NOT EXISTS case_blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT COLLATE case_blind NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'councillor', 'staff')),
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT
  );
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT,
    join_code TEXT NOT NULL UNIQUE,
    owner_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    joining_closed_at BIGINT,
    guest_cap INTEGER,
    closed_at BIGINT,
    guests_purged_at BIGINT,
    hidden_purged_at BIGINT
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'councillor', 'staff', 'citizen', 'assistant', 'observer')),
    created_at BIGINT NOT NULL,
    removed_at BIGINT,
    device_id TEXT
  );
  CREATE UNIQUE INDEX participants_user ON participants(workshop_id, user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX participants_device ON participants(workshop_id, device_id) WHERE device_id IS NOT NULL;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    CHECK ((user_id IS NULL) <> (participant_id IS NULL))
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE room_state (
    room TEXT PRIMARY KEY,
    state BYTEA NOT NULL,
    last_seq BIGINT NOT NULL
  );
  CREATE TABLE room_updates (
    room TEXT NOT NULL,
    seq BIGINT NOT NULL,
    update_data BYTEA NOT NULL,
    PRIMARY KEY (room, seq)
  );
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    state BYTEA NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    phase TEXT
  );
  CREATE INDEX snapshots_workshop ON snapshots(workshop_id, created_at);
  CREATE TABLE votes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    voter_group TEXT CHECK (voter_group IN ('citizen', 'councillor', 'staff')),
    PRIMARY KEY (workshop_id, phase_id, participant_id, card_id)
  );
  CREATE TABLE vote_reveals (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    revealed_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, phase_id)
  );
  CREATE TABLE hidden_cards (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id TEXT,
    reason TEXT NOT NULL,
    hidden_by TEXT NOT NULL,
    hidden_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, card_id)
  );
  CREATE TABLE vote_results (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    results TEXT NOT NULL,
    PRIMARY KEY (workshop_id, phase_id)
  );
  CREATE TABLE card_records (
    workshop_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('private', 'approval', 'rejected', 'deleted', 'hidden')),
    reason TEXT,
    decided_by TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, card_id)
  );
  CREATE INDEX card_records_author ON card_records(workshop_id, author_id);
  CREATE INDEX card_records_state ON card_records(workshop_id, state);
  CREATE TABLE card_photos (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    version TEXT NOT NULL,
    image BYTEA NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    thumbnail BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, card_id, version)
  );
  CREATE TABLE paper_votes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    voter_group TEXT NOT NULL CHECK (voter_group IN ('citizen', 'councillor', 'staff')),
    points INTEGER NOT NULL CHECK (points > 0),
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, phase_id, card_id, voter_group)
  );
  CREATE TABLE paper_voters (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    phase_id TEXT NOT NULL,
    voter_group TEXT NOT NULL CHECK (voter_group IN ('citizen', 'councillor', 'staff')),
    voters INTEGER NOT NULL CHECK (voters > 0),
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, phase_id, voter_group)
  );
  CREATE TABLE speaking_times (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
    name TEXT,
    role TEXT,
    on_behalf INTEGER NOT NULL DEFAULT 0,
    phase_id TEXT,
    phase_name TEXT,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    duration_ms BIGINT GENERATED ALWAYS AS (ended_at - started_at) STORED,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
  );
  CREATE INDEX speaking_times_workshop ON speaking_times(workshop_id, started_at);
  CREATE UNIQUE INDEX speaking_times_open ON speaking_times(workshop_id) WHERE ended_at IS NULL;
  CREATE TABLE audit_log (
    workshop_id TEXT NOT NULL,
    seq BIGINT NOT NULL CHECK (seq > 0),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (workshop_id, seq)
  );
  CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update();
  CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
]
