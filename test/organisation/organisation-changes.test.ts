import request from 'supertest';
import { actorFor, listAuditSink } from '../../src/audit-sink';
import { createOrganisationChanges } from '../../src/organisation/organisation-changes';
import { buildTestApp, giveFeedback, type TestApp } from '../support/test-app';

function changesFor(t: TestApp) {
  const audit = listAuditSink();
  return {
    audit,
    changes: createOrganisationChanges(t.deps.db, t.clock, audit, t.deps.services.organisation),
  };
}

async function submitFor(t: TestApp, team: string) {
  expect(await giveFeedback(t.app, team, { fft: '1' })).toBe(`/t/${team}/thank-you`);
}

const recordedDirectorates = (t: TestApp) =>
  (
    t.deps.db
      .prepare('SELECT d.code FROM responses r JOIN directorates d ON d.id = r.directorate_id ORDER BY r.id')
      .all() as { code: string }[]
  ).map((r) => r.code);

describe('effective-dated organisation changes', () => {
  it('counts a team in its old directorate before a move and its new one from the day it takes effect', async () => {
    const t = buildTestApp({ now: '2027-03-31T22:30:00Z' }); // 23:30 on 31 March in London (BST)
    const { changes, audit } = changesFor(t);
    changes.changePlacement('perinatal', { directorateCode: 'north-kent' }, '2027-04-01', actorFor(42));
    await submitFor(t, 'perinatal');
    t.clock.set('2027-03-31T23:30:00Z'); // 00:30 on 1 April in London
    await submitFor(t, 'perinatal');
    expect(recordedDirectorates(t)).toEqual(['forensic-specialist', 'north-kent']);
    expect(changes.history('perinatal').map((p) => [p.validFrom, p.validTo, p.directorateName])).toEqual([
      ['2023-04-01', '2027-04-01', 'Forensic and Specialist'],
      ['2027-04-01', null, 'North Kent'],
    ]);
    expect(audit.events).toEqual([
      expect.objectContaining({
        actor: { userId: 42, email: null },
        action: 'organisation.team_changed',
        objectId: 'perinatal',
      }),
    ]);
  });

  it('renames a team from a date, keeping the old name in its history', () => {
    const t = buildTestApp();
    const { changes } = changesFor(t);
    changes.changePlacement('ruby', { name: 'Ruby Ward (older adults)' }, '2027-01-01', actorFor(1));
    expect(t.deps.services.organisation.findTeamOn('ruby', '2026-12-31')?.name).toBe('Ruby Ward');
    expect(t.deps.services.organisation.findTeamOn('ruby', '2027-01-01')?.name).toBe(
      'Ruby Ward (older adults)',
    );
  });

  it.each([
    [
      'a date before the current placement began',
      { directorateCode: 'north-kent' },
      '2023-04-01',
      /must take effect after 2023-04-01/,
    ],
    [
      'an unknown directorate',
      { directorateCode: 'nowhere' },
      '2027-01-01',
      /Select a directorate that exists/,
    ],
    ['no change at all', { name: 'Amberwood Ward' }, '2027-01-01', /Change at least one thing/],
    ['a date that is not real', { name: 'New' }, '2027-02-30x', /real date/],
  ])('refuses %s and changes nothing', (_label, change, date, message) => {
    const t = buildTestApp();
    const { changes, audit } = changesFor(t);
    expect(() => changes.changePlacement('amberwood', change, date, actorFor(1))).toThrow(message);
    expect(changes.history('amberwood')).toHaveLength(1);
    expect(audit.events).toEqual([]);
  });

  it('adds a new team from a date, and never reuses a code', async () => {
    const t = buildTestApp();
    const { changes } = changesFor(t);
    const team = {
      code: 'camhs-west',
      name: "Children and young people's team (West Kent)",
      kind: 'community_team' as const,
      setting: 'community' as const,
      siteCode: 'maidstone-community',
      directorateCode: 'west-kent',
      communityCode: 'maidstone',
    };
    changes.addTeam(team, '2026-11-01', actorFor(1));
    await request(t.app).get('/t/camhs-west').expect(200);
    expect(() => changes.addTeam({ ...team }, '2026-12-01', actorFor(1))).toThrow(/never reused/);
  });

  it('retires a team: its link then gives the friendly 404, and its history stays', async () => {
    const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
    const { changes } = changesFor(t);
    await submitFor(t, 'pinewood');
    changes.retireTeam('pinewood', '2026-11-24', actorFor(1));
    await request(t.app).get('/t/pinewood').expect(200);
    t.clock.set('2026-11-24T10:00:00Z');
    await request(t.app).get('/t/pinewood').expect(404);
    expect(changes.history('pinewood')).toHaveLength(1);
    expect(recordedDirectorates(t)).toEqual(['acute']);
  });
});

