import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, countRows } from '../support/test-app';
import { SurveyVisitor } from '../support/survey-visitor';

type TestApp = ReturnType<typeof buildTestApp>;

const answersOf = (t: TestApp) =>
  t.deps.db.prepare('SELECT item_code, value FROM response_answers ORDER BY item_code, value').all() as {
    item_code: string;
    value: string;
  }[];

const commentsOf = (t: TestApp) =>
  t.deps.db.prepare('SELECT item_code, comment_type, body FROM comments ORDER BY item_code').all() as {
    item_code: string;
    comment_type: string;
    body: string;
  }[];

const responsesOf = (t: TestApp) =>
  t.deps.db
    .prepare(
      `SELECT s.code AS survey, sv.version, tm.code AS team, r.fft_code, r.respondent_role, r.language
       FROM responses r JOIN survey_versions sv ON sv.id = r.survey_version_id
       JOIN surveys s ON s.id = sv.survey_id JOIN teams tm ON tm.id = r.team_id`,
    )
    .all() as {
    survey: string;
    version: number;
    team: string;
    fft_code: number;
    respondent_role: string | null;
    language: string;
  }[];

const draftCount = (t: TestApp) =>
  (t.deps.db.prepare('SELECT count(*) AS n FROM survey_drafts').get() as { n: number }).n;

const progressOf = (res: request.Response) => cheerio.load(res.text)('.app-progress').text().trim();

describe('the start page of a team', () => {
  it('offers the quick FFT survey first, then the service-user and carer questionnaires and easy read', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/t/amberwood').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toContain('Amberwood Ward');
    expect($('main a.nhsuk-button').attr('href')).toBe('/t/amberwood/friends-family-carers');
    expect(
      $('.app-survey-choices a')
        .map((_, a) => `${$(a).text().trim()} -> ${$(a).attr('href')}`)
        .get(),
    ).toEqual([
      'I use this service: tell us about your care -> /t/amberwood/service-user-prem',
      'I am a carer, family member or friend -> /t/amberwood/carers-questionnaire',
      'Easy read version -> /t/amberwood/easy-read-fft',
    ]);
  });

  it('is seeded at first start from the survey files: every team offers the same four surveys', () => {
    const t = buildTestApp();
    const rows = t.deps.db
      .prepare(
        `SELECT s.code AS survey, count(*) AS teams FROM team_surveys ts JOIN surveys s ON s.id = ts.survey_id
         GROUP BY s.code ORDER BY min(ts.position)`,
      )
      .all();
    const teams = (t.deps.db.prepare('SELECT count(*) AS n FROM teams').get() as { n: number }).n;
    expect(rows).toEqual(
      ['friends-family-carers', 'service-user-prem', 'carers-questionnaire', 'easy-read-fft'].map(
        (survey) => ({
          survey,
          teams,
        }),
      ),
    );
  });

  it('goes straight to the survey when the team offers only one', async () => {
    const t = buildTestApp();
    t.deps.db
      .prepare(
        `DELETE FROM team_surveys WHERE team_id = (SELECT id FROM teams WHERE code = 'fern')
         AND survey_id <> (SELECT id FROM surveys WHERE code = 'friends-family-carers')`,
      )
      .run();
    const res = await request(t.app).get('/t/fern').expect(303);
    expect(res.headers.location).toBe('/t/fern/friends-family-carers');
  });

  it('gives 404 for a survey the team does not offer, and for an unknown page', async () => {
    const t = buildTestApp();
    await request(t.app).get('/t/amberwood/young-person-fft').expect(404);
    await request(t.app).get('/t/amberwood/no-such-survey').expect(404);
    await request(t.app).get('/t/amberwood/service-user-prem/99').expect(404);
    await request(t.app).get('/t/amberwood/service-user-prem/abc').expect(404);
  });
});

