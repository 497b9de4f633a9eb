import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { CODE_PATTERN } from './organisation-file';

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

/** Sites, directorates and Communities of Excellence: the units a team is placed in. */
export type UnitType = 'site' | 'directorate' | 'community';
export type DirectorateKind = 'community' | 'inpatient' | 'specialist';

export interface NewUnit {
  code: string;
  name: string;
  /** Directorates only. */
  kind?: DirectorateKind;
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

const unitWords: Record<UnitType, string> = {
  site: 'site',
  directorate: 'directorate',
  community: 'Community of Excellence',
};

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
  const closePlacement = db.prepare('UPDATE team_placements SET valid_to = :validTo WHERE id = :id');
  const insertPlacement = db.prepare(
    `INSERT INTO team_placements
       (team_id, name, kind, setting, site_id, directorate_id, community_id, valid_from, created_at)
     VALUES (:teamId, :name, :kind, :setting, :siteId, :directorateId, :communityId, :validFrom, :createdAt)`,
  );
  const teamExists = db.prepare('SELECT id FROM teams WHERE code = :code');
  const insertTeam = db.prepare('INSERT INTO teams (code, created_at) VALUES (:code, :createdAt)');
  const insertOffer = db.prepare(
    `INSERT INTO team_surveys (team_id, survey_id, position, created_at)
     VALUES (:teamId, (SELECT id FROM surveys WHERE code = :surveyCode), :position, :createdAt)`,
  );
  const retire = db.prepare('UPDATE teams SET retired_on = :on WHERE code = :code AND retired_on IS NULL');

  // One fixed statement per unit table: table names are never built from input.
  const unitStatements = {
    site: {
      find: db.prepare(
        'SELECT id, name, opened_on AS openedOn, retired_on AS retiredOn FROM sites WHERE code = :code',
      ),
      // A unit takes a placement from a date when it has opened by then and has no retirement date.
      placeable: db.prepare(
        `SELECT id FROM sites
         WHERE code = :code AND (opened_on IS NULL OR opened_on <= :on) AND retired_on IS NULL AND retired_at IS NULL`,
      ),
      insert: db.prepare(
        'INSERT INTO sites (code, name, opened_on, created_at) VALUES (:code, :name, :openedOn, :createdAt)',
      ),
      rename: db.prepare('UPDATE sites SET name = :name WHERE id = :id'),
      retire: db.prepare('UPDATE sites SET retired_on = :on, retired_at = :at WHERE id = :id'),
      teamsFrom: db.prepare(
        `SELECT count(DISTINCT team_id) FROM team_placements
         WHERE site_id = :id AND (valid_to IS NULL OR valid_to > :on)`,
      ),
    },
    directorate: {
      find: db.prepare(
        'SELECT id, name, opened_on AS openedOn, retired_on AS retiredOn FROM directorates WHERE code = :code',
      ),
      // A unit takes a placement from a date when it has opened by then and has no retirement date.
      placeable: db.prepare(
        `SELECT id FROM directorates
         WHERE code = :code AND (opened_on IS NULL OR opened_on <= :on) AND retired_on IS NULL AND retired_at IS NULL`,
      ),
      insert: db.prepare(
        `INSERT INTO directorates (code, name, kind, opened_on, created_at)
         VALUES (:code, :name, :kind, :openedOn, :createdAt)`,
      ),
      rename: db.prepare('UPDATE directorates SET name = :name WHERE id = :id'),
      retire: db.prepare('UPDATE directorates SET retired_on = :on, retired_at = :at WHERE id = :id'),
      teamsFrom: db.prepare(
        `SELECT count(DISTINCT team_id) FROM team_placements
         WHERE directorate_id = :id AND (valid_to IS NULL OR valid_to > :on)`,
      ),
    },
    community: {
      find: db.prepare(
        'SELECT id, name, opened_on AS openedOn, retired_on AS retiredOn FROM communities WHERE code = :code',
      ),
      // A unit takes a placement from a date when it has opened by then and has no retirement date.
      placeable: db.prepare(
        `SELECT id FROM communities
         WHERE code = :code AND (opened_on IS NULL OR opened_on <= :on) AND retired_on IS NULL AND retired_at IS NULL`,
      ),
      insert: db.prepare(
        'INSERT INTO communities (code, name, opened_on, created_at) VALUES (:code, :name, :openedOn, :createdAt)',
      ),
      rename: db.prepare('UPDATE communities SET name = :name WHERE id = :id'),
      retire: db.prepare('UPDATE communities SET retired_on = :on, retired_at = :at WHERE id = :id'),
      teamsFrom: db.prepare(
        `SELECT count(DISTINCT team_id) FROM team_placements
         WHERE community_id = :id AND (valid_to IS NULL OR valid_to > :on)`,
      ),
    },
  } as const;
  const insertRename = db.prepare(
    `INSERT INTO organisation_unit_renames (unit_type, unit_id, former_name, new_name, renamed_at)
     VALUES (:unitType, :unitId, :formerName, :newName, :renamedAt)`,
  );
  interface UnitRow {
    id: number;
    name: string;
    openedOn: string | null;
    retiredOn: string | null;
  }
  const unitOf = (type: UnitType, code: string): UnitRow => {
    const row = unitStatements[type].find.get({ code }) as UnitRow | undefined;
    if (!row) throw new OrganisationChangeError(`Select a ${unitWords[type]} that exists`, 'unit');
    return row;
  };
  const checkName = (name: string) => {
    if (!name) throw new OrganisationChangeError('Enter the name', 'name');
    if (name.length > 200) throw new OrganisationChangeError('Name must be 200 characters or fewer', 'name');
  };

