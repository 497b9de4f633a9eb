import type { Db } from '../db/database';
import type { UnitType } from './organisation-changes';

export interface OrganisationUnit {
  id: number;
  code: string;
  name: string;
}

/** A unit as the admin pages list it: when it opened and retired (null: since the seed / not retired). */
export interface OrganisationUnitRow extends OrganisationUnit {
  openedOn: string | null;
  retiredOn: string | null;
}

export interface UnitRename {
  formerName: string;
  newName: string;
  renamedAt: string;
}

/** The sites, directorates and Communities of Excellence: choices for the admin pages and their own pages. */
export function createOrganisationUnitsRepository(db: Db) {
  // Choices for a placement: units with no retirement date (the service checks the opening date).
  const sites = db.prepare(
    'SELECT id, code, name FROM sites WHERE retired_on IS NULL AND retired_at IS NULL ORDER BY name',
  );
  const directorates = db.prepare(
    'SELECT id, code, name FROM directorates WHERE retired_on IS NULL AND retired_at IS NULL ORDER BY name',
  );
  const communities = db.prepare(
    'SELECT id, code, name FROM communities WHERE retired_on IS NULL AND retired_at IS NULL ORDER BY name',
  );
  const all = {
    site: db.prepare(
      `SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM sites
       ORDER BY retired_on IS NOT NULL, name`,
    ),
    directorate: db.prepare(
      `SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM directorates
       ORDER BY retired_on IS NOT NULL, name`,
    ),
    community: db.prepare(
      `SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM communities
       ORDER BY retired_on IS NOT NULL, name`,
    ),
  } as const;
  const one = {
    site: db.prepare(
      'SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM sites WHERE code = :code',
    ),
    directorate: db.prepare(
      'SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM directorates WHERE code = :code',
    ),
    community: db.prepare(
      'SELECT id, code, name, opened_on AS openedOn, retired_on AS retiredOn FROM communities WHERE code = :code',
    ),
  } as const;
  const renames = db.prepare(
    `SELECT former_name AS formerName, new_name AS newName, renamed_at AS renamedAt FROM organisation_unit_renames
     WHERE unit_type = :unitType AND unit_id = :unitId ORDER BY renamed_at, id`,
  );
  const upcoming = db.prepare(
    `SELECT t.code, p.name, p.valid_from AS startsOn FROM teams t JOIN team_placements p ON p.team_id = t.id
     WHERE p.valid_from > :on AND t.retired_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM team_placements q WHERE q.team_id = t.id AND q.valid_from <= :on)
     ORDER BY p.valid_from, p.name`,
  );
  return {
    /** Teams added from a later date: no placement yet on `on`. Their first placement only. */
    upcomingTeams: (on: string) =>
      (upcoming.all({ on }) as { code: string; name: string; startsOn: string }[]).filter(
        (team, i, all) => all.findIndex((other) => other.code === team.code) === i,
      ),
    sites: () => sites.all() as OrganisationUnit[],
    directorates: () => directorates.all() as OrganisationUnit[],
    communities: () => communities.all() as OrganisationUnit[],
    /** Every unit of a type, retired last. */
    list: (type: UnitType) => all[type].all() as OrganisationUnitRow[],
    find: (type: UnitType, code: string) => one[type].get({ code }) as OrganisationUnitRow | undefined,
    renames: (type: UnitType, unitId: number) => renames.all({ unitType: type, unitId }) as UnitRename[],
  };
}

export type OrganisationUnitsRepository = ReturnType<typeof createOrganisationUnitsRepository>;
