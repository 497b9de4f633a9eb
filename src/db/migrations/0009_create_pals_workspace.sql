-- The PALS workspace: every comment is read, triaged, themed and, with consent, published in redacted form.

-- Themes: the NHS Patient Experience Qualitative Data Categorisation (QDC) categories, editable by admins.
CREATE TABLE themes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

-- One review row per comment, created in the same transaction as the response.
CREATE TABLE comment_reviews (
  comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'actioned', 'closed')),
  status_changed_at TEXT NOT NULL,
  status_changed_by INTEGER,
  sentiment_suggested TEXT NOT NULL CHECK (sentiment_suggested IN ('positive', 'neutral', 'negative', 'mixed')),
  sentiment TEXT CHECK (sentiment IS NULL OR sentiment IN ('positive', 'neutral', 'negative', 'mixed')),
  sentiment_confirmed_by INTEGER,
  owner_user_id INTEGER
) STRICT;

CREATE INDEX comment_reviews_by_status ON comment_reviews (status);

CREATE TABLE comment_themes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  theme_id INTEGER NOT NULL REFERENCES themes (id),
  added_by INTEGER,
  added_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, theme_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE comment_notes (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  author_user_id INTEGER,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at TEXT NOT NULL
) STRICT;

-- Risk flags raised on submission; closing one needs a recorded outcome.
CREATE TABLE risk_flags (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  flagged_at TEXT NOT NULL,
  outcome TEXT CHECK (
    outcome IS NULL
    OR outcome IN ('no_action', 'passed_to_manager', 'safeguarding_referral', 'incident_raised')
  ),
  incident_reference TEXT CHECK (
    (outcome = 'incident_raised' AND length(incident_reference) BETWEEN 1 AND 60)
    OR (outcome IS NOT 'incident_raised' AND incident_reference IS NULL)
  ),
  closed_by INTEGER,
  closed_at TEXT,
  CHECK ((outcome IS NULL) = (closed_at IS NULL)),
  UNIQUE (comment_id, category)
) STRICT;

CREATE INDEX risk_flags_open ON risk_flags (flagged_at) WHERE outcome IS NULL;

-- Approved, redacted copies of comments whose authors consented to publication.
CREATE TABLE comment_publications (
  comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  redacted_text TEXT NOT NULL CHECK (length(redacted_text) BETWEEN 1 AND 10000),
  approved_by INTEGER NOT NULL,
  approved_at TEXT NOT NULL,
  withdrawn_at TEXT
) STRICT;

-- "You said, we did": public learning.
CREATE TABLE you_said_we_did (
  id INTEGER PRIMARY KEY,
  theme_id INTEGER REFERENCES themes (id),
  team_id INTEGER REFERENCES teams (id),
  directorate_id INTEGER REFERENCES directorates (id),
  you_said TEXT NOT NULL CHECK (length(you_said) BETWEEN 1 AND 2000),
  we_did TEXT NOT NULL CHECK (length(we_did) BETWEEN 1 AND 2000),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
  published_on TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_by INTEGER,
  created_at TEXT NOT NULL,
  CHECK (team_id IS NOT NULL OR directorate_id IS NOT NULL)
) STRICT;

-- Full-text search over comments (external content: the text lives once, in comments).
CREATE VIRTUAL TABLE comments_fts USING fts5 (body, content = 'comments', content_rowid = 'id', tokenize = 'porter unicode61');

CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
  INSERT INTO comments_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
  INSERT INTO comments_fts (comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments BEGIN
  INSERT INTO comments_fts (comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO comments_fts (rowid, body) VALUES (new.id, new.body);
END;

-- Comments stored before this migration get their review rows and search entries.
INSERT INTO comments_fts (rowid, body) SELECT id, body FROM comments;
INSERT INTO comment_reviews (comment_id, status, status_changed_at, sentiment_suggested)
SELECT id, 'new', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'neutral' FROM comments;

INSERT INTO themes (code, label, created_at) VALUES
  ('staff_manner', 'Staff manner and personal attributes', '2026-01-01T00:00:00.000Z'),
  ('staff_listening', 'Staff listening, understanding and involving patients', '2026-01-01T00:00:00.000Z'),
  ('information', 'Information, advice and communication', '2026-01-01T00:00:00.000Z'),
  ('timeliness', 'Timeliness of care', '2026-01-01T00:00:00.000Z'),
  ('access', 'Access to services and waiting', '2026-01-01T00:00:00.000Z'),
  ('care_plans', 'Care plans and continuity of care', '2026-01-01T00:00:00.000Z'),
  ('clinical_treatment', 'Clinical treatment', '2026-01-01T00:00:00.000Z'),
  ('medication', 'Medication', '2026-01-01T00:00:00.000Z'),
  ('discharge', 'Discharge and transfers', '2026-01-01T00:00:00.000Z'),
  ('feeling_safe', 'Feeling safe', '2026-01-01T00:00:00.000Z'),
  ('mental_health_act', 'Mental Health Act', '2026-01-01T00:00:00.000Z'),
  ('dignity', 'Privacy, dignity and respect', '2026-01-01T00:00:00.000Z'),
  ('family_carers', 'Interaction with family and carers', '2026-01-01T00:00:00.000Z'),
  ('environment', 'Environment and facilities', '2026-01-01T00:00:00.000Z'),
  ('cleanliness', 'Cleanliness', '2026-01-01T00:00:00.000Z'),
  ('food', 'Food and drink', '2026-01-01T00:00:00.000Z'),
  ('activities', 'Activities', '2026-01-01T00:00:00.000Z'),
  ('physical_health', 'Physical health', '2026-01-01T00:00:00.000Z'),
  ('staffing', 'Staffing levels', '2026-01-01T00:00:00.000Z'),
  ('praise', 'General praise', '2026-01-01T00:00:00.000Z'),
  ('other', 'Other', '2026-01-01T00:00:00.000Z');
