-- Which surveys each team offers on its start page (/t/<team-code>). Seeded at first start from the
-- "offer" of each survey definition; admins change it later. The newest published version is served.
CREATE TABLE team_surveys (
  team_id INTEGER NOT NULL REFERENCES teams (id),
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  created_at TEXT NOT NULL,
  PRIMARY KEY (team_id, survey_id)
) STRICT;

-- Partial answers of a survey in progress, under an anonymous random id that travels only in a
-- session cookie. Short-lived: deleted when the response is stored (same transaction) or when it
-- expires. submission_nonce is the nonce of the form's signed submission token, so a double tap on
-- the first page finds the same draft, and the response it becomes can be stored only once.
CREATE TABLE survey_drafts (
  id TEXT PRIMARY KEY CHECK (length(id) = 22),
  submission_nonce TEXT NOT NULL UNIQUE,
  -- The signed token itself, so every page of the journey can carry it in its form.
  submission_token TEXT NOT NULL,
  survey_version_id INTEGER NOT NULL REFERENCES survey_versions (id),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  mode TEXT NOT NULL CHECK (mode IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other')),
  answers TEXT NOT NULL CHECK (json_valid(answers)),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX survey_drafts_by_expiry ON survey_drafts (expires_at);
