import * as cheerio from 'cheerio';
import { buildTestApp, createStaffUser, giveFeedback, signInStaff, type TestApp } from '../support/test-app';

const recordedDirectorates = (t: TestApp) =>
  (
    t.deps.db
      .prepare('SELECT d.code FROM responses r JOIN directorates d ON d.id = r.directorate_id ORDER BY r.id')
      .all() as { code: string }[]
  ).map((r) => r.code);

describe('organisation admin pages', () => {
  it('moves a team to another directorate from a date through the team page', async () => {
    const t = buildTestApp({ now: '2027-03-31T10:00:00Z' });
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const admin = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const list = cheerio.load((await admin.agent.get('/staff/admin/organisation').expect(200)).text);
    expect(list('a[href="/staff/admin/organisation/teams/perinatal"]').length).toBe(1);

    const page = cheerio.load(
      (await admin.agent.get('/staff/admin/organisation/teams/perinatal').expect(200)).text,
    );
    expect(page('#directorate option[selected]').val()).toBe('forensic-specialist');
    const form = Object.fromEntries(
      ['name', 'site', 'community'].map((name) => [name, String(page(`#${name}`).val())]),
    );
    const saved = await admin.agent
      .post('/staff/admin/organisation/teams/perinatal')
      .type('form')
      .send({
        _csrf: page('form input[name=_csrf]').first().val() as string,
        ...form,
        directorate: 'north-kent',
        'date-day': '1',
        'date-month': '4',
        'date-year': '2027',
      })
      .expect(303);
    expect(saved.headers.location).toBe('/staff/admin/organisation/teams/perinatal?changed=1');
    const after = cheerio.load((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(
      after('tbody tr')
        .map((_i, row) => after(row).find('td').eq(1).text())
        .get(),
    ).toEqual(['Until 1 April 2027', 'Now']);

    await giveFeedback(t.app, 'perinatal', { fft: '1' });
    t.clock.set('2027-04-01T09:00:00Z');
    await giveFeedback(t.app, 'perinatal', { fft: '1' });
    expect(recordedDirectorates(t)).toEqual(['forensic-specialist', 'north-kent']);
    const audited = t.deps.db
      .prepare("SELECT actor_user_id AS actor FROM audit_events WHERE action = 'organisation.team_changed'")
      .all();
    expect(audited).toHaveLength(1);
  });

  it('re-renders with errors for a missing date and a date before the current placement', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const admin = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const page = cheerio.load(
      (await admin.agent.get('/staff/admin/organisation/teams/ruby').expect(200)).text,
    );
    const base = {
      _csrf: page('form input[name=_csrf]').first().val() as string,
      name: 'Ruby Ward (older adults)',
      site: String(page('#site').val()),
      directorate: String(page('#directorate').val()),
      community: String(page('#community').val()),
    };
    let res = await admin.agent
      .post('/staff/admin/organisation/teams/ruby')
      .type('form')
      .send(base)
      .expect(400);
    let $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#date-day');
    expect($('#name').val()).toBe('Ruby Ward (older adults)');
    res = await admin.agent
      .post('/staff/admin/organisation/teams/ruby')
      .type('form')
      .send({ ...base, 'date-day': '1', 'date-month': '1', 'date-year': '2000' })
      .expect(400);
    $ = cheerio.load(res.text);
    expect($('.nhsuk-error-summary a').text()).toMatch(/must take effect after/);
  });

  it('is for admins only', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    await pals.agent.get('/staff/admin/organisation').expect(403);
    await pals.agent.get('/staff/admin/organisation/teams/ruby').expect(403);
  });
});