describe('each shipped survey, completed end to end', () => {
  it('Friends, Family and Carers at a community team: FFT, comments, role and some equality answers', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/dgs-cmht/friends-family-carers';
    await v.open(base);
    expect(
      await v.next(base, {
        fft: '1',
        what_good: 'They called me back the same day.',
        respondent_role: 'helped_by_other',
      }),
    ).toBe(`${base}/2`);
    const about = await v.open(`${base}/2`);
    expect(cheerio.load(about.text)('h1').text()).toContain('About you');
    expect(await v.next(`${base}/2`, { eq_age_band: '25_34', eq_gender_identity: 'Z' })).toBe(`${base}/3`);
    expect(await v.next(`${base}/3`, { skip: 'yes', eq_disability: 'yes' })).toBe(`${base}/4`);
    const last = await v.open(`${base}/4`);
    const $ = cheerio.load(last.text);
    // A community team is not asked about detention under the Mental Health Act.
    expect($('input[name=eq_detention_status]').length).toBe(0);
    expect($('input[name=eq_veteran]').length).toBe(3);
    expect($('button.nhsuk-button').first().text().trim()).toBe('Send feedback');
    expect(await v.next(`${base}/4`, { eq_veteran: 'yes' })).toBe('/t/dgs-cmht/thank-you');

    expect(responsesOf(t)).toEqual([
      {
        survey: 'friends-family-carers',
        version: 2,
        team: 'dgs-cmht',
        fft_code: 1,
        respondent_role: 'helped_by_other',
        language: 'en',
      },
    ]);
    expect(answersOf(t)).toEqual([
      { item_code: 'eq_age_band', value: '25_34' },
      { item_code: 'eq_gender_identity', value: 'Z' },
      { item_code: 'eq_veteran', value: 'yes' },
      { item_code: 'fft', value: '1' },
      { item_code: 'respondent_role', value: 'helped_by_other' },
    ]);
    expect(commentsOf(t)).toEqual([
      { item_code: 'what_good', comment_type: 'what_good', body: 'They called me back the same day.' },
    ]);
    expect(draftCount(t)).toBe(0);
  });

  it('the service-user PREM on a ward: agreement items, ward items, the detained question and its follow-up', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/amberwood/service-user-prem';
    const first = await v.open(base);
    expect(progressOf(first)).toBe('Questions 1 to 3 of 18');
    await v.next(base, { fft: '2', could_improve: 'More to do at weekends.' });
    const page2 = await v.open(`${base}/2`);
    expect(
      cheerio
        .load(page2.text)('input[name=kindness]')
        .map((_, el) => cheerio.load(page2.text)(el).attr('value'))
        .get(),
    ).toEqual(['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable']);
    await v.next(`${base}/2`, {
      kindness: 'strongly_agree',
      dignity_respect: 'agree',
      listened_to: 'not_applicable',
    });
    await v.next(`${base}/3`, { care_plan: 'disagree' });
    await v.next(`${base}/4`, { feeling_safe: 'neither' });
    const page5 = await v.open(`${base}/5`);
    // Crisis contacts and waiting times are community items: a ward asks only about help with wider life.
    expect(cheerio.load(page5.text)('input[name=crisis_contacts]').length).toBe(0);
    expect(progressOf(page5)).toBe('Question 13 of 18');
    await v.next(`${base}/5`, { wider_life: 'agree' });
    await v.next(`${base}/6`, { hope: 'strongly_agree' });
    expect(await v.next(`${base}/7`, { ward_activities: 'disagree', detained: 'yes' })).toBe(`${base}/8`);
    const rights = await v.open(`${base}/8`);
    expect(progressOf(rights)).toBe('Question 19 of 19');
    expect(await v.next(`${base}/8`, { mha_rights: 'agree' })).toBe(`${base}/check`);

    const check = await v.open(`${base}/check`);
    const $ = cheerio.load(check.text);
    expect($('h1').text()).toContain('Check your answers');
    const row = $('.nhsuk-summary-list__row').filter((_, r) =>
      $(r).text().includes('Staff were kind to me.'),
    );
    expect(row.find('.nhsuk-summary-list__value').text().trim()).toBe('Strongly agree');
    expect(row.find('a').attr('href')).toBe(`${base}/2?return=check`);
    expect(await v.next(`${base}/check`)).toBe('/t/amberwood/thank-you');

    expect(responsesOf(t)).toEqual([expect.objectContaining({ survey: 'service-user-prem', fft_code: 2 })]);
    expect(answersOf(t)).toEqual([
      { item_code: 'care_plan', value: 'disagree' },
      { item_code: 'detained', value: 'yes' },
      { item_code: 'dignity_respect', value: 'agree' },
      { item_code: 'feeling_safe', value: 'neither' },
      { item_code: 'fft', value: '2' },
      { item_code: 'hope', value: 'strongly_agree' },
      { item_code: 'kindness', value: 'strongly_agree' },
      { item_code: 'listened_to', value: 'not_applicable' },
      { item_code: 'mha_rights', value: 'agree' },
      { item_code: 'ward_activities', value: 'disagree' },
      { item_code: 'wider_life', value: 'agree' },
    ]);
    expect(commentsOf(t)).toEqual([
      { item_code: 'could_improve', comment_type: 'could_improve', body: 'More to do at weekends.' },
    ]);
    expect(draftCount(t)).toBe(0);
  });

  it('the service-user PREM in a community team asks the community items and none of the ward pages', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/medway-cmht/service-user-prem';
    expect(progressOf(await v.open(base))).toBe('Questions 1 to 3 of 18');
    await v.next(base, { fft: '4' });
    for (const page of [2, 3, 4]) await v.next(`${base}/${page}`, { skip: 'yes' });
    const page5 = await v.open(`${base}/5`);
    expect(cheerio.load(page5.text)('input[name=crisis_contacts]').length).toBe(6);
    expect(progressOf(page5)).toBe('Questions 13 to 15 of 18');
    await v.next(`${base}/5`, { crisis_contacts: 'agree', access_waiting: 'strongly_disagree' });
    expect(await v.next(`${base}/6`, { skip: 'yes' })).toBe(`${base}/check`);
    await request(t.app).get(`${base}/7`).expect(404);
    await v.open(`${base}/check`);
    expect(await v.next(`${base}/check`)).toBe('/t/medway-cmht/thank-you');
    expect(answersOf(t)).toEqual([
      { item_code: 'access_waiting', value: 'strongly_disagree' },
      { item_code: 'crisis_contacts', value: 'agree' },
      { item_code: 'fft', value: '4' },
    ]);
  });

  it("the carers' questionnaire in a forensic service: single and multiple choice, yes/no and agreement", async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/penshurst/carers-questionnaire';
    await v.open(base);
    await v.next(base, { fft: '3', what_good: 'The family room.' });
    await v.next(`${base}/2`, { cared_for_relationship: 'child', carer_identified: 'agree' });
    await v.next(`${base}/3`, { partner_in_care: 'disagree', named_contact: 'no' });
    await v.next(`${base}/4`, { skip: 'yes' });
    await v.next(`${base}/5`, { asked_coping: 'strongly_disagree' });
    const last = await v.open(`${base}/6`);
    const $ = cheerio.load(last.text);
    expect($('input[type=checkbox]').length).toBe(5);
    expect($('input#help_wanted').attr('name')).toBe('help_wanted-information');
    expect(
      await v.next(`${base}/6`, { 'help_wanted-carers_assessment': 'yes', 'help_wanted-break': 'yes' }),
    ).toBe(`${base}/check`);
    await v.open(`${base}/check`);
    expect(await v.next(`${base}/check`)).toBe('/t/penshurst/thank-you');
    expect(answersOf(t)).toEqual([
      { item_code: 'asked_coping', value: 'strongly_disagree' },
      { item_code: 'cared_for_relationship', value: 'child' },
      { item_code: 'carer_identified', value: 'agree' },
      { item_code: 'fft', value: '3' },
      { item_code: 'help_wanted', value: 'break' },
      { item_code: 'help_wanted', value: 'carers_assessment' },
      { item_code: 'named_contact', value: 'no' },
      { item_code: 'partner_in_care', value: 'disagree' },
    ]);
    expect(commentsOf(t)).toEqual([
      { item_code: 'what_good', comment_type: 'what_good', body: 'The family room.' },
    ]);
  });

  it('the Easy Read FFT: short wording, a decorative face beside each answer, sent from one page', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/amberwood/easy-read-fft';
    const page = await v.open(base);
    const $ = cheerio.load(page.text);
    expect($('legend').first().text().trim()).toBe('What did you think of our service?');
    const labels = $('input[name=fft]')
      .map((_, el) => $(`label[for=${$(el).attr('id')}]`))
      .get();
    expect(labels.map((l) => $(l).text().trim())).toEqual([
      'Very good',
      'Good',
      'Not good and not bad',
      'Bad',
      'Very bad',
      'I do not know',
    ]);
    expect(labels.map((l) => $(l).find('img').attr('alt'))).toEqual(['', '', '', '', '', '']);
    expect(labels.map((l) => $(l).find('img').attr('src'))).toEqual(
      [1, 2, 3, 4, 5, 6].map((code) => `/assets/images/fft-${code}.svg`),
    );
    await request(t.app).get('/assets/images/fft-1.svg').expect(200);
    expect(await v.next(base, { fft: '5', tell_us_more: 'Too noisy at night.' })).toBe(
      '/t/amberwood/thank-you',
    );
    expect(answersOf(t)).toEqual([{ item_code: 'fft', value: '5' }]);
    expect(commentsOf(t)).toEqual([
      { item_code: 'tell_us_more', comment_type: 'nonspecific', body: 'Too noisy at night.' },
    ]);
    expect(draftCount(t)).toBe(0);
  });

  it('the young-person FFT maps its own wording to the same six codes', async () => {
    const t = buildTestApp();
    t.deps.db
      .prepare(
        `INSERT INTO team_surveys (team_id, survey_id, position, created_at)
         SELECT t.id, s.id, 9, '2026-11-23T10:00:00Z' FROM teams t, surveys s
         WHERE t.code = 'perinatal' AND s.code = 'young-person-fft'`,
      )
      .run();
    const v = new SurveyVisitor(t.app);
    const base = '/t/perinatal/young-person-fft';
    const $ = cheerio.load((await v.open(base)).text);
    expect($('legend').first().text().trim()).toBe('Overall, how was your time with us?');
    expect($('label[for=fft-5]').text().trim()).toBe('Really bad');
    expect(await v.next(base, { fft: '6' })).toBe('/t/perinatal/thank-you');
    expect(responsesOf(t)).toEqual([expect.objectContaining({ survey: 'young-person-fft', fft_code: 6 })]);
  });
});

