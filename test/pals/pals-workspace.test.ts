import * as cheerio from 'cheerio';
import {
  buildTestApp,
  createStaffUser,
  giveFeedback,
  openSurvey,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

async function submit(t: TestApp, team: string, answers: Record<string, string>): Promise<number> {
  await giveFeedback(t.app, team, answers);
  return (t.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
}

async function palsOfficer(t: TestApp, email = 'pals@kmpt.example'): Promise<StaffAgent> {
  await createStaffUser(t, email, ['pals']);
  return signInStaff(t, email);
}

const auditRows = (t: TestApp, action: string) =>
  t.deps.db
    .prepare('SELECT object_id AS objectId, details FROM audit_events WHERE action = :action ORDER BY id')
    .all({ action }) as { objectId: string | null; details: string }[];

const statusOf = (t: TestApp, commentId: number) =>
  (
    t.deps.db
      .prepare('SELECT status FROM comment_reviews WHERE comment_id = :commentId')
      .get({ commentId }) as {
      status: string;
    }
  ).status;

async function csrfFrom(staff: StaffAgent, path: string): Promise<string> {
  const page = await staff.agent.get(path).expect(200);
  return cheerio.load(page.text)('form[method=post] input[name=_csrf]').first().val() as string;
}

describe('PALS workspace: who may read comments', () => {
  it('refuses raw comments to quality staff without the PALS role (403), and audits nothing', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '1', what_good: 'Kind staff' });
    await createStaffUser(t, 'quality@kmpt.example', ['quality']);
    const quality = await signInStaff(t, 'quality@kmpt.example');
    await quality.agent.get('/staff/pals/comments').expect(403);
    await quality.agent.get(`/staff/pals/comments/${id}`).expect(403);
    await quality.agent.get('/staff/pals/flags/1').expect(403);
    expect(auditRows(t, 'comment.viewed')).toEqual([]);
  });
});

