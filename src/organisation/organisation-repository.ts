import type { Db } from '../db/database';
import type { OrganisationFile } from './organisation-file';
import { organisationGenerationOf } from '../db/organisation-generation';

export type TeamSetting = 'community' | 'inpatient' | 'forensic';

/** A team as it was placed on one date: the identity plus the effective-dated placement. */
export interface PlacedTeam {
  teamId: number;
  code: string;
  name: string;
  kind: 'ward' | 'community_team' | 'service';
  setting: TeamSetting;
  siteId: number;
  siteName: string;
  directorateId: number;
  directorateName: string;
  communityId: number;
  communityName: string;
  retiredOn: string | null;
}

const placedTeamColumns = `
  t.id AS teamId, t.code AS code, p.name AS name, p.kind AS kind, p.setting AS setting,
  s.id AS siteId, s.name AS siteName, d.id AS directorateId, d.name AS directorateName,
  c.id AS communityId, c.name AS communityName, t.retired_on AS retiredOn`;

const placedTeamJoins = `
  FROM teams t
  JOIN team_placements p ON p.team_id = t.id AND p.valid_from <= :on AND (p.valid_to IS NULL OR p.valid_to > :on)
  JOIN sites s ON s.id = p.site_id
  JOIN directorates d ON d.id = p.directorate_id
  JOIN communities c ON c.id = p.community_id`;

/** How many (date, team) lookups the placed-team cache keeps before it starts again. */
const PLACED_TEAM_CACHE_SIZE = 2_000;

export function createOrganisationRepository(db: Db) {
  const countTeams = db.prepare('SELECT count(*) AS n FROM teams');
  const findPlaced = db.prepare(`SELECT ${placedTeamColumns} ${placedTeamJoins} WHERE t.code = :code`);
  // Changes with any write to the organisation's tables (migration 0022); our own writes also call forgetCachedTeams.
  const generation = organisationGenerationOf(db);

  /**
   * Placed teams by date and code. Every survey request looks its team up (a five-table join), and placements
   * change rarely: organisation-changes calls forgetCachedTeams after its writes, and a change by any other
   * connection empties the cache through the organisation generation. Unknown codes are not kept (anyone can ask).
   */
  const placedTeams = new Map<string, Readonly<PlacedTeam>>();
  let cachedGeneration: number | undefined;
  const listActive = db.prepare(
    `SELECT ${placedTeamColumns} ${placedTeamJoins}
     WHERE t.retired_on IS NULL OR t.retired_on > :on
     ORDER BY d.name, p.name`,
  );
  const insertCommunity = db.prepare(
    'INSERT INTO communities (code, name, created_at) VALUES (:code, :name, :createdAt)',
  );
  const insertDirectorate = db.prepare(
    'INSERT INTO directorates (code, name, kind, created_at) VALUES (:code, :name, :kind, :createdAt)',
  );
  const insertSite = db.prepare(
    `INSERT INTO sites (code, name, ods_code, community_id, is_hub, created_at)
     VALUES (:code, :name, :odsCode, (SELECT id FROM communities WHERE code = :community), :isHub, :createdAt)`,
  );
  const insertTeam = db.prepare('INSERT INTO teams (code, created_at) VALUES (:code, :createdAt)');
  const insertPlacement = db.prepare(
    `INSERT INTO team_placements
       (team_id, name, kind, setting, site_id, directorate_id, community_id, valid_from, created_at)
     VALUES (
       :teamId, :name, :kind, :setting,
       (SELECT id FROM sites WHERE code = :site),
       (SELECT id FROM directorates WHERE code = :directorate),
       (SELECT id FROM communities WHERE code = :community),
       :validFrom, :createdAt)`,
  );

  return {
    isEmpty(): boolean {
      return (countTeams.get() as { n: number }).n === 0;
    },

    /** Loads the first-start organisation into empty tables, in one transaction. */
    seed(org: OrganisationFile, createdAt: string): void {
      db.transaction(() => {
        for (const c of org.communities) insertCommunity.run({ code: c.code, name: c.name, createdAt });
        for (const d of org.directorates)
          insertDirectorate.run({ code: d.code, name: d.name, kind: d.kind, createdAt });
        for (const s of org.sites) {
          insertSite.run({
            code: s.code,
            name: s.name,
            odsCode: s.odsCode,
            community: s.community,
            isHub: s.hub ? 1 : 0,
            createdAt,
          });
        }
        for (const t of org.teams) {
          const teamId = insertTeam.run({ code: t.code, createdAt }).lastInsertRowid;
          insertPlacement.run({
            teamId,
            name: t.name,
            kind: t.kind,
            setting: t.setting,
            site: t.site,
            directorate: t.directorate,
            community: t.community,
            validFrom: org.effectiveFrom,
            createdAt,
          });
        }
      })();
    },

    /** The team with this code as placed on a date (YYYY-MM-DD), retired or not; undefined if unknown. */
    findTeamOn(code: string, on: string): Readonly<PlacedTeam> | undefined {
      const current = generation();
      if (current !== cachedGeneration || placedTeams.size >= PLACED_TEAM_CACHE_SIZE) {
        placedTeams.clear();
        cachedGeneration = current;
      }
      const key = `${on} ${code}`;
      const cached = placedTeams.get(key);
      if (cached) return cached;
      const found = findPlaced.get({ code, on }) as PlacedTeam | undefined;
      if (found) placedTeams.set(key, Object.freeze(found));
      return found;
    },

    /** Empties the placed-team cache: call after writing teams or placements on this connection. */
    forgetCachedTeams(): void {
      placedTeams.clear();
    },

    /** Teams taking feedback on a date, ordered by directorate then name. */
    listActiveTeamsOn(on: string): PlacedTeam[] {
      return listActive.all({ on }) as PlacedTeam[];
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
