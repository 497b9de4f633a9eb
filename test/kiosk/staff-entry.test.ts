import * as cheerio from 'cheerio';
import { readEntryDate } from '../../src/routes/staff-entry/staff-entry-view-model';
import { buildTestApp, createStaffUser, signInStaff, type StaffAgent } from '../support/test-app';

const csrfOf = (html: string) => cheerio.load(html)('form input[name=_csrf]').first().val() as string;

/** Goes through the survey pages as the member of staff typing in the answers; returns where it ended. */
async function keyIn(staff: StaffAgent, start: string, answers: Record<string, string>): Promise<string> {
  let res = await staff.agent.get(start);
  let location = start;
  while (res.status === 303) {
    location = res.headers.location as string;
    res = await staff.agent.get(location);
  }
  const $ = cheerio.load(res.text);
  const fields: Record<string, string> = {
    _csrf: $('input[name=_csrf]').val() as string,
    token: $('input[name=token]').val() as string,
  };
  let sent = await staff.agent
    .post(location)
    .type('form')
    .send({ ...fields, ...answers });
  for (
    let page = 0;
    page < 10 && sent.status === 303 && !String(sent.headers.location).endsWith('/thank-you');
    page += 1
  ) {
    location = sent.headers.location as string;
    sent = await staff.agent
      .post(location)
      .type('form')
      .send({ ...fields, skip: 'yes' });
  }
  return String(sent.headers.location ?? sent.status);
}

describe('paper and telephone responses keyed in by staff', () => {
  it('stores the response with the mode and the day given; who keyed it in is audited only', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    const form = await pals.agent.get('/staff/responses/new').expect(200);
    const chosen = await pals.agent
      .post('/staff/responses/new')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        team: 'amberwood',
        'date-day': '2',
        'date-month': '11',
        'date-year': '2026',
        mode: 'paper',
      })
      .expect(303);
    expect(chosen.headers.location).toBe('/staff/responses/paper/2026-11-02/amberwood');

    // The start lists the team's surveys, as online; the paper form was the Friends, Family and Carers survey.
    const start = cheerio.load((await pals.agent.get(chosen.headers.location as string).expect(200)).text);
    expect(start('a[href$="/friends-family-carers"]').length).toBeGreaterThan(0);
    const end = await keyIn(pals, `${chosen.headers.location as string}/friends-family-carers`, {
      fft: '2',
      what_good: 'Kind staff',
    });
    expect(end).toBe('/staff/responses/paper/2026-11-02/amberwood/thank-you');
    const rows = t.deps.db
      .prepare('SELECT mode, submitted_on AS day, collection_point_id AS point FROM responses')
      .all();
    expect(rows).toEqual([{ mode: 'paper', day: '2026-11-02', point: null }]);
    const audit = t.deps.db
      .prepare(
        "SELECT object_id AS team, details FROM audit_events WHERE action = 'response.entered_by_staff'",
      )
      .all() as { team: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.team).toBe('amberwood');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ mode: 'paper', submittedOn: '2026-11-02' });
  });

  it('stores no response when its audit row cannot be written (one transaction)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    // A real failing write of exactly this audit row, in the database itself.
    t.deps.db.exec(
      `CREATE TRIGGER refuse_entry_audit BEFORE INSERT ON audit_events
       WHEN NEW.action = 'response.entered_by_staff' BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`,
    );
    const end = await keyIn(pals, '/staff/responses/telephone/2026-11-20/amberwood/friends-family-carers', {
      fft: '1',
      what_good: 'Listened to me',
    });
    expect(end).toBe('500');
    const counts = t.deps.db
      .prepare(
        `SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM comments) AS comments,
                (SELECT count(*) FROM response_summaries) AS summaries`,
      )
      .get();
    expect(counts).toEqual({ responses: 0, comments: 0, summaries: 0 });

    t.deps.db.exec('DROP TRIGGER refuse_entry_audit');
    expect(
      await keyIn(pals, '/staff/responses/telephone/2026-11-20/amberwood/friends-family-carers', {
        fft: '1',
      }),
    ).toBe('/staff/responses/telephone/2026-11-20/amberwood/thank-you');
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 1 });
  });

  it('applies the survey checks and the form checks', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    const form = await pals.agent.get('/staff/responses/new').expect(200);
    const res = await pals.agent
      .post('/staff/responses/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), team: '', 'date-day': '31', 'date-month': '2', 'date-year': '2026' })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect(
      $('.nhsuk-error-summary a')
        .map((_i, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#team', '#date-day', '#mode']);
    expect($('#date-day').val()).toBe('31');

    const page = await pals.agent
      .get('/staff/responses/telephone/2026-11-20/amberwood/friends-family-carers')
      .expect(200);
    const $page = cheerio.load(page.text);
    const missing = await pals.agent
      .post('/staff/responses/telephone/2026-11-20/amberwood/friends-family-carers')
      .type('form')
      .send({
        _csrf: $page('input[name=_csrf]').val() as string,
        token: $page('input[name=token]').val() as string,
      })
      .expect(400);
    expect(cheerio.load(missing.text)('.nhsuk-error-summary a').first().attr('href')).toMatch(/^#fft/);
    await pals.agent.get('/staff/responses/telephone/2026-12-20/amberwood/friends-family-carers').expect(404);
    await pals.agent.get('/staff/responses/sms/2026-11-20/amberwood/friends-family-carers').expect(404);
  });

  it('is for the pals role only', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'viewer@kmpt.nhs.uk', ['viewer']);
    const viewer = await signInStaff(t, 'viewer@kmpt.nhs.uk');
    await viewer.agent.get('/staff/responses/new').expect(403);
    await viewer.agent.get('/staff/responses/paper/2026-11-02/amberwood/friends-family-carers').expect(403);
  });

  it.each([
    [{ day: '', month: '', year: '' }, 'Enter the date the feedback was given'],
    [
      { day: '31', month: '2', year: '2026' },
      'Date the feedback was given must be a real date, like 15 3 2026',
    ],
    [{ day: '1', month: '1', year: '26' }, 'Date the feedback was given must be a real date, like 15 3 2026'],
    [{ day: '24', month: '11', year: '2026' }, 'Date the feedback was given must be today or in the past'],
    [{ day: '1', month: '1', year: '2025' }, 'Date the feedback was given must be within the last 12 months'],
  ])('refuses the date %j', (parts, message) => {
    expect(readEntryDate(parts, '2026-11-23')).toEqual({ ok: false, message });
  });

  it('reads a real date', () => {
    expect(readEntryDate({ day: '3', month: '4', year: '2026' }, '2026-11-23')).toEqual({
      ok: true,
      date: '2026-04-03',
    });
  });
});