describe('moving through a survey', () => {
  const base = '/t/amberwood/service-user-prem';

  it('Back shows the earlier page with the answers given', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '2', what_good: 'The OT group' });
    const page2 = await v.open(`${base}/2`);
    expect(cheerio.load(page2.text)('a.nhsuk-back-link').attr('href')).toBe(base);
    const back = await v.open(base);
    const $ = cheerio.load(back.text);
    expect($('input[name=fft][value=2]').attr('checked')).toBeDefined();
    expect($('textarea#what_good').text()).toBe('The OT group');
  });

  it('skips an optional page with one tap, keeping none of its answers', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    const page2 = cheerio.load((await v.open(`${base}/2`)).text);
    expect(page2('button[name=skip][value=yes]').text().trim()).toBe('Skip these questions');
    expect(await v.next(`${base}/2`, { skip: 'yes', kindness: 'agree' })).toBe(`${base}/3`);
    const again = cheerio.load((await v.open(`${base}/2`)).text);
    expect(again('input[name=kindness]:checked').length).toBe(0);
  });

  it('cannot skip the FFT question: the first page has no skip button and needs an answer', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    const page = cheerio.load((await v.open(base)).text);
    expect(page('button[name=skip]').length).toBe(0);
    const res = await v.send(base, { skip: 'yes' });
    expect(res.status).toBe(400);
    expect(cheerio.load(res.text)('.nhsuk-error-summary a').attr('href')).toBe('#fft');
  });

  it('leaves out a follow-up question when its condition is not met', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    for (const page of [2, 3, 4, 5, 6]) await v.next(`${base}/${page}`, { skip: 'yes' });
    expect(await v.next(`${base}/7`, { detained: 'no' })).toBe(`${base}/check`);
    const follow = await v.open(`${base}/8`);
    expect(follow.status).toBe(303);
    expect(follow.headers.location).toBe(`${base}/check`);
    // Answering "no" and then changing to "yes" brings the follow-up back.
    expect(await v.next(`${base}/7?return=check`, { detained: 'yes' })).toBe(`${base}/check`);
    const check = cheerio.load((await v.open(`${base}/check`)).text);
    expect(check('.nhsuk-summary-list').text()).toContain('my rights under the Mental Health Act');
  });

  it('changes an answer from check your answers and comes back to it', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    for (const page of [2, 3, 4, 5, 6, 7]) await v.next(`${base}/${page}`, { skip: 'yes' });
    const change = await v.open(`${base}/2?return=check`);
    const $ = cheerio.load(change.text);
    expect($('form').attr('action')).toBe(`${base}/2?return=check`);
    expect($('a.nhsuk-back-link').attr('href')).toBe(`${base}/check`);
    expect(await v.next(`${base}/2?return=check`, { kindness: 'disagree' })).toBe(`${base}/check`);
    await v.open(`${base}/check`);
    await v.next(`${base}/check`);
    expect(answersOf(t)).toEqual([
      { item_code: 'fft', value: '1' },
      { item_code: 'kindness', value: 'disagree' },
    ]);
  });

  it('stores one response when check your answers is sent twice', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    for (const page of [2, 3, 4, 5, 6, 7]) await v.next(`${base}/${page}`, { skip: 'yes' });
    await v.open(`${base}/check`);
    const [a, b] = await Promise.all([v.send(`${base}/check`), v.send(`${base}/check`)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect([a.headers.location, b.headers.location]).toEqual([
      '/t/amberwood/thank-you',
      '/t/amberwood/thank-you',
    ]);
    expect(countRows(t.deps, 'responses')).toBe(1);
  });
});

