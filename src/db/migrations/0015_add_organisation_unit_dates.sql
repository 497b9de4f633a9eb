-- Sites, directorates and Communities of Excellence open and retire on Europe/London calendar dates
-- (docs/organisation.md). NULL opened_on means "since the first-start seed". A unit retired from a date takes no
-- placement that holds on or after that date; retired_at (0002) keeps its meaning: when the retirement was recorded.
ALTER TABLE communities ADD COLUMN opened_on TEXT
  CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE communities ADD COLUMN retired_on TEXT
  CHECK (retired_on IS NULL OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE directorates ADD COLUMN opened_on TEXT
  CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE directorates ADD COLUMN retired_on TEXT
  CHECK (retired_on IS NULL OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE sites ADD COLUMN opened_on TEXT
  CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE sites ADD COLUMN retired_on TEXT
  CHECK (retired_on IS NULL OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- A unit's name is a label on a stable identity (placements and responses hold its id), so a rename takes effect
-- at once everywhere; the former names are kept here, with when the change was recorded.
CREATE TABLE organisation_unit_renames (
  id INTEGER PRIMARY KEY,
  unit_type TEXT NOT NULL CHECK (unit_type IN ('site', 'directorate', 'community')),
  unit_id INTEGER NOT NULL,
  former_name TEXT NOT NULL CHECK (length(former_name) BETWEEN 1 AND 200),
  new_name TEXT NOT NULL CHECK (length(new_name) BETWEEN 1 AND 200),
  renamed_at TEXT NOT NULL
) STRICT;

CREATE INDEX organisation_unit_renames_by_unit ON organisation_unit_renames (unit_type, unit_id, renamed_at);