  /** The id of the unit a team can be placed in from `on`; the error names the form field (`siteCode`, ...). */
  const idOf = (type: UnitType, code: string, on: string): number => {
    const row = unitStatements[type].placeable.get({ code, on }) as { id: number } | undefined;
    if (!row)
      throw new OrganisationChangeError(
        `Select a ${unitWords[type]} that exists and is open on that date`,
        `${type}Code`,
      );
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
          siteId: change.siteCode ? idOf('site', change.siteCode, effectiveFrom) : current.siteId,
          directorateId: change.directorateCode
            ? idOf('directorate', change.directorateCode, effectiveFrom)
            : current.directorateId,
          communityId: change.communityCode
            ? idOf('community', change.communityCode, effectiveFrom)
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

    /** Adds a team from a date, offering the given surveys (survey-catalogue's rule for its setting). */
    addTeam: db.transaction(
      (
        team: Required<PlacementChange> & { code: string },
        effectiveFrom: string,
        actor: AuditActor | null,
        offers: readonly { surveyCode: string; position: number }[] = [],
      ) => {
        teams.forgetCachedTeams();
        checkDate(effectiveFrom);
        if (!CODE_PATTERN.test(team.code)) {
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
          siteId: idOf('site', team.siteCode, effectiveFrom),
          directorateId: idOf('directorate', team.directorateCode, effectiveFrom),
          communityId: idOf('community', team.communityCode, effectiveFrom),
          validFrom: effectiveFrom,
          createdAt,
        });
        for (const offer of offers)
          insertOffer.run({ teamId, surveyCode: offer.surveyCode, position: offer.position, createdAt });
        audit.record({
          actor,
          action: 'organisation.team_added',
          objectType: 'team',
          objectId: team.code,
          details: { effectiveFrom },
        });
      },
    ),

    /** Adds a site, directorate or Community of Excellence that takes placements from a date. */
    addUnit: db.transaction((type: UnitType, unit: NewUnit, openedOn: string, actor: AuditActor | null) => {
      teams.forgetCachedTeams();
      checkDate(openedOn);
      if (!CODE_PATTERN.test(unit.code) || unit.code === 'new') {
        throw new OrganisationChangeError(
          'Code must be 2 to 40 lowercase letters, digits or hyphens',
          'code',
        );
      }
      if (unitStatements[type].find.get({ code: unit.code })) {
        throw new OrganisationChangeError('That code is already used: codes are never reused', 'code');
      }
      const name = unit.name.trim();
      checkName(name);
      const createdAt = clock.now().toISOString();
      if (type === 'directorate') {
        if (!unit.kind) throw new OrganisationChangeError('Select the kind of directorate', 'kind');
        unitStatements.directorate.insert.run({
          code: unit.code,
          name,
          kind: unit.kind,
          openedOn,
          createdAt,
        });
      } else {
        unitStatements[type].insert.run({ code: unit.code, name, openedOn, createdAt });
      }
      audit.record({
        actor,
        action: `organisation.${type}_added`,
        objectType: type,
        objectId: unit.code,
        details: { openedOn },
      });
    }),

    /** Renames a unit at once: the name is a label on a stable identity; the former name is kept. */
    renameUnit: db.transaction((type: UnitType, code: string, newName: string, actor: AuditActor | null) => {
      teams.forgetCachedTeams();
      const unit = unitOf(type, code);
      const name = newName.trim();
      checkName(name);
      if (name === unit.name)
        throw new OrganisationChangeError('Enter a name different from the current one', 'name');
      const renamedAt = clock.now().toISOString();
      unitStatements[type].rename.run({ id: unit.id, name });
      insertRename.run({ unitType: type, unitId: unit.id, formerName: unit.name, newName: name, renamedAt });
      audit.record({
        actor,
        action: `organisation.${type}_renamed`,
        objectType: type,
        objectId: code,
        details: {},
      });
    }),

    /**
     * Retires a unit from a date. Refused while any team is placed in it on that date or later: move or retire
     * those teams first. Placements and responses before the date keep it.
     */
    retireUnit: db.transaction((type: UnitType, code: string, on: string, actor: AuditActor | null) => {
      teams.forgetCachedTeams();
      checkDate(on);
      const unit = unitOf(type, code);
      if (unit.retiredOn !== null)
        throw new OrganisationChangeError(`This ${unitWords[type]} is already retired`, 'effectiveFrom');
      if (unit.openedOn !== null && on <= unit.openedOn) {
        throw new OrganisationChangeError(
          `The ${unitWords[type]} must retire after ${unit.openedOn}`,
          'effectiveFrom',
        );
      }
      const placed = unitStatements[type].teamsFrom.pluck().get({ id: unit.id, on }) as number;
      if (placed > 0) {
        throw new OrganisationChangeError(
          `${unit.name} still has ${placed === 1 ? '1 team' : `${placed} teams`} placed in it on that date or later. ` +
            'Move or retire those teams first',
          'effectiveFrom',
        );
      }
      unitStatements[type].retire.run({ id: unit.id, on, at: clock.now().toISOString() });
      audit.record({
        actor,
        action: `organisation.${type}_retired`,
        objectType: type,
        objectId: code,
        details: { on },
      });
    }),

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