describe('drafts of unsent answers', () => {
  const base = '/t/amberwood/service-user-prem';

  it('are never written by opening pages: the first page sent creates the draft', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open('/t/amberwood');
    await v.open(base);
    const later = await v.open(`${base}/3`);
    expect(later.status).toBe(303);
    expect(later.headers.location).toBe(base);
    await v.open(`${base}/check`);
    expect(draftCount(t)).toBe(0);
    await v.next(base, { fft: '1' });
    expect(draftCount(t)).toBe(1);
  });

  it('travel only in a session-only, HttpOnly cookie, never in an address or a page', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    const res = await v.send(base, { fft: '1' });
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('survey_draft='))!;
    const draftId = /^survey_draft=([^;]+)/.exec(cookie)![1]!;
    expect(draftId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Expires|Max-Age/i);
    expect(res.headers.location).not.toContain(draftId);
    const page = await v.open(`${base}/2`);
    expect(page.text).not.toContain(draftId);
    expect(t.logger.lines.join('\n')).not.toContain(draftId);
  });

  it('expire after 30 minutes by default: the person is told the form timed out, and nothing is stored', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1', what_good: 'Kind staff' });
    t.clock.advance(29 * 60_000);
    await v.next(`${base}/2`, { kindness: 'agree' });
    // Each page sent keeps the draft alive for another 30 minutes from then.
    t.clock.advance(29 * 60_000);
    expect((await v.open(`${base}/3`)).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const gone = await v.open(`${base}/3`);
    expect(gone.status).toBe(303);
    expect(gone.headers.location).toBe(base);
    const res = await v.send(`${base}/3`, { care_plan: 'agree' });
    expect(res.status).toBe(400);
    expect(cheerio.load(res.text)('h1').text()).toBe('This form has timed out');
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('are deleted once expired, when the next draft is made, with a configurable lifetime', async () => {
    const t = buildTestApp({ env: { DRAFT_TTL_MINUTES: '5' } });
    const first = new SurveyVisitor(t.app);
    await first.open(base);
    await first.next(base, { fft: '1', what_good: 'SECRET-DRAFT-TEXT' });
    t.clock.advance(5 * 60_000);
    const second = new SurveyVisitor(t.app);
    await second.open(base);
    await second.next(base, { fft: '2' });
    const rows = t.deps.db.prepare('SELECT answers FROM survey_drafts').all() as { answers: string }[];
    expect(rows.map((r) => JSON.parse(r.answers) as unknown)).toEqual([{ fft: '2' }]);
    expect(t.deps.services.feedback.purgeExpiredDrafts()).toBe(0);
    t.clock.advance(5 * 60_000);
    expect(t.deps.services.feedback.purgeExpiredDrafts()).toBe(1);
    expect(draftCount(t)).toBe(0);
    expect(t.logger.lines.join('\n')).not.toContain('SECRET-DRAFT-TEXT');
  });

  it('are deleted when the response is stored, and the cookie is cleared', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    for (const page of [2, 3, 4, 5, 6, 7]) await v.next(`${base}/${page}`, { skip: 'yes' });
    expect(draftCount(t)).toBe(1);
    await v.open(`${base}/check`);
    const res = await v.send(`${base}/check`);
    expect(draftCount(t)).toBe(0);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join()).toMatch(
      /survey_draft=;.*Max-Age=0/,
    );
  });

  it('belong to one survey: a draft for another survey or team is not used', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(base);
    await v.next(base, { fft: '1' });
    const other = await v.open('/t/amberwood/carers-questionnaire/2');
    expect(other.status).toBe(303);
    expect(other.headers.location).toBe('/t/amberwood/carers-questionnaire');
  });
});

