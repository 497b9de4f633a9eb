import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, countRows, openSurvey, type OpenedForm } from '../support/test-app';

/** The Friends, Family and Carers survey of Amberwood Ward: its first page has the FFT question. */
const FFC = '/t/amberwood/friends-family-carers';

/**
 * After the first page come optional "About you" pages: skip each with one tap, as a person may, until the
 * response is sent. Returns where the last page led.
 */
async function skipToEnd(form: OpenedForm, from: request.Response): Promise<string> {
  let location = from.headers.location as string;
  while (!location.endsWith('/thank-you')) {
    const next = await form.agent
      .post(location)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, skip: 'yes' })
      .expect(303);
    location = next.headers.location as string;
  }
  return location;
}

interface StoredResponse {
  team: string;
  site: string;
  directorate: string;
  community: string;
  mode: string;
  survey: string;
  version: number;
  fft_code: number;
  respondent_role: string | null;
  submitted_at: string;
  submitted_on: string;
}

const storedResponses = (t: ReturnType<typeof buildTestApp>) =>
  t.deps.db
    .prepare(
      `SELECT tm.code AS team, s.code AS site, d.code AS directorate, c.code AS community, r.mode, sv.version,
              sur.code AS survey, r.fft_code, r.respondent_role, r.submitted_at, r.submitted_on
       FROM responses r
       JOIN teams tm ON tm.id = r.team_id JOIN sites s ON s.id = r.site_id
       JOIN directorates d ON d.id = r.directorate_id JOIN communities c ON c.id = r.community_id
       JOIN survey_versions sv ON sv.id = r.survey_version_id JOIN surveys sur ON sur.id = sv.survey_id`,
    )
    .all() as StoredResponse[];

const storedComments = (t: ReturnType<typeof buildTestApp>) =>
  t.deps.db.prepare('SELECT item_code, comment_type, body FROM comments ORDER BY item_code').all() as {
    item_code: string;
    comment_type: string;
    body: string;
  }[];