describe('sites, directorates and Communities of Excellence from a date', () => {
  const failingAudit = {
    record: () => {
      throw new Error('audit store unavailable');
    },
  };

  it.each([
    [
      'addUnit',
      (c: ReturnType<typeof createOrganisationChanges>) =>
        c.addUnit('site', { code: 'medway-hub', name: 'Medway Hub' }, '2027-05-01', null),
    ],
    [
      'renameUnit',
      (c: ReturnType<typeof createOrganisationChanges>) =>
        c.renameUnit('site', 'littlebrook', 'Littlebrook Unit', null),
    ],
    [
      'retireUnit',
      (c: ReturnType<typeof createOrganisationChanges>) =>
        c.retireUnit('community', 'empty', '2027-05-01', null),
    ],
  ])('%s changes nothing when its audit row cannot be written', (_name, change) => {
    const t = buildTestApp();
    // A community with no teams, so that only the audit can stop its retirement.
    changesFor(t).changes.addUnit('community', { code: 'empty', name: 'Empty' }, '2027-01-01', null);
    const before = t.deps.db
      .prepare(
        `SELECT (SELECT count(*) FROM sites) AS sites, (SELECT group_concat(name) FROM sites) AS names,
                (SELECT count(*) FROM communities WHERE retired_on IS NOT NULL) AS retired,
                (SELECT count(*) FROM organisation_unit_renames) AS renames`,
      )
      .get();
    const changes = createOrganisationChanges(t.deps.db, t.clock, failingAudit, t.deps.services.organisation);
    expect(() => change(changes)).toThrow('audit store unavailable');
    expect(
      t.deps.db
        .prepare(
          `SELECT (SELECT count(*) FROM sites) AS sites, (SELECT group_concat(name) FROM sites) AS names,
                  (SELECT count(*) FROM communities WHERE retired_on IS NOT NULL) AS retired,
                  (SELECT count(*) FROM organisation_unit_renames) AS renames`,
        )
        .get(),
    ).toEqual(before);
  });

  it('refuses to retire a unit that still has a team placed in it on that date or later', () => {
    const t = buildTestApp();
    const { changes, audit } = changesFor(t);
    expect(() => changes.retireUnit('directorate', 'acute', '2027-05-01', null)).toThrow(
      /still has \d+ teams? placed in it on that date or later/,
    );
    expect(audit.events).toEqual([]);
  });

  it('refuses a placement in a unit before it opens or once it has a retirement date', () => {
    const t = buildTestApp();
    const { changes } = changesFor(t);
    changes.addUnit('directorate', { code: 'medway', name: 'Medway', kind: 'community' }, '2027-05-01', null);
    expect(() =>
      changes.changePlacement('amberwood', { directorateCode: 'medway' }, '2027-04-30', null),
    ).toThrow(/open on that date/);
    changes.changePlacement('amberwood', { directorateCode: 'medway' }, '2027-05-01', null);
    expect(() => changes.retireUnit('directorate', 'medway', '2027-06-01', null)).toThrow(
      /still has 1 team placed/,
    );
    changes.changePlacement('amberwood', { directorateCode: 'acute' }, '2027-06-01', null);
    changes.retireUnit('directorate', 'medway', '2027-06-01', null);
    expect(() =>
      changes.changePlacement('amberwood', { directorateCode: 'medway' }, '2027-07-01', null),
    ).toThrow(/open on that date/);
  });
});
