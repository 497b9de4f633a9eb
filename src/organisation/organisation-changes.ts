import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Db } from '../db/database';

export interface PlacementChange {
  name?: string;
  siteCode?: string;
  directorateCode?: string;
  communityCode?: string;
  setting?: 'community' | 'inpatient' | 'forensic';
  kind?: 'ward' | 'community_team' | 'service';
}

export interface PlacementHistoryRow {
  validFrom: string;
  validTo: string | null;
  name: string;
  siteName: string;
  directorateName: string;
  communityName: string;
  setting: string;
  kind: string;
}

export class OrganisationChangeError extends Error {
  constructor(
    message: string,
    public readonly field: string,
  ) {
    super(message);
    this.name = 'OrganisationChangeError';
  }
}

interface OpenPlacement {
  id: number;
  teamId: number;
  name: string;
  kind: 'ward' | 'community_team' | 'service';
  setting: 'community' | 'inpatient' | 'forensic';
  siteId: number;
  directorateId: number;
  communityId: number;
  validFrom: string;
}

/**
 * Effective-dated changes to the organisation. A change never rewrites history: the open placement is closed the
 * day before the change takes effect (valid_to = effectiveFrom, exclusive) and a new one opens. Responses keep the
 * ids recorded when they were given; reports can map them through the placement valid on any date.
 */