describe('the survey page for a team', () => {
  it('shows the national FFT question with its six answers in order, for the team in the address', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get(FFC).expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toContain('Amberwood Ward');
    expect($('legend').first().text().trim()).toBe('Overall, how was your experience of our service?');
    expect(
      $('input[name=fft]')
        .map((_, el) => $(el).attr('value'))
        .get(),
    ).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(
      $('input[name=fft]')
        .map((_, el) =>
          $(`label[for=${$(el).attr('id')}]`)
            .text()
            .trim(),
        )
        .get(),
    ).toEqual(['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', "Don't know"]);
  });

  it('shows the urgent-help card before the first free-text question, with the configured crisis line', async () => {
    const { app } = buildTestApp({ env: { CRISIS_LINE_NUMBER: '0800 000 1234' } });
    const res = await request(app).get(FFC).expect(200);
    const $ = cheerio.load(res.text);
    const card = $('.nhsuk-card--care--urgent');
    expect(card.text()).toContain('NHS 111');
    expect(card.text()).toContain('0800 000 1234');
    expect(card.find('a[href="tel:08000001234"]').length).toBe(1);
    const order = $('.nhsuk-card--care--urgent, textarea')
      .map((_, el) => (el.tagName === 'textarea' ? 'textarea' : 'card'))
      .get();
    expect(order[0]).toBe('card');
  });

  it('shows two optional free-text questions with a visible character limit, and who is answering', async () => {
    const { app } = buildTestApp();
    const $ = cheerio.load((await request(app).get(FFC)).text);
    expect($('label[for=what_good]').text().trim()).toBe('What was good?');
    expect($('label[for=could_improve]').text().trim()).toBe('What could we have done better?');
    expect($('#what_good-info').text()).toContain('You can enter up to 10,000 characters');
    expect(
      $('input[name=respondent_role]')
        .map((_, el) => $(el).attr('value'))
        .get(),
    ).toEqual(['service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience']);
  });

  it('is never cached and sends a strict content security policy', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get(FFC).expect(200);
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.text).not.toMatch(/\sstyle="/);
  });

  it('gives a friendly 404 that helps find the team when the team code is unknown', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/t/no-such-ward').expect(404);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('We cannot find that team');
    expect($('form[action="/"] input[name=q]').length).toBe(1);
    expect($('title').text()).toContain('We cannot find that team');
  });

  it.each(['AMBERWOOD', 'a', '..%2F..%2Fetc', '<script>'])(
    'gives the same 404 for a malformed team code %s',
    async (code) => {
      const { app } = buildTestApp();
      const res = await request(app).get(`/t/${code}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('<script>');
    },
  );
});

describe('submitting feedback', () => {
  it('stores one anonymous response with the team, its place in the organisation, the mode and the survey version', async () => {
    const t = buildTestApp({ now: '2026-07-01T23:30:00Z' });
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({
        _csrf: form.csrf,
        token: form.token,
        fft: '2',
        what_good: 'Staff listened to me.',
        could_improve: '',
        respondent_role: 'service_user',
      })
      .expect(303);
    expect(res.headers.location).toBe(`${FFC}/2`);
    expect(await skipToEnd(form, res)).toBe('/t/amberwood/thank-you');
    expect(storedResponses(t)).toEqual([
      {
        team: 'amberwood',
        site: 'littlebrook',
        directorate: 'acute',
        community: 'dartford',
        mode: 'online_link',
        survey: 'friends-family-carers',
        version: 2,
        fft_code: 2,
        respondent_role: 'service_user',
        submitted_at: '2026-07-01T23:30:00.000Z',
        // 23:30 UTC on 1 July is 00:30 on 2 July in Europe/London (BST): reported under London's date.
        submitted_on: '2026-07-02',
      },
    ]);
    expect(storedComments(t)).toEqual([
      { item_code: 'what_good', comment_type: 'what_good', body: 'Staff listened to me.' },
    ]);
  });

  it('stores no IP address, user agent or name: the responses table has no column for them', () => {
    const t = buildTestApp();
    const columns = (
      t.deps.db.prepare("SELECT name FROM pragma_table_info('responses')").all() as { name: string }[]
    ).map((c) => c.name);
    expect(columns.filter((c) => /ip|agent|name|email|nhs_number|birth/i.test(c))).toEqual([]);
  });

  it('confirms receipt on the thank-you page, with urgent help repeated', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    await skipToEnd(
      form,
      await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: form.csrf, token: form.token, fft: '1' })
        .expect(303),
    );
    const res = await form.agent.get('/t/amberwood/thank-you').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text().trim()).toBe('Thank you for your feedback');
    expect($('.nhsuk-panel__body').text()).toContain('Amberwood Ward');
    expect($('.nhsuk-card--care--urgent').text()).toContain('999');
  });

  it('re-shows the page with an error summary linking to the question, and keeps what was typed, when the FFT answer is missing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({
        _csrf: form.csrf,
        token: form.token,
        what_good: 'The garden & the food <3',
        respondent_role: 'carer_on_behalf',
      })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    const summary = $('main .nhsuk-error-summary');
    expect(summary.length).toBe(1);
    expect(
      $('main').children().first().find('.nhsuk-error-summary').length +
        $('main > div .nhsuk-error-summary').length,
    ).toBeGreaterThan(0);
    expect(summary.find('a').attr('href')).toBe('#fft');
    expect(summary.find('a').text().trim()).toBe('Select how your experience of our service was');
    expect($('#fft').length).toBe(1);
    expect($('#fft-error').text()).toContain('Select how your experience of our service was');
    expect($('fieldset').first().attr('aria-describedby')).toContain('fft-error');
    expect($('textarea#what_good').text()).toBe('The garden & the food <3');
    expect($('input[name=respondent_role][value=carer_on_behalf]').attr('checked')).toBeDefined();
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses a comment over the character limit with an error for that question, keeping the text', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const long = 'a'.repeat(10_001);
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '3', could_improve: long })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#could_improve');
    expect($('.nhsuk-error-summary a').text()).toContain('10,000 characters or fewer');
    expect($('textarea#could_improve').text()).toBe(long);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses an answer that is not one of the options', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '7', respondent_role: 'manager' })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect(
      $('.nhsuk-error-summary a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#fft', '#respondent_role']);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('stores the response once the person corrects an error, using the same form', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const first = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token })
      .expect(400);
    const $ = cheerio.load(first.text);
    await skipToEnd(
      form,
      await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: $('input[name=_csrf]').val(), token: $('input[name=token]').val(), fft: '4' })
        .expect(303),
    );
    expect(storedResponses(t).map((r) => r.fft_code)).toEqual([4]);
  });

  it('stores one response when the same form is sent twice (double tap, back-and-resubmit, replay)', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const body = { _csrf: form.csrf, token: form.token, fft: '1', what_good: 'Kind nurses' };
    // A double tap on the first page finds the same draft.
    const first = await form.agent.post(FFC).type('form').send(body);
    const again = await form.agent.post(FFC).type('form').send(body);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    // A double tap on the last page stores once; both taps end on the thank-you page.
    const last = `${FFC}/4`;
    await form.agent
      .post(`${FFC}/2`)
      .type('form')
      .send({ ...body, skip: 'yes' })
      .expect(303);
    await form.agent
      .post(`${FFC}/3`)
      .type('form')
      .send({ ...body, skip: 'yes' })
      .expect(303);
    const sent = await form.agent
      .post(last)
      .type('form')
      .send({ ...body, skip: 'yes' });
    const second = await form.agent
      .post(last)
      .type('form')
      .send({ ...body, skip: 'yes' });
    expect([sent.status, second.status]).toEqual([303, 303]);
    expect(sent.headers.location).toBe('/t/amberwood/thank-you');
    expect(second.headers.location).toBe('/t/amberwood/thank-you');
    expect(countRows(t.deps, 'responses')).toBe(1);
    expect(countRows(t.deps, 'comments')).toBe(1);
  });

  it('stores one response when the same form is sent 20 times at once', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const body = { _csrf: form.csrf, token: form.token, fft: '2' };
    await form.agent.post(FFC).type('form').send(body).expect(303);
    await form.agent
      .post(`${FFC}/2`)
      .type('form')
      .send({ ...body, skip: 'yes' })
      .expect(303);
    await form.agent
      .post(`${FFC}/3`)
      .type('form')
      .send({ ...body, skip: 'yes' })
      .expect(303);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        form.agent
          .post(`${FFC}/4`)
          .type('form')
          .send({ ...body, skip: 'yes' }),
      ),
    );
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(countRows(t.deps, 'responses')).toBe(1);
  });

  it('stores two responses for two forms opened one after the other', async () => {
    const t = buildTestApp();
    for (const fft of ['1', '5']) {
      const form = await openSurvey(t.app, 'amberwood');
      await skipToEnd(
        form,
        await form.agent
          .post(FFC)
          .type('form')
          .send({ _csrf: form.csrf, token: form.token, fft })
          .expect(303),
      );
    }
    expect(storedResponses(t).map((r) => r.fft_code)).toEqual([1, 5]);
  });

  it('refuses a token issued for another team and stores nothing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post('/t/cherrywood/friends-family-carers')
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '1' })
      .expect(400);
    expect(cheerio.load(res.text)('h1').text()).toBe('Sorry, we could not read what was sent');
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses a forged or missing submission token and stores nothing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const [payload] = form.token.split('.');
    for (const token of [`${payload}.AAAA`, '', 'not-a-token']) {
      await form.agent.post(FFC).type('form').send({ _csrf: form.csrf, token, fft: '1' }).expect(400);
    }
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('tells the person the form timed out when its token has expired, and stores nothing', async () => {
    const t = buildTestApp({ env: { SUBMISSION_TOKEN_TTL_HOURS: '2' } });
    const form = await openSurvey(t.app, 'amberwood');
    t.clock.advance(2 * 3_600_000 + 1);
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '1' })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('This form has timed out');
    expect($('a.nhsuk-button').attr('href')).toBe('/t/amberwood');
    expect(countRows(t.deps, 'responses')).toBe(0);
  });
});

describe('protection against forged and hostile requests', () => {
  it('refuses a post without the CSRF token with 403 and stores nothing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent.post(FFC).type('form').send({ token: form.token, fft: '1' }).expect(403);
    expect(cheerio.load(res.text)('h1').text()).toBe('Sorry, this form could not be sent');
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it("refuses a CSRF token made for another browser's cookie with 403", async () => {
    const t = buildTestApp();
    const mine = await openSurvey(t.app, 'amberwood');
    const theirs = await openSurvey(t.app, 'amberwood');
    await mine.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: theirs.csrf, token: mine.token, fft: '1' })
      .expect(403);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses a post with no cookie at all with 403', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    await request(t.app)
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '1' })
      .expect(403);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses an oversized post with 413 and a helpful page, storing nothing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, fft: '1', what_good: 'x'.repeat(300 * 1024) })
      .expect(413);
    expect(cheerio.load(res.text)('h1').text()).toBe('Your answers are too long to send');
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses a JSON body with 415', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    await form.agent
      .post(FFC)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: form.csrf, token: form.token, fft: '1' }))
      .expect(415);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('refuses repeated fields with 400 and stores nothing', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const body = `_csrf=${encodeURIComponent(form.csrf)}&token=${encodeURIComponent(form.token)}&fft=1&fft=2`;
    await form.agent.post(FFC).type('form').send(body).expect(400);
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  it('treats bracketed field names as plain names, not nested objects', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const body = `_csrf=${encodeURIComponent(form.csrf)}&token=${encodeURIComponent(form.token)}&fft[a]=1`;
    const res = await form.agent.post(FFC).type('form').send(body).expect(400);
    expect(cheerio.load(res.text)('.nhsuk-error-summary a').attr('href')).toBe('#fft');
    expect(countRows(t.deps, 'responses')).toBe(0);
  });

  const hostile = [
    ['a script tag', '<script>alert(document.cookie)</script>'],
    ['an attribute break-out', '"><img src=x onerror=alert(1)>'],
    ['an EJS template payload', '<%= process.env %> <%- global.process.mainModule %>'],
    ['an SQL fragment', "'); DROP TABLE responses; --"],
    ['a formula', '=HYPERLINK("http://evil.example","click")'],
    ['control characters and CRLF', 'line one\r\nline two\u0007\u0001\tend'],
    ['emoji and other scripts', 'Great staff 👍🏽 شكرا 谢谢 Ελληνικά'],
    ['bidi overrides', 'abc\u202Edcba\u202C'],
    ['a 10,000-character comment', 'é'.repeat(10_000)],
  ] as const;

  it.each(hostile)('stores %s verbatim', async (_label, text) => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    await skipToEnd(
      form,
      await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: form.csrf, token: form.token, fft: '1', could_improve: text })
        .expect(303),
    );
    expect(storedComments(t)).toEqual([
      { item_code: 'could_improve', comment_type: 'could_improve', body: text },
    ]);
  });

  it.each(hostile)('shows %s back escaped when the form has an error', async (_label, text) => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const res = await form.agent
      .post(FFC)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, what_good: text })
      .expect(400);
    const $ = cheerio.load(res.text);
    // An HTML parser (like a browser) reads CR LF in a textarea as LF, and sends it back as CR LF.
    expect($('textarea#what_good').text()).toBe(text.replace(/\r\n/g, '\n'));
    expect($('script').filter((_, el) => !$(el).attr('src')).length).toBe(0);
    expect($('img[onerror]').length).toBe(0);
    expect(res.text).not.toContain('<%');
    expect(res.text).not.toContain('<script>alert');
  });

  it('never writes answers or comments to the log', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    await skipToEnd(
      form,
      await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: form.csrf, token: form.token, fft: '5', what_good: 'SECRET-COMMENT-TEXT' })
        .expect(303),
    );
    const log = t.logger.lines.join('\n');
    expect(log).toContain('"path":"/t/amberwood/friends-family-carers"');
    expect(log).not.toContain('SECRET-COMMENT-TEXT');
    expect(log).not.toContain(form.token);
    expect(log).not.toContain(form.csrf);
  });
});

describe('pages opened before anything is answered (kept once, tokens filled in per request)', () => {
  const tokensOut = (html: string, csrf: string, token: string) =>
    html.split(csrf).join('CSRF').split(token).join('TOKEN');

  it('gives every browser its own CSRF and single-use submission token in an otherwise identical page', async () => {
    const t = buildTestApp();
    const first = await openSurvey(t.app, 'amberwood');
    const second = await openSurvey(t.app, 'amberwood');
    expect(second.csrf).not.toBe(first.csrf);
    expect(second.token).not.toBe(first.token);
    expect(first.html).not.toMatch(/csrf[0-9a-f]{24}|token[0-9a-f]{24}/);
    expect(tokensOut(second.html, second.csrf, second.token)).toBe(
      tokensOut(first.html, first.csrf, first.token),
    );
    for (const form of [first, second, first]) {
      await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: form.csrf, token: form.token, fft: '1' })
        .expect(303);
    }
    const again = await first.agent.get(FFC).expect(200);
    expect(cheerio.load(again.text)('input[name=fft][value=1]').is(':checked')).toBe(true);
    expect(cheerio.load(again.text)('input[name=token]').val()).toBe(first.token);
  });

  it('keeps later pages reached going forward, and shows a page with its answers once it has some', async () => {
    const t = buildTestApp();
    const toPageTwo = async () => {
      const form = await openSurvey(t.app, 'amberwood');
      const posted = await form.agent
        .post(FFC)
        .type('form')
        .send({ _csrf: form.csrf, token: form.token, fft: '2' })
        .expect(303);
      const page = await form.agent.get(posted.headers.location as string).expect(200);
      return { form, location: posted.headers.location as string, page: page.text };
    };
    const one = await toPageTwo();
    const two = await toPageTwo();
    expect(tokensOut(two.page, two.form.csrf, two.form.token)).toBe(
      tokensOut(one.page, one.form.csrf, one.form.token),
    );
    const $ = cheerio.load(one.page);
    const radio = $('form input[type=radio]').first();
    const [name, value] = [radio.attr('name') as string, radio.attr('value') as string];
    expect($(`input[name="${name}"]:checked`)).toHaveLength(0);
    await one.form.agent
      .post(one.location)
      .type('form')
      .send({ _csrf: one.form.csrf, token: one.form.token, [name]: value })
      .expect(303);
    const back = cheerio.load((await one.form.agent.get(one.location).expect(200)).text);
    expect(back(`input[name="${name}"]:checked`).val()).toBe(value);
    const fresh = cheerio.load((await two.form.agent.get(two.location).expect(200)).text);
    expect(fresh(`input[name="${name}"]:checked`)).toHaveLength(0);
  });

  it("keeps a team's start page (where its posters' QR codes lead) with each browser's own CSRF token", async () => {
    const t = buildTestApp({ now: '2027-01-01T10:00:00Z' });
    const open = async () => {
      const html = (await request(t.app).get('/t/ruby').expect(200)).text;
      return { html, csrf: cheerio.load(html)('input[name=_csrf]').val() as string };
    };
    const [first, second] = [await open(), await open()];
    expect(first.csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(second.csrf).not.toBe(first.csrf);
    expect(first.html).not.toMatch(/csrf[0-9a-f]{24}|token[0-9a-f]{24}/);
    expect(tokensOut(second.html, second.csrf, 'no-token')).toBe(
      tokensOut(first.html, first.csrf, 'no-token'),
    );
    expect(cheerio.load(first.html)('a[href^="/t/ruby/"]').length).toBeGreaterThan(1);
    t.deps.services.organisationChanges.changePlacement(
      'ruby',
      { name: 'Ruby Ward (renamed)' },
      '2027-01-01',
      null,
    );
    expect((await open()).html).toContain('Ruby Ward (renamed)');
  });

  it('shows a team under its new name from the day it is renamed', async () => {
    const t = buildTestApp({ now: '2027-01-01T10:00:00Z' });
    expect((await openSurvey(t.app, 'ruby')).html).toContain('Ruby Ward');
    t.deps.services.organisationChanges.changePlacement(
      'ruby',
      { name: 'Ruby Ward (older adults)' },
      '2027-01-01',
      null,
    );
    expect((await openSurvey(t.app, 'ruby')).html).toContain('Ruby Ward (older adults)');
  });
});
