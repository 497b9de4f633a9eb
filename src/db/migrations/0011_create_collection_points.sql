-- Collection points: the kiosks, links, QR codes, paper and telephone channels that feed a team's feedback.
-- Each has its own public code and collection mode, so the respondent never has to know their team's name.
CREATE TABLE collection_points (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 40 AND code NOT GLOB '*[^a-z0-9-]*'),
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  mode TEXT NOT NULL CHECK (mode IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other')),
  survey_codes TEXT NOT NULL CHECK (json_valid(survey_codes) AND json_type(survey_codes) = 'array'),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;

-- A kiosk device enrolled by an admin: the device holds a random credential in a long-lived cookie; only its
-- SHA-256 is stored. Revoking ends it at once.
CREATE TABLE kiosk_devices (
  id INTEGER PRIMARY KEY,
  collection_point_id INTEGER NOT NULL REFERENCES collection_points (id),
  credential_hash TEXT NOT NULL UNIQUE,
  enrolled_at TEXT NOT NULL,
  enrolled_by INTEGER,
  revoked_at TEXT,
  revoked_by INTEGER,
  last_seen_at TEXT
) STRICT;

ALTER TABLE responses ADD COLUMN collection_point_id INTEGER REFERENCES collection_points (id);
CREATE INDEX responses_by_collection_point ON responses (collection_point_id, submitted_on);