describe('PALS inbox', () => {
  it('lists comments with their context, and audits the list with its filters and the ids shown', async () => {
    const t = buildTestApp();
    const first = await submit(t, 'amberwood', { fft: '1', what_good: 'The nurses were kind' });
    const second = await submit(t, 'cherrywood', { fft: '5', could_improve: 'The food was awful' });
    const staff = await palsOfficer(t);
    const res = await staff.agent.get('/staff/pals/comments').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('Comments');
    expect($('.app-inbox tbody tr')).toHaveLength(2);
    expect($('.app-inbox').text()).toContain('Amberwood Ward');
    expect($('.app-inbox').text()).toContain('The food was awful');
    const audit = auditRows(t, 'comment.list_viewed');
    expect(audit).toHaveLength(1);
    expect((JSON.parse(audit[0]!.details) as { shown: string }).shown).toBe(`${second},${first}`);
  });

  it('filters by FFT answer, status and sentiment', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '1', what_good: 'The nurses were kind and helpful' });
    await submit(t, 'amberwood', { fft: '5', could_improve: 'The food was awful' });
    const staff = await palsOfficer(t);
    const rowsOf = async (query: string) =>
      cheerio
        .load((await staff.agent.get(`/staff/pals/comments?${query}`).expect(200)).text)('.app-comment-text')
        .map((_i, el) => cheerio.load(el).text())
        .get();
    expect(await rowsOf('fftCode=5')).toEqual(['The food was awful']);
    expect(await rowsOf('sentiment=positive')).toEqual(['The nurses were kind and helpful']);
    expect(await rowsOf('status=closed')).toEqual([]);
    expect(await rowsOf('status=new')).toHaveLength(2);
  });

  it('highlights search matches in escaped text: <mark> around the term and no script element', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', {
      fft: '4',
      could_improve: 'The <script>alert(1)</script> garden was locked',
    });
    await submit(t, 'amberwood', { fft: '1', what_good: 'Lovely staff' });
    const staff = await palsOfficer(t);
    const res = await staff.agent.get('/staff/pals/comments?search=garden').expect(200);
    const $ = cheerio.load(res.text);
    expect($('.app-inbox tbody tr')).toHaveLength(1);
    expect($('.app-inbox mark').text()).toBe('garden');
    expect($('.app-inbox script')).toHaveLength(0);
    expect($('.app-inbox .app-comment-text').text()).toBe('The <script>alert(1)</script> garden was locked');
  });

  it('reports a date that is not real against its field, with the error summary first', async () => {
    const t = buildTestApp();
    const staff = await palsOfficer(t);
    const res = await staff.agent.get('/staff/pals/comments?from=2026-13-45').expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: Comments/);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#from');
  });

  it('pages with previous and next links that keep the filters', async () => {
    const t = buildTestApp();
    for (let i = 0; i < 26; i += 1) await submit(t, 'amberwood', { fft: '2', what_good: `Good visit ${i}` });
    const staff = await palsOfficer(t);
    const first = cheerio.load((await staff.agent.get('/staff/pals/comments?fftCode=2').expect(200)).text);
    expect(first('.app-inbox tbody tr')).toHaveLength(25);
    const next = first('.nhsuk-pagination__link--next').attr('href')!;
    expect(next).toBe('/staff/pals/comments?fftCode=2&page=2');
    const second = cheerio.load((await staff.agent.get(next).expect(200)).text);
    expect(second('.app-inbox tbody tr')).toHaveLength(1);
    expect(second('.nhsuk-pagination__link--prev').attr('href')).toBe('/staff/pals/comments?fftCode=2');
  });

  it('marks several comments reviewed and adds a theme to several, audited', async () => {
    const t = buildTestApp();
    const a = await submit(t, 'amberwood', { fft: '1', what_good: 'Kind staff' });
    const b = await submit(t, 'amberwood', { fft: '1', what_good: 'Clean ward' });
    const c = await submit(t, 'amberwood', { fft: '1', what_good: 'Nice food' });
    const staff = await palsOfficer(t);
    const csrf = await csrfFrom(staff, '/staff/pals/comments');
    await staff.agent
      .post('/staff/pals/comments/bulk')
      .type('form')
      .send({ _csrf: csrf, action: 'reviewed', [`comment-${a}`]: 'yes', [`comment-${b}`]: 'yes' })
      .expect(303)
      .expect('Location', '/staff/pals/comments');
    expect([statusOf(t, a), statusOf(t, b), statusOf(t, c)]).toEqual(['reviewed', 'reviewed', 'new']);
    const food = (t.deps.db.prepare("SELECT id FROM themes WHERE code = 'food'").get() as { id: number }).id;
    await staff.agent
      .post('/staff/pals/comments/bulk')
      .type('form')
      .send({
        _csrf: csrf,
        action: 'theme',
        theme: String(food),
        [`comment-${b}`]: 'yes',
        [`comment-${c}`]: 'yes',
        returnTo: '/staff/pals/comments?status=new',
      })
      .expect(303)
      .expect('Location', '/staff/pals/comments?status=new');
    expect(
      t.deps.db.prepare('SELECT comment_id AS id FROM comment_themes ORDER BY comment_id').all(),
    ).toEqual([{ id: b }, { id: c }]);
    expect(auditRows(t, 'comment.status').map((r) => r.objectId)).toEqual([String(a), String(b)]);
    expect(auditRows(t, 'comment.themes').map((r) => r.objectId)).toEqual([String(b), String(c)]);
  });
});

