-- One row per acknowledged submission. Anonymous: no name, IP address or user agent is stored.
-- The team's place in the organisation is copied as it was at submission (as-recorded reporting);
-- submission_token is the server-issued random token of the form, so a replayed or retried
-- submission can never be stored twice.
CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  submission_token TEXT NOT NULL UNIQUE,
  survey_version_id INTEGER NOT NULL REFERENCES survey_versions (id),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  mode TEXT NOT NULL CHECK (mode IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other')),
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  respondent_role TEXT CHECK (
    respondent_role IS NULL
    OR respondent_role IN ('service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience')
  ),
  language TEXT NOT NULL DEFAULT 'en',
  submitted_at TEXT NOT NULL,
  -- Europe/London calendar date of submitted_at: the day and month it is reported under.
  submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

CREATE INDEX responses_by_day ON responses (submitted_on);
CREATE INDEX responses_by_team_day ON responses (team_id, submitted_on);

-- Closed answers by stable item code. A multiple-choice item has one row per chosen value.
CREATE TABLE response_answers (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  item_code TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (response_id, item_code, value)
) STRICT, WITHOUT ROWID;

CREATE INDEX response_answers_by_item ON response_answers (item_code, value);

-- Free-text answers, stored verbatim: the PALS workspace hangs its workflow on these rows.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  item_code TEXT NOT NULL,
  comment_type TEXT NOT NULL CHECK (comment_type IN ('what_good', 'could_improve', 'nonspecific')),
  body TEXT NOT NULL CHECK (length(body) >= 1),
  UNIQUE (response_id, item_code)
) STRICT;
