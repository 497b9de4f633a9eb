import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, createStaffUser, giveFeedback, signInStaff, type TestApp } from '../support/test-app';

const asAdmin = async (now = '2027-03-20T10:00:00Z') => {
  const t = buildTestApp({ now });
  await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
  const admin = await signInStaff(t, 'admin@kmpt.nhs.uk');
  return { t, admin, csrf: await admin.csrf() };
};

const audited = (t: TestApp, action: string) =>
  t.deps.db.prepare('SELECT object_id AS objectId FROM audit_events WHERE action = :action').all({ action });

const newTeam = {
  code: 'willow-ward',
  name: 'Willow Ward',
  site: 'littlebrook',
  directorate: 'acute',
  community: 'dartford',
  setting: 'inpatient',
  kind: 'ward',
  'date-day': '1',
  'date-month': '4',
  'date-year': '2027',
};

describe('organisation admin: adding and retiring teams', () => {
  it('adds a team from a future date, which is not offered before that date', async () => {
    // (It offers the surveys its setting gets at first start, so it can take feedback from that date.)
    const { t, admin, csrf } = await asAdmin();
    const form = cheerio.load((await admin.agent.get('/staff/admin/organisation/new-team').expect(200)).text);
    expect(form('h1').text()).toBe('Add a team');
    expect(form('#site option').length).toBeGreaterThan(1);

    const saved = await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({ _csrf: csrf, ...newTeam })
      .expect(303);
    expect(saved.headers.location).toBe('/staff/admin/organisation/teams/willow-ward?changed=1');
    expect(audited(t, 'organisation.team_added')).toEqual([{ objectId: 'willow-ward' }]);

    const list = cheerio.load((await admin.agent.get('/staff/admin/organisation').expect(200)).text);
    expect(list('h2').first().text()).toBe('Teams starting later');
    expect(list('a[href="/staff/admin/organisation/teams/willow-ward"]').parent().text()).toMatch(
      /1 April 2027/,
    );
    const page = cheerio.load(
      (await admin.agent.get('/staff/admin/organisation/teams/willow-ward').expect(200)).text,
    );
    expect(page('main').text()).toMatch(/starts taking feedback on 1 April 2027/);

    // Before the date: no survey at its address and not in the public list of teams.
    const before = await request(t.app).get('/t/willow-ward').expect(404);
    expect(cheerio.load(before.text)('h1').text()).toBe('We cannot find that team');
    expect((await request(t.app).get('/').expect(200)).text).not.toMatch(/Willow Ward/);

    t.clock.set('2027-04-01T08:00:00Z');
    expect(
      cheerio
        .load((await request(t.app).get('/t/willow-ward').expect(200)).text)('main')
        .text(),
    ).toMatch(/Willow Ward/);
    await giveFeedback(t.app, 'willow-ward', { fft: '1' });
    const recorded = t.deps.db
      .prepare(
        `SELECT d.code AS directorate, s.code AS site FROM responses r
         JOIN directorates d ON d.id = r.directorate_id JOIN sites s ON s.id = r.site_id`,
      )
      .all();
    expect(recorded).toEqual([{ directorate: 'acute', site: 'littlebrook' }]);
  });

  it('re-renders the add form with errors in order and what was typed', async () => {
    const { t, admin, csrf } = await asAdmin();
    const res = await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({
        _csrf: csrf,
        code: 'Not Valid',
        name: 'Willow Ward',
        'date-day': '31',
        'date-month': '2',
        'date-year': '2027',
      })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: Add a team/);
    expect(
      $('.nhsuk-error-summary a')
        .map((_i, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#code', '#site', '#directorate', '#community', '#setting', '#kind', '#date-day']);
    expect($('.nhsuk-error-summary a[href="#code"]').text().trim()).toBe(
      'Team code must be 2 to 40 lowercase letters, digits or hyphens',
    );
    expect($('#code').val()).toBe('Not Valid');
    expect($('#name').val()).toBe('Willow Ward');
    expect($('#date-day').val()).toBe('31');

    const taken = await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({ _csrf: csrf, ...newTeam, code: 'amberwood' })
      .expect(400);
    expect(cheerio.load(taken.text)('.nhsuk-error-summary a[href="#code"]').text()).toMatch(/already used/);
    expect(audited(t, 'organisation.team_added')).toEqual([]);
  });

  it('retires a team from a date: its address then shows the friendly page, its history and responses are kept', async () => {
    const { t, admin, csrf } = await asAdmin();
    await giveFeedback(t.app, 'amberwood', { fft: '1' });
    const retired = await admin.agent
      .post('/staff/admin/organisation/teams/amberwood/retire')
      .type('form')
      .send({ _csrf: csrf, 'retire-day': '1', 'retire-month': '4', 'retire-year': '2027' })
      .expect(303);
    expect(retired.headers.location).toBe('/staff/admin/organisation?retired=1');
    expect(audited(t, 'organisation.team_retired')).toEqual([{ objectId: 'amberwood' }]);
    await request(t.app).get('/t/amberwood').expect(200);

    t.clock.set('2027-04-01T08:00:00Z');
    const gone = cheerio.load((await request(t.app).get('/t/amberwood').expect(404)).text);
    expect(gone('h1').text()).toBe('We cannot find that team');
    expect(gone('title').text()).toMatch(/^We cannot find that team/);
    const again = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const list = cheerio.load((await again.agent.get('/staff/admin/organisation').expect(200)).text);
    expect(list('a[href="/staff/admin/organisation/teams/amberwood"]').length).toBe(0);
    const kept = t.deps.db
      .prepare(
        `SELECT (SELECT count(*) FROM responses r JOIN teams t ON t.id = r.team_id WHERE t.code = 'amberwood') AS responses,
                (SELECT count(*) FROM team_placements p JOIN teams t ON t.id = p.team_id WHERE t.code = 'amberwood') AS placements`,
      )
      .get();
    expect(kept).toEqual({ responses: 1, placements: 1 });
  });

  it('keeps reports working after a move and a retirement: as recorded and current both count the response', async () => {
    const { t, admin, csrf } = await asAdmin();
    await giveFeedback(t.app, 'perinatal', { fft: '1' }); // given in Forensic and Specialist
    t.deps.services.organisationChanges.changePlacement(
      'perinatal',
      { directorateCode: 'north-kent' },
      '2027-03-25',
      null,
    );
    await admin.agent
      .post('/staff/admin/organisation/teams/perinatal/retire')
      .type('form')
      .send({ _csrf: csrf, 'retire-day': '1', 'retire-month': '4', 'retire-year': '2027' })
      .expect(303);
    const directorateId = (code: string) =>
      (t.deps.db.prepare('SELECT id FROM directorates WHERE code = :code').get({ code }) as { id: number })
        .id;
    const counted = (basis: 'as_recorded' | 'current', directorate: string) =>
      t.deps.services.reportRepository
        .cells({
          basis,
          on: '2027-04-02',
          fromMonth: '2027-03',
          toMonth: '2027-04',
          level: 'directorate',
          id: directorateId(directorate),
        })
        .reduce((sum, cell) => sum + cell.responses, 0);
    expect([
      counted('as_recorded', 'forensic-specialist'),
      counted('as_recorded', 'north-kent'),
      counted('current', 'forensic-specialist'),
      counted('current', 'north-kent'),
    ]).toEqual([1, 0, 0, 1]);
  });

  it('refuses a retirement date that is missing or before the team began, and keeps what was typed', async () => {
    const { admin, csrf } = await asAdmin();
    let res = await admin.agent
      .post('/staff/admin/organisation/teams/amberwood/retire')
      .type('form')
      .send({ _csrf: csrf })
      .expect(400);
    let $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#retire-day');
    res = await admin.agent
      .post('/staff/admin/organisation/teams/amberwood/retire')
      .type('form')
      .send({ _csrf: csrf, 'retire-day': '1', 'retire-month': '1', 'retire-year': '2020' })
      .expect(400);
    $ = cheerio.load(res.text);
    expect($('.nhsuk-error-summary a').text()).toMatch(/must retire after/);
    expect($('#retire-year').val()).toBe('2020');
  });
});

describe('organisation admin: sites, directorates and Communities of Excellence', () => {
  it.each([
    ['sites', 'Sites', 'Littlebrook'],
    ['directorates', 'Directorates', 'North Kent'],
    ['communities', 'Communities of Excellence', 'Dartford'],
  ])('lists %s', async (segment, heading, known) => {
    const { admin } = await asAdmin();
    const $ = cheerio.load(
      (await admin.agent.get(`/staff/admin/organisation/units/${segment}`).expect(200)).text,
    );
    expect($('h1').text()).toBe(heading);
    expect($('tbody').text()).toMatch(new RegExp(known));
  });

  it('answers 404 for an unknown kind of unit or code', async () => {
    const { admin } = await asAdmin();
    await admin.agent.get('/staff/admin/organisation/units/wards').expect(404);
    await admin.agent.get('/staff/admin/organisation/units/sites/nowhere').expect(404);
  });

  it('adds a directorate from a date: a team cannot be placed in it before then, and can from then', async () => {
    const { t, admin, csrf } = await asAdmin();
    const errors = await admin.agent
      .post('/staff/admin/organisation/units/directorates/new')
      .type('form')
      .send({ _csrf: csrf, code: 'medway', name: 'Medway' })
      .expect(400);
    const $e = cheerio.load(errors.text);
    expect(
      $e('.nhsuk-error-summary a')
        .map((_i, a) => $e(a).attr('href'))
        .get(),
    ).toEqual(['#kind', '#date-day']);
    expect($e('#name').val()).toBe('Medway');
    const badCode = await admin.agent
      .post('/staff/admin/organisation/units/directorates/new')
      .type('form')
      .send({ _csrf: csrf, code: 'Medway North!', name: 'Medway' })
      .expect(400);
    expect(cheerio.load(badCode.text)('.nhsuk-error-summary a[href="#code"]').text().trim()).toBe(
      'Code must be 2 to 40 lowercase letters, digits or hyphens',
    );

    const saved = await admin.agent
      .post('/staff/admin/organisation/units/directorates/new')
      .type('form')
      .send({
        _csrf: csrf,
        code: 'medway',
        name: 'Medway',
        kind: 'community',
        'date-day': '1',
        'date-month': '5',
        'date-year': '2027',
      })
      .expect(303);
    expect(saved.headers.location).toBe('/staff/admin/organisation/units/directorates/medway?saved=added');
    expect(audited(t, 'organisation.directorate_added')).toEqual([{ objectId: 'medway' }]);
    const page = cheerio.load((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(page('h1').text()).toBe('Medway');
    expect(page('main').text()).toMatch(/1 May 2027/);

    const early = await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({ _csrf: csrf, ...newTeam, directorate: 'medway' })
      .expect(400);
    expect(cheerio.load(early.text)('.nhsuk-error-summary a[href="#directorate"]').text()).toMatch(
      /open on that date/,
    );
    await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({ _csrf: csrf, ...newTeam, directorate: 'medway', 'date-month': '5' })
      .expect(303);
  });

  it('renames a site at once and keeps the former name', async () => {
    const { t, admin, csrf } = await asAdmin();
    await admin.agent
      .post('/staff/admin/organisation/units/sites/littlebrook/rename')
      .type('form')
      .send({ _csrf: csrf, name: '' })
      .expect(400)
      .then((res) => expect(cheerio.load(res.text)('.nhsuk-error-summary a').attr('href')).toBe('#name'));
    const saved = await admin.agent
      .post('/staff/admin/organisation/units/sites/littlebrook/rename')
      .type('form')
      .send({ _csrf: csrf, name: 'Littlebrook Mental Health Unit' })
      .expect(303);
    const page = cheerio.load((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(page('h1').text()).toBe('Littlebrook Mental Health Unit');
    expect(page('.nhsuk-summary-list li').text()).toMatch(
      /^Littlebrook Hospital, Dartford \(until 20 March 2027\)$/,
    );
    expect(audited(t, 'organisation.site_renamed')).toEqual([{ objectId: 'littlebrook' }]);
  });

  it('refuses to retire a directorate or community that still has teams on that date, with a clear message', async () => {
    const { t, admin, csrf } = await asAdmin();
    for (const path of ['directorates/north-kent', 'communities/dartford']) {
      const res = await admin.agent
        .post(`/staff/admin/organisation/units/${path}/retire`)
        .type('form')
        .send({ _csrf: csrf, 'retire-day': '1', 'retire-month': '4', 'retire-year': '2027' })
        .expect(400);
      const $ = cheerio.load(res.text);
      expect($('title').text()).toMatch(/^Error: /);
      expect($('.nhsuk-error-summary a[href="#retire-day"]').text()).toMatch(
        /still has \d+ teams placed in it on that date or later. Move or retire those teams first/,
      );
      expect($('#retire-month').val()).toBe('4');
    }
    expect(audited(t, 'organisation.directorate_retired')).toEqual([]);
  });

  it('retires a community once its last team has moved out by that date; history before it is kept', async () => {
    const { t, admin, csrf } = await asAdmin();
    await admin.agent
      .post('/staff/admin/organisation/units/communities/new')
      .type('form')
      .send({
        _csrf: csrf,
        code: 'medway',
        name: 'Medway',
        'date-day': '1',
        'date-month': '1',
        'date-year': '2027',
      })
      .expect(303);
    await admin.agent
      .post('/staff/admin/organisation/new-team')
      .type('form')
      .send({ _csrf: csrf, ...newTeam, community: 'medway', 'date-month': '3', 'date-day': '1' })
      .expect(303);
    await giveFeedback(t.app, 'willow-ward', { fft: '1' });
    // The team moves to Dartford from 1 May; the community can close from then, not before.
    t.deps.services.organisationChanges.changePlacement(
      'willow-ward',
      { communityCode: 'dartford' },
      '2027-05-01',
      null,
    );
    const retire = (month: string) =>
      admin.agent
        .post('/staff/admin/organisation/units/communities/medway/retire')
        .type('form')
        .send({ _csrf: csrf, 'retire-day': '1', 'retire-month': month, 'retire-year': '2027' });
    await retire('4').expect(400);
    const done = await retire('5').expect(303);
    const page = cheerio.load((await admin.agent.get(done.headers.location as string).expect(200)).text);
    expect(page('.nhsuk-summary-list').text()).toMatch(/Retired from\s+1 May 2027/);
    expect(page('form[action$="/retire"]').length).toBe(0);
    expect(audited(t, 'organisation.community_retired')).toEqual([{ objectId: 'medway' }]);
    const recorded = t.deps.db
      .prepare('SELECT c.code FROM responses r JOIN communities c ON c.id = r.community_id')
      .pluck()
      .all();
    expect(recorded).toEqual(['medway']);
    // A retired unit is no longer offered for a placement.
    const form = cheerio.load((await admin.agent.get('/staff/admin/organisation/new-team').expect(200)).text);
    expect(form('#community option[value=medway]').length).toBe(0);
  });

  it('is for admins only', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    await pals.agent.get('/staff/admin/organisation/new-team').expect(403);
    await pals.agent.get('/staff/admin/organisation/units/sites').expect(403);
    await pals.agent.get('/staff/admin/organisation/units/sites/littlebrook').expect(403);
  });
});