describe('PALS comment page', () => {
  it('shows the text escaped with its context, offers only the allowed statuses, and audits the view', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '4', could_improve: 'Line one\nLine <b>two</b>' });
    const staff = await palsOfficer(t);
    const res = await staff.agent.get(`/staff/pals/comments/${id}`).expect(200);
    const $ = cheerio.load(res.text);
    expect($('blockquote.app-comment-text').text()).toBe('Line one\nLine <b>two</b>');
    expect($('blockquote b')).toHaveLength(0);
    expect(
      $('input[name=status]')
        .map((_i, el) => $(el).val())
        .get(),
    ).toEqual(['reviewed', 'closed']);
    expect($('.nhsuk-summary-list').text()).toContain('Amberwood Ward');
    expect(auditRows(t, 'comment.viewed').map((r) => r.objectId)).toEqual([String(id)]);
    await staff.agent.get('/staff/pals/comments/999999').expect(404);
  });

  it('moves the status on and refuses a move that is not allowed, with an error', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '4', could_improve: 'Slow replies' });
    const staff = await palsOfficer(t);
    const csrf = await csrfFrom(staff, `/staff/pals/comments/${id}`);
    const refused = await staff.agent
      .post(`/staff/pals/comments/${id}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'actioned' })
      .expect(400);
    const $ = cheerio.load(refused.text);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#status');
    expect($('.nhsuk-error-summary').text()).toContain('A new comment cannot be marked actioned');
    expect(statusOf(t, id)).toBe('new');
    await staff.agent
      .post(`/staff/pals/comments/${id}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'reviewed' })
      .expect(303)
      .expect('Location', `/staff/pals/comments/${id}`);
    expect(statusOf(t, id)).toBe('reviewed');
    const after = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    expect(after('.nhsuk-summary-list').text()).toContain('Reviewed');
    expect(after('.nhsuk-summary-list').text()).toContain('pals@kmpt.example');
  });

  it('sets themes, confirms the sentiment, sets the owner and adds a note', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '1', what_good: 'The food was great' });
    const staff = await palsOfficer(t);
    const officer = t.deps.services.staff.users.findByEmail('pals@kmpt.example')!.id;
    const csrf = await csrfFrom(staff, `/staff/pals/comments/${id}`);
    const themeId = (code: string) =>
      (t.deps.db.prepare('SELECT id FROM themes WHERE code = :code').get({ code }) as { id: number }).id;
    const post = (path: string, fields: Record<string, string>) =>
      staff.agent
        .post(`/staff/pals/comments/${id}/${path}`)
        .type('form')
        .send({ _csrf: csrf, ...fields });
    await post('themes', {
      [`theme-${themeId('food')}`]: 'yes',
      [`theme-${themeId('praise')}`]: 'yes',
    }).expect(303);
    await post('sentiment', { sentiment: 'mixed' }).expect(303);
    await post('owner', { owner: String(officer) }).expect(303);
    await post('notes', { note: 'Shared with the catering lead' }).expect(303);
    const empty = await post('notes', { note: '  ' }).expect(400);
    expect(cheerio.load(empty.text)('.nhsuk-error-summary a').attr('href')).toBe('#note');
    await post('owner', { owner: '424242' }).expect(400);

    const $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    expect($('input[name^=theme-]:checked').length).toBe(2);
    expect($('input[name=sentiment]:checked').val()).toBe('mixed');
    expect($('#owner option:selected').text()).toBe('pals@kmpt.example');
    expect($('.nhsuk-inset-text').text()).toContain('Shared with the catering lead');
    expect(
      t.deps.db
        .prepare('SELECT sentiment, owner_user_id AS owner FROM comment_reviews WHERE comment_id = :id')
        .get({ id }),
    ).toEqual({ sentiment: 'mixed', owner: officer });
    for (const action of ['comment.themes', 'comment.sentiment', 'comment.owner', 'comment.note']) {
      expect(auditRows(t, action).map((r) => r.objectId)).toEqual([String(id)]);
    }
    // A view is recorded for each page that showed the text (the first, the two with errors, the last), not for
    // the actions in between.
    expect(auditRows(t, 'comment.viewed')).toHaveLength(4);
  });
});

describe('same-day review', () => {
  it('shows open flags, oldest first with their age, at the top of every PALS page', async () => {
    const t = buildTestApp();
    const older = await submit(t, 'amberwood', { fft: '5', could_improve: 'I want to end it all' });
    t.clock.advance(3 * 3_600_000);
    await submit(t, 'cherrywood', { fft: '4', could_improve: 'A member of staff hit me' });
    t.clock.advance(60 * 60_000);
    const staff = await palsOfficer(t);
    for (const path of ['/staff/pals/comments', `/staff/pals/comments/${older}`, '/staff/pals/flags/1']) {
      const $ = cheerio.load((await staff.agent.get(path).expect(200)).text);
      const panel = $('main #same-day-review');
      expect(panel.length).toBe(1);
      expect($('main').children().first().is('#same-day-review')).toBe(true);
      expect(panel.find('h2').text()).toBe('Same-day review (2)');
      const items = panel
        .find('li')
        .map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim())
        .get();
      expect(items[0]).toMatch(/^Self-harm or suicide: comment \d+, flagged 4 hours ago$/);
      expect(items[1]).toMatch(/^Abuse or neglect \(including by staff\): comment \d+, flagged 1 hour ago$/);
    }
  });

  it('needs an outcome, and a reference for an incident; a closed flag stays in the comment history', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '5', could_improve: 'I want to end it all' });
    const flagId = (t.deps.db.prepare('SELECT id FROM risk_flags').get() as { id: number }).id;
    const staff = await palsOfficer(t);
    const csrf = await csrfFrom(staff, `/staff/pals/flags/${flagId}`);
    const post = (fields: Record<string, string>) =>
      staff.agent
        .post(`/staff/pals/flags/${flagId}`)
        .type('form')
        .send({ _csrf: csrf, ...fields });

    let $ = cheerio.load((await post({}).expect(400)).text);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#outcome');
    expect($('.nhsuk-error-summary').text()).toContain('Select the outcome');

    $ = cheerio.load((await post({ outcome: 'incident_raised', incidentReference: ' ' }).expect(400)).text);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#incidentReference');
    expect($('input[name=outcome]:checked').val()).toBe('incident_raised');

    await post({ outcome: 'incident_raised', incidentReference: 'W123456' })
      .expect(303)
      .expect('Location', `/staff/pals/flags/${flagId}`);
    expect(t.deps.services.pals.openFlags()).toEqual([]);
    expect(auditRows(t, 'risk_flag.close')).toHaveLength(1);

    $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    expect($('#same-day-review h2').text()).toBe('Same-day review: nothing waiting');
    expect($('main table').last().text()).toContain('Incident raised (reference W123456)');
  });

  it('serves the flag page the notification links to', async () => {
    const t = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.example' } });
    await submit(t, 'amberwood', { fft: '4', could_improve: 'A member of staff hit me' });
    await new Promise((resolve) => setImmediate(resolve));
    const link = /https:\/\/feedback\.example(\/staff\/pals\/flags\/\d+)/.exec(
      t.logger.lines.join('\n'),
    )![1]!;
    const staff = await palsOfficer(t);
    const $ = cheerio.load((await staff.agent.get(link).expect(200)).text);
    expect($('h1').text()).toBe('Risk flag: Abuse or neglect (including by staff)');
    expect($('input[name=outcome]')).toHaveLength(4);
  });
});

