-- Retention: raw free text is removed after a configured time; the row stays (reviews, themes, flags and
-- aggregates are kept) and records when its text was removed.
ALTER TABLE comments ADD COLUMN text_removed_at TEXT;

CREATE TABLE retention_runs (
  id INTEGER PRIMARY KEY,
  ran_at TEXT NOT NULL,
  rule TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  affected INTEGER NOT NULL CHECK (affected >= 0)
) STRICT;
