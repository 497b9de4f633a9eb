-- Compliments: positive comments that name staff, marked by a PALS officer to be passed on to the team.
CREATE TABLE compliments (
  comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  marked_by INTEGER,
  marked_at TEXT NOT NULL
) STRICT;

CREATE INDEX compliments_by_time ON compliments (marked_at);