describe('publication from the comment page', () => {
  it('asks for consent in the survey, unticked by default, and stores a yes as publish_consent', async () => {
    const t = buildTestApp();
    const form = await openSurvey(t.app, 'amberwood');
    const $ = cheerio.load(form.html);
    expect(
      $('input[name=publish_consent]')
        .map((_i, el) => $(el).val())
        .get(),
    ).toEqual(['yes', 'no']);
    expect($('input[name=publish_consent]:checked')).toHaveLength(0);
    expect($('#publish_consent-hint').text()).toContain('remove names');
    await submit(t, 'amberwood', { fft: '1', what_good: 'Kind staff', publish_consent: 'yes' });
    expect(
      t.deps.db.prepare("SELECT value FROM response_answers WHERE item_code = 'publish_consent'").all(),
    ).toEqual([{ value: 'yes' }]);
  });

  it('publishes only with consent, only from a team with 5 responses that month, as the redacted copy approved', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', {
      fft: '1',
      what_good: 'Nurse Sarah was wonderful, call me on 07700 900123',
      publish_consent: 'yes',
    });
    const staff = await palsOfficer(t);
    let $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    expect($('main').text()).toContain('fewer than 5 responses');
    const csrf = await csrfFrom(staff, `/staff/pals/comments/${id}`);
    const approve = (text: string) =>
      staff.agent
        .post(`/staff/pals/comments/${id}/publish`)
        .type('form')
        .send({ _csrf: csrf, redactedText: text });
    $ = cheerio.load((await approve('A nurse was wonderful').expect(400)).text);
    expect($('.nhsuk-error-summary').text()).toContain('fewer than 5 responses');

    for (let i = 0; i < 4; i += 1) await submit(t, 'amberwood', { fft: '2', what_good: `Good ${i}` });
    $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}/publish`).expect(200)).text);
    expect($('#redactedText').text()).toBe('Nurse [Name] was wonderful, call me on [Phone number]');
    $ = cheerio.load((await approve('  ').expect(400)).text);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#redactedText');
    await approve('A nurse was wonderful').expect(303).expect('Location', `/staff/pals/comments/${id}`);
    expect(
      t.deps.db.prepare('SELECT comment_id AS id, redacted_text AS text FROM comment_publications').all(),
    ).toEqual([{ id, text: 'A nurse was wonderful' }]);
    expect(auditRows(t, 'comment.published').map((r) => r.objectId)).toEqual([String(id)]);
  });

  it('withdraws a published copy at once: off the public page, kept for the record, audited', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', {
      fft: '1',
      what_good: 'Nurse Sarah was kind',
      publish_consent: 'yes',
    });
    for (let i = 0; i < 4; i += 1) await submit(t, 'amberwood', { fft: '2', what_good: `Good ${i}` });
    const staff = await palsOfficer(t);
    const csrf = await csrfFrom(staff, `/staff/pals/comments/${id}`);
    const publishPage = () => staff.agent.get(`/staff/pals/comments/${id}/publish`).expect(200);
    expect(cheerio.load((await publishPage()).text)('form[action$="/withdraw"]')).toHaveLength(0);
    const withdraw = () =>
      staff.agent.post(`/staff/pals/comments/${id}/withdraw`).type('form').send({ _csrf: csrf });
    await withdraw().expect(404);

    await staff.agent
      .post(`/staff/pals/comments/${id}/publish`)
      .type('form')
      .send({ _csrf: csrf, redactedText: 'A nurse was kind' })
      .expect(303);
    expect(t.deps.services.publications.approvedCopy(id)).toBe('A nurse was kind');
    expect(t.deps.services.publications.quoteChoices().map((q) => q.commentId)).toContain(id);
    expect(
      cheerio
        .load((await publishPage()).text)('form[action$="/withdraw"] button')
        .text()
        .trim(),
    ).toBe('Withdraw the published copy');

    await withdraw().expect(303).expect('Location', `/staff/pals/comments/${id}`);
    expect(t.deps.services.publications.approvedCopy(id)).toBeNull();
    expect(t.deps.services.publications.quoteChoices().map((q) => q.commentId)).not.toContain(id);
    expect(
      t.deps.db.prepare('SELECT redacted_text AS text, withdrawn_at AS at FROM comment_publications').all(),
    ).toEqual([{ text: 'A nurse was kind', at: '2026-11-23T10:00:00.000Z' }]);
    expect(auditRows(t, 'comment.publication_withdrawn').map((r) => r.objectId)).toEqual([String(id)]);
    await withdraw().expect(404);
  });

  it('refuses a comment whose author did not agree, even from a large team', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', { fft: '1', what_good: 'Lovely' });
    for (let i = 0; i < 5; i += 1) await submit(t, 'amberwood', { fft: '2', what_good: `Good ${i}` });
    const staff = await palsOfficer(t);
    const $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}/publish`).expect(200)).text);
    expect($('main').text()).toContain('The person did not agree to their comment being published');
    expect($('#redactedText')).toHaveLength(0);
    const csrf = await csrfFrom(staff, `/staff/pals/comments/${id}`);
    await staff.agent
      .post(`/staff/pals/comments/${id}/publish`)
      .type('form')
      .send({ _csrf: csrf, redactedText: 'Lovely' })
      .expect(400);
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM comment_publications').get()).toEqual({ n: 0 });
  });
});