describe('languages', () => {
  const base = '/t/amberwood/friends-family-carers';

  it('switches to Easy Read with a link on the page, setting lang on <html>', async () => {
    const t = buildTestApp();
    const en = cheerio.load((await request(t.app).get(base)).text);
    expect(en('html').attr('lang')).toBe('en');
    const link = en('.app-language-switch a');
    expect(link.text().trim()).toBe('Easy read');
    expect(link.attr('href')).toBe(`${base}?lang=en-x-easyread`);

    const res = await request(t.app).get(`${base}?lang=en-x-easyread`).expect(200);
    const $ = cheerio.load(res.text);
    expect($('html').attr('lang')).toBe('en-x-easyread');
    expect($('h1').text()).toContain('Tell us what you think');
    expect($('legend').first().text().trim()).toBe('What did you think of our service?');
    expect($('label[for=what_good]').text().trim()).toBe('What was good?');
    expect($('label[for=fft] img').attr('alt')).toBe('');
    expect($('.app-language-switch [aria-current]').text().trim()).toBe('Easy read');
    expect($('.app-language-switch a').attr('href')).toBe(`${base}?lang=en`);
    expect($('form').attr('action')).toBe(`${base}?lang=en-x-easyread`);
  });

  it('marks text with no translation with its own language, and keeps the language from page to page', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open(`${base}?lang=en-x-easyread`);
    expect(await v.next(`${base}?lang=en-x-easyread`, { fft: '2' })).toBe(`${base}/2?lang=en-x-easyread`);
    const $ = cheerio.load((await v.open(`${base}/2?lang=en-x-easyread`)).text);
    expect($('html').attr('lang')).toBe('en-x-easyread');
    expect($('.nhsuk-lede-text').attr('lang')).toBeUndefined();
    // The equality questions have no Easy Read wording yet: they fall back to English and say so.
    expect($('legend').first().attr('lang')).toBe('en');
    expect($('label[for=eq_age_band]').attr('lang')).toBe('en');
    for (const page of [2, 3]) await v.next(`${base}/${page}?lang=en-x-easyread`, { skip: 'yes' });
    await v.next(`${base}/4?lang=en-x-easyread`, { skip: 'yes' });
    expect(responsesOf(t)).toEqual([expect.objectContaining({ language: 'en-x-easyread', fft_code: 2 })]);
  });

  it('ignores a language the survey does not have', async () => {
    const t = buildTestApp();
    const $ = cheerio.load((await request(t.app).get(`${base}?lang=cy`).expect(200)).text);
    expect($('html').attr('lang')).toBe('en');
    expect($('legend').first().text().trim()).toBe('Overall, how was your experience of our service?');
  });

  it('shows no language switch on a survey with only English', async () => {
    const t = buildTestApp();
    const $ = cheerio.load((await request(t.app).get('/t/amberwood/service-user-prem')).text);
    expect($('.app-language-switch').length).toBe(0);
  });
});
