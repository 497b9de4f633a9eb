-- Surveys are versioned data. A published version is never edited: a wording change is a new version,
-- and each response keeps the version it answered. Reports follow the stable item codes inside the
-- definitions.
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE survey_versions (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  checksum TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (survey_id, version)
) STRICT;

CREATE TRIGGER survey_versions_are_immutable
BEFORE UPDATE OF survey_id, version, definition, checksum ON survey_versions
BEGIN
  SELECT RAISE(ABORT, 'a published survey version cannot be changed: publish a new version');
END;

CREATE TRIGGER survey_versions_are_kept
BEFORE DELETE ON survey_versions
BEGIN
  SELECT RAISE(ABORT, 'a published survey version cannot be deleted');
END;
