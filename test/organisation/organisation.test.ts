import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/db/database';
import { migrate, readMigrations } from '../../src/db/migrate';
import {
  OrganisationFileError,
  parseOrganisationFile,
  readOrganisationFile,
} from '../../src/organisation/organisation-file';
import { createOrganisationRepository } from '../../src/organisation/organisation-repository';
import { migrationsDir, projectRoot } from '../../src/paths';

const seedFile = path.join(projectRoot, 'data', 'organisation.json');

function seededRepository() {
  const db = openDatabase(':memory:');
  migrate(db, readMigrations(migrationsDir), () => new Date());
  const repository = createOrganisationRepository(db);
  repository.seed(readOrganisationFile(seedFile), '2026-11-23T10:00:00.000Z');
  return { db, repository };
}

describe('the organisation seed file', () => {
  it('holds the five directorates and three Communities of Excellence', () => {
    const org = readOrganisationFile(seedFile);
    expect(org.directorates.map((d) => d.name)).toEqual([
      'North Kent',
      'East Kent',
      'West Kent',
      'Acute',
      'Forensic and Specialist',
    ]);
    expect(org.communities.map((c) => c.name)).toEqual(['Dartford', 'Maidstone', 'Canterbury']);
    expect(org.sites.filter((s) => s.hub).map((s) => s.code)).toEqual([
      'littlebrook',
      'priority-house',
      'st-martins',
    ]);
  });

  it('is refused with a message naming the team when a team points at an unknown site', () => {
    const org = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as { teams: { site: string }[] };
    org.teams[0]!.site = 'nowhere';
    expect(() => parseOrganisationFile('org.json', JSON.stringify(org))).toThrow(OrganisationFileError);
    expect(() => parseOrganisationFile('org.json', JSON.stringify(org))).toThrow(
      /teams\.0\.site: unknown site "nowhere"/,
    );
  });

  it('is refused when a team code is used twice or is not a slug', () => {
    const org = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as { teams: { code: string }[] };
    org.teams[1]!.code = org.teams[0]!.code;
    expect(() => parseOrganisationFile('org.json', JSON.stringify(org))).toThrow(/is used twice/);
    org.teams[1]!.code = 'Not A Slug';
    expect(() => parseOrganisationFile('org.json', JSON.stringify(org))).toThrow(/lowercase slug/);
  });

  it('is refused when it is not JSON', () => {
    expect(() => parseOrganisationFile('org.json', '{ nope')).toThrow(/not valid JSON/);
  });
});

describe('the organisation repository', () => {
  it('places Amberwood Ward at Littlebrook Hospital, in the Acute directorate and the Dartford community', () => {
    const { repository } = seededRepository();
    expect(repository.findTeamOn('amberwood', '2026-11-23')).toMatchObject({
      code: 'amberwood',
      name: 'Amberwood Ward',
      siteName: 'Littlebrook Hospital, Dartford',
      directorateName: 'Acute',
      communityName: 'Dartford',
      retiredOn: null,
    });
  });

  it('knows no placement before the structure took effect', () => {
    const { repository } = seededRepository();
    expect(repository.findTeamOn('amberwood', '2023-03-31')).toBeUndefined();
  });

  it('finds a team where an effective-dated move put it, and where it was before', () => {
    const { db, repository } = seededRepository();
    db.prepare(
      `UPDATE team_placements SET valid_to = '2027-04-01'
       WHERE team_id = (SELECT id FROM teams WHERE code = 'perinatal')`,
    ).run();
    db.prepare(
      `INSERT INTO team_placements (team_id, name, kind, setting, site_id, directorate_id, community_id, valid_from, created_at)
       SELECT t.id, 'Perinatal Mental Health Community Team', 'community_team', 'community', s.id, d.id, c.id, '2027-04-01', 'now'
       FROM teams t, sites s, directorates d, communities c
       WHERE t.code = 'perinatal' AND s.code = 'dartford-community' AND d.code = 'north-kent' AND c.code = 'dartford'`,
    ).run();
    expect(repository.findTeamOn('perinatal', '2027-03-31')?.directorateName).toBe('Forensic and Specialist');
    expect(repository.findTeamOn('perinatal', '2027-04-01')?.directorateName).toBe('North Kent');
  });

  it('lists active teams ordered by directorate, leaving out retired teams', () => {
    const { db, repository } = seededRepository();
    db.prepare("UPDATE teams SET retired_on = '2026-01-01' WHERE code = 'pinewood'").run();
    const teams = repository.listActiveTeamsOn('2026-11-23');
    expect(teams.map((t) => t.code)).not.toContain('pinewood');
    expect(teams.map((t) => t.code)).toContain('amberwood');
    const directorates = teams.map((t) => t.directorateName);
    expect(directorates).toEqual([...directorates].sort());
  });
});