describe('theme taxonomy admin', () => {
  it('lets an admin add, rename and deactivate themes (audited); PALS then choose from the active ones', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.example', ['admin']);
    const admin = await signInStaff(t, 'admin@kmpt.example');
    const csrf = await csrfFrom(admin, '/staff/admin/themes');
    const post = (path: string, fields: Record<string, string>) =>
      admin.agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...fields });

    let $ = cheerio.load((await post('/staff/admin/themes', { label: ' ' }).expect(400)).text);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#label');
    await post('/staff/admin/themes', { label: 'Peer support workers' })
      .expect(303)
      .expect('Location', '/staff/admin/themes');
    $ = cheerio.load((await post('/staff/admin/themes', { label: 'Peer support workers' }).expect(400)).text);
    expect($('.nhsuk-error-summary').text()).toContain('There is already a theme with this name');
    const theme = t.deps.db
      .prepare("SELECT id, code FROM themes WHERE code = 'peer_support_workers'")
      .get() as {
      id: number;
    };
    await post(`/staff/admin/themes/${theme.id}`, {
      action: 'rename',
      [`label-${theme.id}`]: 'Peer support',
    }).expect(303);
    const food = (t.deps.db.prepare("SELECT id FROM themes WHERE code = 'food'").get() as { id: number }).id;
    await post(`/staff/admin/themes/${food}`, { action: 'deactivate' }).expect(303);
    expect(
      t.deps.db
        .prepare('SELECT label, active FROM themes WHERE id IN (:a, :b) ORDER BY id')
        .all({ a: theme.id, b: food }),
    ).toEqual([
      { label: 'Food and drink', active: 0 },
      { label: 'Peer support', active: 1 },
    ]);
    expect(auditRows(t, 'theme.added')).toHaveLength(1);
    expect(auditRows(t, 'theme.renamed')).toHaveLength(1);
    expect(auditRows(t, 'theme.deactivated').map((r) => r.objectId)).toEqual([String(food)]);

    const id = await submit(t, 'amberwood', { fft: '1', what_good: 'Good' });
    const staff = await palsOfficer(t);
    $ = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    const labels = $('input[name^=theme-] + label')
      .map((_i, el) => $(el).text().trim())
      .get();
    expect(labels).toContain('Peer support');
    expect(labels).not.toContain('Food and drink');
    await staff.agent.get('/staff/admin/themes').expect(403);
  });
});
