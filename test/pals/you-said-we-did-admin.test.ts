import * as cheerio from 'cheerio';
import request from 'supertest';
import { actorFor } from '../../src/audit-sink';
import {
  buildTestApp,
  createStaffUser,
  giveFeedback,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

async function palsOfficer(t: TestApp): Promise<StaffAgent> {
  await createStaffUser(t, 'pals@kmpt.example', ['pals']);
  return signInStaff(t, 'pals@kmpt.example');
}

const idOf = (t: TestApp, table: 'teams' | 'directorates', code: string) =>
  (t.deps.db.prepare(`SELECT id FROM ${table} WHERE code = :code`).get({ code }) as { id: number }).id;

const auditRows = (t: TestApp, action: string) =>
  t.deps.db
    .prepare('SELECT object_id AS objectId, details FROM audit_events WHERE action = :action ORDER BY id')
    .all({ action }) as { objectId: string | null; details: string }[];

/** A consented, approved comment of a team; `others` more responses make the month's count. */
async function publishedComment(t: TestApp, team: string, text: string, others: number): Promise<number> {
  await giveFeedback(t.app, team, { fft: '1', what_good: text });
  const id = (t.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
  t.deps.db
    .prepare(
      "INSERT INTO response_answers (response_id, item_code, value) SELECT response_id, 'publish_consent', 'yes' FROM comments WHERE id = :id",
    )
    .run({ id });
  for (let i = 0; i < others; i += 1) await giveFeedback(t.app, team, { fft: '1' });
  return id;
}

async function formCsrf(staff: StaffAgent, path: string) {
  const page = await staff.agent.get(path).expect(200);
  return cheerio.load(page.text)('form[method=post] input[name=_csrf]').first().val() as string;
}

const validForm = (teamId: number) => ({
  place: `team-${teamId}`,
  themeId: '',
  youSaid: 'The evenings were long and quiet',
  quoteCommentId: 'none',
  weDid: 'We started an evening music group',
  publishedOn: '2026-11-20',
  status: 'planned',
});

describe('You said, we did: who may manage entries', () => {
  it.each([['quality'], ['viewer'], ['admin']] as const)('refuses %s staff (403)', async (role) => {
    const t = buildTestApp();
    await createStaffUser(t, `${role}@kmpt.example`, [role]);
    const staff = await signInStaff(t, `${role}@kmpt.example`);
    await staff.agent.get('/staff/pals/you-said-we-did').expect(403);
    await staff.agent.get('/staff/pals/you-said-we-did/new').expect(403);
  });
});

describe('You said, we did: adding and changing entries', () => {
  it('adds an entry with a summary, audited, and lists it', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const teamId = idOf(t, 'teams', 'amberwood');
    const csrf = await formCsrf(staff, '/staff/pals/you-said-we-did/new');
    const res = await staff.agent
      .post('/staff/pals/you-said-we-did/new')
      .type('form')
      .send({ _csrf: csrf, ...validForm(teamId) })
      .expect(303);
    expect(res.headers.location).toMatch(/^\/staff\/pals\/you-said-we-did#entry-\d+$/);
    const [audit] = auditRows(t, 'you_said_we_did.created');
    expect(audit?.details).toContain('planned');
    const list = cheerio.load((await staff.agent.get('/staff/pals/you-said-we-did').expect(200)).text);
    expect(list('h1').text()).toBe('You said, we did entries');
    expect(list('.app-entry').text()).toContain('The evenings were long and quiet');
    expect(list('.app-entry').text()).toContain('Amberwood');
  });

  it('refuses an empty form with an error summary, keeping what was typed', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const csrf = await formCsrf(staff, '/staff/pals/you-said-we-did/new');
    const res = await staff.agent
      .post('/staff/pals/you-said-we-did/new')
      .type('form')
      .send({
        _csrf: csrf,
        place: '',
        themeId: '',
        youSaid: '',
        quoteCommentId: 'none',
        weDid: 'Something we did',
        publishedOn: '23/11/2026',
        status: '',
      })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: Add a You said, we did entry/);
    expect($('main .nhsuk-error-summary').index()).toBe(0);
    const links = $('.nhsuk-error-summary a')
      .map((_i, a) => [[$(a).attr('href'), $(a).text().trim()]])
      .get();
    expect(links).toEqual([
      ['#place', 'Select the team or directorate'],
      ['#publishedOn', 'Date must be a real date, like 2026-11-23'],
      ['#status', 'Select the status'],
    ]);
    expect($('#weDid').text().trim()).toBe('Something we did');
    expect($('#publishedOn').val()).toBe('23/11/2026');
    expect(auditRows(t, 'you_said_we_did.created')).toEqual([]);
  });

  it('needs a summary or a quote, not both and not neither', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const teamId = idOf(t, 'teams', 'amberwood');
    const quote = await publishedComment(t, 'amberwood', 'Lovely garden', 4);
    t.deps.services.publications.approve(quote, 'Lovely garden', actorFor(1));
    const csrf = await formCsrf(staff, '/staff/pals/you-said-we-did/new');
    const post = (fields: object) =>
      staff.agent
        .post('/staff/pals/you-said-we-did/new')
        .type('form')
        .send({ _csrf: csrf, ...validForm(teamId), ...fields });
    const neither = cheerio.load((await post({ youSaid: '  ' }).expect(400)).text);
    expect(neither('.nhsuk-error-summary a').attr('href')).toBe('#youSaid');
    expect(neither('.nhsuk-error-summary a').text().trim()).toBe('Enter what people said, or choose a quote');
    const both = cheerio.load((await post({ quoteCommentId: String(quote) }).expect(400)).text);
    expect(both('.nhsuk-error-summary a').text().trim()).toBe('Write a summary or choose a quote, not both');
    expect(both(`input[name=quoteCommentId][value=${quote}]`).attr('checked')).toBe('checked');
    await post({ youSaid: '', quoteCommentId: String(quote) }).expect(303);
    expect(t.deps.db.prepare('SELECT you_said, quote_comment_id FROM you_said_we_did').get()).toEqual({
      you_said: null,
      quote_comment_id: quote,
    });
  });

  it('refuses a quote from another team, and a quote that is not approved', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const quote = await publishedComment(t, 'amberwood', 'Lovely garden', 4);
    t.deps.services.publications.approve(quote, 'Lovely garden', actorFor(1));
    const csrf = await formCsrf(staff, '/staff/pals/you-said-we-did/new');
    const post = (fields: object) =>
      staff.agent
        .post('/staff/pals/you-said-we-did/new')
        .type('form')
        .send({ _csrf: csrf, ...validForm(idOf(t, 'teams', 'cherrywood')), youSaid: '', ...fields });
    const other = cheerio.load((await post({ quoteCommentId: String(quote) }).expect(400)).text);
    expect(other('.nhsuk-error-summary a').attr('href')).toBe('#quoteCommentId');
    expect(other('.nhsuk-error-summary a').text().trim()).toBe(
      'Choose a quote from the same team or directorate as the entry',
    );
    const unapproved = cheerio.load((await post({ quoteCommentId: String(quote + 100) }).expect(400)).text);
    expect(unapproved('.nhsuk-error-summary a').text().trim()).toBe(
      'Choose a quote that is approved for publication',
    );
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM you_said_we_did').get()).toEqual({ n: 0 });
  });

  it('changes an entry and its status, each audited, and filters the list by status', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const teamId = idOf(t, 'teams', 'amberwood');
    const id = t.deps.services.publications.addEntry(
      {
        teamId,
        directorateId: null,
        themeId: null,
        youSaid: 'The evenings were long and quiet',
        weDid: 'We started an evening music group',
        publishedOn: '2026-11-20',
        status: 'planned',
      },
      actorFor(1),
    );
    const edit = cheerio.load((await staff.agent.get(`/staff/pals/you-said-we-did/${id}`).expect(200)).text);
    expect(edit('#youSaid').text().trim()).toBe('The evenings were long and quiet');
    expect(edit('#place option[selected]').val()).toBe(`team-${teamId}`);
    const csrf = edit('form[method=post] input[name=_csrf]').val() as string;
    await staff.agent
      .post(`/staff/pals/you-said-we-did/${id}`)
      .type('form')
      .send({ _csrf: csrf, ...validForm(teamId), weDid: 'We run music on Tuesdays', status: 'in_progress' })
      .expect(303);
    expect(auditRows(t, 'you_said_we_did.updated')).toEqual([
      { objectId: String(id), details: expect.stringContaining('in_progress') as string },
    ]);
    await staff.agent
      .post(`/staff/pals/you-said-we-did/${id}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'done' })
      .expect(303);
    expect(auditRows(t, 'you_said_we_did.status')).toEqual([
      { objectId: String(id), details: JSON.stringify({ from: 'in_progress', to: 'done' }) },
    ]);
    const done = cheerio.load(
      (await staff.agent.get('/staff/pals/you-said-we-did?status=done').expect(200)).text,
    );
    expect(done('.app-entry').text()).toContain('We run music on Tuesdays');
    const planned = cheerio.load(
      (await staff.agent.get('/staff/pals/you-said-we-did?status=planned').expect(200)).text,
    );
    expect(planned('.app-entry')).toHaveLength(0);
    expect(planned('main').text()).toContain('There are no entries with this status.');
    await staff.agent.get('/staff/pals/you-said-we-did/99999').expect(404);
  });
});

describe('the public page keeps the small-numbers rule for quotes', () => {
  it('shows a quote only while its team had at least 5 responses that month', async () => {
    const t = buildTestApp();
    const teamId = idOf(t, 'teams', 'amberwood');
    const quote = await publishedComment(t, 'amberwood', 'The garden is lovely', 4);
    const publications = t.deps.services.publications;
    publications.approve(quote, 'The garden is lovely', actorFor(1));
    publications.addEntry(
      {
        themeId: null,
        teamId,
        directorateId: null,
        quoteCommentId: quote,
        weDid: 'We planted more flowers',
        status: 'done',
        publishedOn: '2026-11-20',
      },
      actorFor(1),
    );
    let $ = cheerio.load((await request(t.app).get('/you-said-we-did').expect(200)).text);
    expect($('blockquote').text()).toContain('The garden is lovely');
    // Responses are removed (an erasure request): the team now has 4 that month, so the quote is held back.
    t.deps.db
      .prepare('DELETE FROM responses WHERE id = (SELECT max(id) FROM responses WHERE team_id = :teamId)')
      .run({ teamId });
    $ = cheerio.load((await request(t.app).get('/you-said-we-did').expect(200)).text);
    expect($('main').text()).not.toContain('The garden is lovely');
    expect($('main').text()).toContain('We planted more flowers');
    expect($('main h3').text()).toBe('We did');
  });
});
