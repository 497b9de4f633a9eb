-- Staff accounts, roles, sessions, sign-in counters, reset links, recovery codes and the audit trail (issue 4).
-- Passwords are argon2id PHC strings; reset tokens and recovery codes are stored only as SHA-256 hashes.
-- Failure counters and lock-outs live here, so a restart never resets them.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- Base32 TOTP secret once the second factor is enrolled; NULL means enrolment is due at next sign-in.
  totp_secret TEXT,
  -- The last TOTP time step accepted, so a code cannot be replayed within its window.
  totp_last_step INTEGER,
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  locked_until TEXT,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;

-- A user holds one or more roles; a role may be scoped to one directorate or one team (never both).
CREATE TABLE user_roles (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'pals', 'quality', 'viewer')),
  directorate_id INTEGER REFERENCES directorates (id),
  team_id INTEGER REFERENCES teams (id),
  CHECK (directorate_id IS NULL OR team_id IS NULL)
) STRICT;

CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, ifnull(directorate_id, 0), ifnull(team_id, 0));

-- Server-side staff sessions (the express-session store). expires_at is the earlier of the idle and absolute
-- limits, in epoch milliseconds of the injected clock; user_id lets disabling a user end every session.
CREATE TABLE staff_sessions (
  sid TEXT PRIMARY KEY,
  user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Failed sign-ins per client address in a fixed window. address_key is a keyed hash: no address is stored.
CREATE TABLE sign_in_attempts (
  address_key TEXT PRIMARY KEY,
  window_started_at TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0)
) STRICT;

CREATE TABLE password_reset_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  UNIQUE (user_id, code_hash)
) STRICT;

-- Append-only: who did what, to which object, when, from which session. Never answer or comment text.
-- actor_user_id has no foreign key on purpose, so the trail outlives any change to users.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_email TEXT,
  action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
  object_type TEXT,
  object_id TEXT,
  -- A hash of the session id (never the id itself, which is a credential).
  session_ref TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;

CREATE INDEX audit_events_by_time ON audit_events (occurred_at);
CREATE INDEX audit_events_by_actor ON audit_events (actor_user_id, occurred_at);
CREATE INDEX audit_events_by_action ON audit_events (action, occurred_at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
