-- "You said, we did" entries say what people said either as a written summary or as an approved, redacted quote
-- (a comment_publications row). Exactly one of the two. The table is rebuilt because SQLite cannot change a CHECK.
-- quote_comment_id has no foreign key on purpose: erasing a comment must never be blocked by an entry; the public
-- page shows a quote only while its publication exists, is not withdrawn and its team passes the small-numbers rule.
CREATE TABLE you_said_we_did_next (
  id INTEGER PRIMARY KEY,
  theme_id INTEGER REFERENCES themes (id),
  team_id INTEGER REFERENCES teams (id),
  directorate_id INTEGER REFERENCES directorates (id),
  you_said TEXT CHECK (you_said IS NULL OR length(you_said) BETWEEN 1 AND 2000),
  quote_comment_id INTEGER,
  we_did TEXT NOT NULL CHECK (length(we_did) BETWEEN 1 AND 2000),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
  published_on TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_by INTEGER,
  created_at TEXT NOT NULL,
  updated_by INTEGER,
  updated_at TEXT,
  CHECK (team_id IS NOT NULL OR directorate_id IS NOT NULL),
  CHECK ((you_said IS NULL) <> (quote_comment_id IS NULL))
) STRICT;

INSERT INTO you_said_we_did_next (id, theme_id, team_id, directorate_id, you_said, we_did, status, published_on,
  created_by, created_at)
SELECT id, theme_id, team_id, directorate_id, you_said, we_did, status, published_on, created_by, created_at
FROM you_said_we_did;

DROP TABLE you_said_we_did;
ALTER TABLE you_said_we_did_next RENAME TO you_said_we_did;

CREATE INDEX you_said_we_did_by_team ON you_said_we_did (team_id, published_on);
CREATE INDEX you_said_we_did_by_directorate ON you_said_we_did (directorate_id, published_on);
