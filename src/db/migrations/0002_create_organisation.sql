-- The organisation: Communities of Excellence, directorates, sites and teams.
-- A team's place (its name, site, directorate and community) is effective-dated in team_placements,
-- so a reorganisation adds rows and never rewrites history. Dates are Europe/London calendar dates
-- (YYYY-MM-DD); a placement holds from valid_from (inclusive) to valid_to (exclusive, NULL = open).

CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;

CREATE TABLE directorates (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('community', 'inpatient', 'specialist')),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  ods_code TEXT CHECK (ods_code IS NULL OR ods_code GLOB '[A-Z0-9]*'),
  community_id INTEGER REFERENCES communities (id),
  is_hub INTEGER NOT NULL DEFAULT 0 CHECK (is_hub IN (0, 1)),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;

-- The stable identity of a team: its code is the slug printed on posters (/t/<code>).
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (
    length(code) BETWEEN 2 AND 40 AND code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'
  ),
  created_at TEXT NOT NULL,
  retired_on TEXT CHECK (retired_on IS NULL OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

CREATE TABLE team_placements (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams (id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('ward', 'community_team', 'service')),
  setting TEXT NOT NULL CHECK (setting IN ('community', 'inpatient', 'forensic')),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  valid_to TEXT CHECK (valid_to IS NULL OR (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND valid_to > valid_from)),
  created_at TEXT NOT NULL,
  UNIQUE (team_id, valid_from)
) STRICT;

CREATE INDEX team_placements_by_team ON team_placements (team_id, valid_from);
-- At most one open placement per team.
CREATE UNIQUE INDEX team_placements_one_open ON team_placements (team_id) WHERE valid_to IS NULL;