export function createOrganisationChanges(
  db: Db,
  clock: Clock,
  audit: AuditSink,
  /** The organisation repository, whose placed-team cache every change empties. */
  teams: { forgetCachedTeams(): void },
) {
  const openPlacement = db.prepare(
    `SELECT p.id, p.team_id AS teamId, p.name, p.kind, p.setting, p.site_id AS siteId, p.directorate_id AS directorateId,
            p.community_id AS communityId, p.valid_from AS validFrom
     FROM team_placements p JOIN teams t ON t.id = p.team_id
     WHERE t.code = :code AND p.valid_to IS NULL`,
  );
  const history = db.prepare(
    `SELECT p.valid_from AS validFrom, p.valid_to AS validTo, p.name, s.name AS siteName, d.name AS directorateName,
            c.name AS communityName, p.setting, p.kind
     FROM team_placements p JOIN teams t ON t.id = p.team_id
     JOIN sites s ON s.id = p.site_id JOIN directorates d ON d.id = p.directorate_id
     JOIN communities c ON c.id = p.community_id
     WHERE t.code = :code ORDER BY p.valid_from`,
  );
  const siteId = db.prepare('SELECT id FROM sites WHERE code = :code AND retired_at IS NULL');
  const directorateId = db.prepare('SELECT id FROM directorates WHERE code = :code AND retired_at IS NULL');
  const communityId = db.prepare('SELECT id FROM communities WHERE code = :code AND retired_at IS NULL');
  const closePlacement = db.prepare('UPDATE team_placements SET valid_to = :validTo WHERE id = :id');
  const insertPlacement = db.prepare(
    `INSERT INTO team_placements
       (team_id, name, kind, setting, site_id, directorate_id, community_id, valid_from, created_at)
     VALUES (:teamId, :name, :kind, :setting, :siteId, :directorateId, :communityId, :validFrom, :createdAt)`,
  );
  const teamExists = db.prepare('SELECT id FROM teams WHERE code = :code');
  const insertTeam = db.prepare('INSERT INTO teams (code, created_at) VALUES (:code, :createdAt)');
  const retire = db.prepare('UPDATE teams SET retired_on = :on WHERE code = :code AND retired_on IS NULL');

  const idOf = (statement: typeof siteId, code: string, field: string, what: string): number => {
    const row = statement.get({ code }) as { id: number } | undefined;
    if (!row) throw new OrganisationChangeError(`Select a ${what} that exists`, field);
    return row.id;
  };
  const checkDate = (date: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new OrganisationChangeError(
        'Enter a real date for when the change takes effect',
        'effectiveFrom',
      );
    }
  };

  return {
    history: (teamCode: string) => history.all({ code: teamCode }) as PlacementHistoryRow[],

    /** Moves or renames a team from a date. Refused when the date is not after the current placement began. */
    changePlacement: db.transaction(
      (teamCode: string, change: PlacementChange, effectiveFrom: string, actor: AuditActor | null) => {
        teams.forgetCachedTeams();
        checkDate(effectiveFrom);
        const current = openPlacement.get({ code: teamCode }) as OpenPlacement | undefined;
        if (!current) throw new OrganisationChangeError('This team is not active', 'team');
        if (effectiveFrom <= current.validFrom) {
          throw new OrganisationChangeError(
            `The change must take effect after ${current.validFrom}`,
            'effectiveFrom',
          );
        }
        const next = {
          teamId: current.teamId,
          name: change.name?.trim() || current.name,
          kind: change.kind ?? current.kind,
          setting: change.setting ?? current.setting,
          siteId: change.siteCode ? idOf(siteId, change.siteCode, 'siteCode', 'site') : current.siteId,
          directorateId: change.directorateCode
            ? idOf(directorateId, change.directorateCode, 'directorateCode', 'directorate')
            : current.directorateId,
          communityId: change.communityCode
            ? idOf(communityId, change.communityCode, 'communityCode', 'Community of Excellence')
            : current.communityId,
        };
        const unchanged = (
          ['name', 'kind', 'setting', 'siteId', 'directorateId', 'communityId'] as const
        ).every((key) => next[key] === current[key]);
        if (unchanged) throw new OrganisationChangeError('Change at least one thing about the team', 'name');
        closePlacement.run({ id: current.id, validTo: effectiveFrom });
        insertPlacement.run({ ...next, validFrom: effectiveFrom, createdAt: clock.now().toISOString() });
        audit.record({
          actor,
          action: 'organisation.team_changed',
          objectType: 'team',
          objectId: teamCode,
          details: {
            effectiveFrom,
            ...Object.fromEntries(Object.entries(change).map(([k, v]) => [k, String(v)])),
          },
        });
      },
    ),

    addTeam: db.transaction(
      (
        team: Required<PlacementChange> & { code: string },
        effectiveFrom: string,
        actor: AuditActor | null,
      ) => {
        teams.forgetCachedTeams();
        checkDate(effectiveFrom);
        if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(team.code)) {
          throw new OrganisationChangeError(
            'Team code must be 2 to 40 lowercase letters, digits or hyphens',
            'code',
          );
        }
        if (teamExists.get({ code: team.code })) {
          throw new OrganisationChangeError('That team code is already used: codes are never reused', 'code');
        }
        const createdAt = clock.now().toISOString();
        const teamId = Number(insertTeam.run({ code: team.code, createdAt }).lastInsertRowid);
        insertPlacement.run({
          teamId,
          name: team.name.trim(),
          kind: team.kind,
          setting: team.setting,
          siteId: idOf(siteId, team.siteCode, 'siteCode', 'site'),
          directorateId: idOf(directorateId, team.directorateCode, 'directorateCode', 'directorate'),
          communityId: idOf(communityId, team.communityCode, 'communityCode', 'Community of Excellence'),
          validFrom: effectiveFrom,
          createdAt,
        });
        audit.record({
          actor,
          action: 'organisation.team_added',
          objectType: 'team',
          objectId: team.code,
          details: { effectiveFrom },
        });
      },
    ),

    /** Retires a team from a date: its link then shows the friendly "cannot find that team" page. */
    retireTeam: db.transaction((teamCode: string, on: string, actor: AuditActor | null) => {
      teams.forgetCachedTeams();
      checkDate(on);
      const current = openPlacement.get({ code: teamCode }) as OpenPlacement | undefined;
      if (!current) throw new OrganisationChangeError('This team is not active', 'team');
      if (on <= current.validFrom) {
        throw new OrganisationChangeError(`The team must retire after ${current.validFrom}`, 'effectiveFrom');
      }
      closePlacement.run({ id: current.id, validTo: on });
      retire.run({ code: teamCode, on });
      audit.record({
        actor,
        action: 'organisation.team_retired',
        objectType: 'team',
        objectId: teamCode,
        details: { on },
      });
    }),
  };
}

export type OrganisationChanges = ReturnType<typeof createOrganisationChanges>;
