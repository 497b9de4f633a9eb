import type { Db } from '../db/database';

export interface OrganisationUnit {
  id: number;
  code: string;
  name: string;
}

/** The sites, directorates and Communities of Excellence in use, for the admin pages' choices. */
export function createOrganisationUnitsRepository(db: Db) {
  const sites = db.prepare('SELECT id, code, name FROM sites WHERE retired_at IS NULL ORDER BY name');
  const directorates = db.prepare(
    'SELECT id, code, name FROM directorates WHERE retired_at IS NULL ORDER BY name',
  );
  const communities = db.prepare(
    'SELECT id, code, name FROM communities WHERE retired_at IS NULL ORDER BY name',
  );
  return {
    sites: () => sites.all() as OrganisationUnit[],
    directorates: () => directorates.all() as OrganisationUnit[],
    communities: () => communities.all() as OrganisationUnit[],
  };
}

export type OrganisationUnitsRepository = ReturnType<typeof createOrganisationUnitsRepository>;
