-- The organisation generation: a number that changes whenever a table the placed-team and survey-offer caches are
-- built from changes, on any connection. The caches (src/db/organisation-generation.ts) used to watch
-- PRAGMA data_version, which changes on every commit by another connection: with submissions stored by the store
-- worker's own connection (docs/decisions/0006-store-worker.md) that emptied them, and the blank-page cache keyed on
-- their team objects, many times a second. Responses, drafts and PALS work never touch these tables.
CREATE TABLE organisation_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
) STRICT;
INSERT INTO organisation_generation (id, generation) VALUES (1, 1);

CREATE TRIGGER communities_insert_bumps_generation AFTER INSERT ON communities
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER communities_update_bumps_generation AFTER UPDATE ON communities
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER communities_delete_bumps_generation AFTER DELETE ON communities
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER directorates_insert_bumps_generation AFTER INSERT ON directorates
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER directorates_update_bumps_generation AFTER UPDATE ON directorates
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER directorates_delete_bumps_generation AFTER DELETE ON directorates
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER sites_insert_bumps_generation AFTER INSERT ON sites
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER sites_update_bumps_generation AFTER UPDATE ON sites
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER sites_delete_bumps_generation AFTER DELETE ON sites
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER teams_insert_bumps_generation AFTER INSERT ON teams
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER teams_update_bumps_generation AFTER UPDATE ON teams
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER teams_delete_bumps_generation AFTER DELETE ON teams
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_placements_insert_bumps_generation AFTER INSERT ON team_placements
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_placements_update_bumps_generation AFTER UPDATE ON team_placements
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_placements_delete_bumps_generation AFTER DELETE ON team_placements
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER surveys_insert_bumps_generation AFTER INSERT ON surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER surveys_update_bumps_generation AFTER UPDATE ON surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER surveys_delete_bumps_generation AFTER DELETE ON surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_surveys_insert_bumps_generation AFTER INSERT ON team_surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_surveys_update_bumps_generation AFTER UPDATE ON team_surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER team_surveys_delete_bumps_generation AFTER DELETE ON team_surveys
BEGIN
  UPDATE organisation_generation SET generation = generation + 1 WHERE id = 1;
END;
