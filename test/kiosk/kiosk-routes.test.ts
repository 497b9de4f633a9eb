import * as cheerio from 'cheerio';
import request from 'supertest';
import { SurveyVisitor } from '../support/survey-visitor';
import {
  buildTestApp,
  createStaffUser,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

const ADMIN = 'admin@kmpt.nhs.uk';

async function signedInAdmin(t: TestApp): Promise<StaffAgent> {
  await createStaffUser(t, ADMIN, ['admin']);
  return signInStaff(t, ADMIN);
}

async function addPoint(admin: StaffAgent, fields: Record<string, string>) {
  const page = await admin.agent.get('/staff/admin/collection-points/new').expect(200);
  const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
  return admin.agent
    .post('/staff/admin/collection-points/new')
    .type('form')
    .send({ _csrf: csrf, 'survey-friends-family-carers': 'yes', ...fields });
}

const pointId = (t: TestApp, code: string) => t.deps.services.kiosk.pointByCode(code)!.id;

const responsesBy = (t: TestApp) =>
  t.deps.db.prepare('SELECT mode, collection_point_id AS pointId FROM responses ORDER BY id').all() as {
    mode: string;
    pointId: number | null;
  }[];

const auditActions = (t: TestApp) =>
  (t.deps.db.prepare('SELECT action FROM audit_events ORDER BY id').all() as { action: string }[]).map(
    (row) => row.action,
  );

/** A tablet enrolled for a new kiosk point: the admin's browser gets the kiosk cookie. */
async function enrolledKiosk(t: TestApp) {
  const admin = await signedInAdmin(t);
  await addPoint(admin, {
    team: 'amberwood',
    label: 'Day room tablet',
    code: 'amberwood-dayroom',
    mode: 'kiosk_tablet',
  }).then((res) => expect(res.status).toBe(303));
  const res = await admin.agent
    .post(`/staff/admin/collection-points/${pointId(t, 'amberwood-dayroom')}/enrol`)
    .type('form')
    .send({ _csrf: await admin.csrf() })
    .expect(303);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
    c.startsWith('kiosk_device='),
  )!;
  return { admin, cookie, credential: cookie.split(';')[0]! };
}

describe('collection points: admin pages', () => {
  it('adds a QR point whose public address tags responses with its mode and collection point', async () => {
    const t = buildTestApp();
    const admin = await signedInAdmin(t);
    const added = await addPoint(admin, {
      team: 'amberwood',
      label: 'Reception leaflet',
      code: 'amberwood-leaflet',
      mode: 'online_link',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/staff/admin/collection-points');
    const list = cheerio.load((await admin.agent.get('/staff/admin/collection-points').expect(200)).text);
    expect(list('#point-amberwood-leaflet').text()).toContain('http://localhost:3000/c/amberwood-leaflet');

    const v = new SurveyVisitor(t.app);
    expect((await v.open('/c/amberwood-leaflet')).headers.location).toBe(
      '/c/amberwood-leaflet/friends-family-carers',
    );
    await v.open('/c/amberwood-leaflet/friends-family-carers');
    let next = await v.next('/c/amberwood-leaflet/friends-family-carers', { fft: '1' });
    while (!next.endsWith('/thank-you')) next = await v.next(next, { skip: 'yes' });
    expect(next).toBe('/c/amberwood-leaflet/thank-you');
    expect(responsesBy(t)).toEqual([{ mode: 'online_link', pointId: pointId(t, 'amberwood-leaflet') }]);
    expect(auditActions(t)).toContain('collection_point.created');
  });

  it('re-renders the form with an error summary when the code is not valid', async () => {
    const t = buildTestApp();
    const admin = await signedInAdmin(t);
    const res = await addPoint(admin, {
      team: 'amberwood',
      label: 'Tablet',
      code: 'Bad Code',
      mode: 'online_qr',
    });
    expect(res.status).toBe(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#code');
    expect($('#label').val()).toBe('Tablet');
  });

  it('retires a point: its address then points to the team link, and its history stays', async () => {
    const t = buildTestApp();
    const admin = await signedInAdmin(t);
    await addPoint(admin, {
      team: 'amberwood',
      label: 'Leaflet',
      code: 'amberwood-leaflet',
      mode: 'online_qr',
    });
    await admin.agent
      .post(`/staff/admin/collection-points/${pointId(t, 'amberwood-leaflet')}/retire`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    const res = await request(t.app).get('/c/amberwood-leaflet').expect(410);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('This feedback link is no longer used');
    expect($('a[href="/t/amberwood"]').length).toBe(1);
    expect(t.deps.services.kiosk.pointByCode('amberwood-leaflet')!.retiredAt).not.toBeNull();
    expect(auditActions(t)).toContain('collection_point.retired');
  });

  it('keeps the pages to admins', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const pals = await signInStaff(t, 'pals@kmpt.nhs.uk');
    await pals.agent.get('/staff/admin/collection-points').expect(403);
    await pals.agent.get('/staff/admin/kiosks').expect(403);
    await request(t.app).get('/staff/admin/kiosks').expect(303);
  });
});

describe('QR address', () => {
  it('/q/<team> runs the team survey with mode online_qr', async () => {
    const t = buildTestApp();
    const v = new SurveyVisitor(t.app);
    await v.open('/q/amberwood/friends-family-carers');
    let next = await v.next('/q/amberwood/friends-family-carers', { fft: '2' });
    while (!next.endsWith('/thank-you')) next = await v.next(next, { skip: 'yes' });
    expect(next).toBe('/q/amberwood/thank-you');
    expect(responsesBy(t)).toEqual([{ mode: 'online_qr', pointId: null }]);
  });
});

describe('kiosks', () => {
  it('an unenrolled device gets a friendly page', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/kiosk').expect(403);
    expect(cheerio.load(res.text)('h1').text()).toBe('This tablet is not set up for feedback');
  });

  it('enrolment sets a long-lived httpOnly kiosk cookie; the kiosk asks one question per screen', async () => {
    const t = buildTestApp();
    const { cookie, credential } = await enrolledKiosk(t);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=34560000/);
    expect(auditActions(t)).toContain('kiosk.enrolled');

    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', credential);
    const start = await kiosk.open('/kiosk');
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe('/kiosk/friends-family-carers');
    const first = await kiosk.open('/kiosk/friends-family-carers');
    const $ = cheerio.load(first.text);
    expect($('body').attr('data-kiosk-idle')).toBe('90');
    expect($('body').attr('data-kiosk-countdown')).toBe('45');
    expect($('#kiosk-timeout-dialog').length).toBe(1);
    expect($('fieldset, .nhsuk-character-count').length).toBe(1);
    expect($('.nhsuk-header__navigation, .app-staff-navigation').length).toBe(0);
    // Without JavaScript the page returns to the start after the idle time and the countdown.
    expect(first.text).toContain('<noscript><meta http-equiv="refresh" content="135;url=/kiosk"></noscript>');

    let next = await kiosk.next('/kiosk/friends-family-carers', { fft: '1' });
    while (!next.endsWith('/thank-you')) next = await kiosk.next(next, { skip: 'yes' });
    expect(next).toBe('/kiosk/thank-you');
    const thanks = cheerio.load((await kiosk.open('/kiosk/thank-you')).text);
    expect(thanks('body').attr('data-kiosk-return-after')).toBe('20');
    expect(thanks('a.nhsuk-button').text().trim()).toBe('Finish');
    expect(responsesBy(t)).toEqual([{ mode: 'kiosk_tablet', pointId: pointId(t, 'amberwood-dayroom') }]);
  });

  it('gives each kiosk page its own title: "Question N of M" first, the "Error: " prefix kept', async () => {
    const t = buildTestApp();
    const { credential } = await enrolledKiosk(t);
    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', credential);
    const titleOf = async (path: string) =>
      cheerio
        .load((await kiosk.open(path)).text)('head title')
        .first()
        .text();
    const first = await titleOf('/kiosk/friends-family-carers');
    expect(first).toMatch(/^Question 1 of (\d+): .+ - Amberwood Ward - .+ - NHS$/);
    const total = /of (\d+)/.exec(first)![1];
    expect(await kiosk.next('/kiosk/friends-family-carers', { fft: '1' })).toBe(
      '/kiosk/friends-family-carers/2',
    );
    const second = await titleOf('/kiosk/friends-family-carers/2');
    expect(second).toMatch(new RegExp(`^Question 2 of ${total}: .+ - Amberwood Ward - `));
    expect(second).not.toBe(first);
    const invalid = await kiosk.agent
      .post('/kiosk/friends-family-carers')
      .type('form')
      .send({ _csrf: kiosk.csrf, token: kiosk.token })
      .expect(400);
    expect(cheerio.load(invalid.text)('title').first().text()).toMatch(/^Error: Question 1 of /);
  });

  it('reset discards the unsent answers on the server, rotates the cookies and says so', async () => {
    const t = buildTestApp();
    const { credential } = await enrolledKiosk(t);
    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', credential);
    await kiosk.open('/kiosk/friends-family-carers');
    await kiosk.next('/kiosk/friends-family-carers', { fft: '1', what_good: 'The nurses were kind' });
    const drafts = () =>
      (t.deps.db.prepare('SELECT count(*) AS n FROM survey_drafts').get() as { n: number }).n;
    expect(drafts()).toBe(1);

    const reset = await kiosk.send('/kiosk/reset');
    expect(reset.status).toBe(303);
    expect(reset.headers.location).toBe('/kiosk?cleared=1');
    const cookies = (reset.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(/survey_draft=;/);
    expect(cookies).toMatch(/fb_csrf=/);
    expect(drafts()).toBe(0);

    const again = await kiosk.open('/kiosk?cleared=1');
    const first = await kiosk.open(again.headers.location as string);
    const $ = cheerio.load(first.text);
    expect($('main [role=status]').text()).toContain('We cleared the form to protect your privacy');
    expect(first.text).not.toContain('The nurses were kind');
    expect($('input[type=radio]:checked').length).toBe(0);
  });

  it('records heartbeats; admins see last contact, responses today and silent kiosks in words', async () => {
    const t = buildTestApp({ env: { KIOSK_SILENT_AFTER_MINUTES: '15' } });
    const { admin, credential } = await enrolledKiosk(t);
    let page = cheerio.load((await admin.agent.get('/staff/admin/kiosks').expect(200)).text);
    expect(page('tbody tr').first().text()).toContain('Never');
    expect(page('.nhsuk-tag').text()).toBe('Silent');

    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', credential);
    await kiosk.open('/kiosk/friends-family-carers');
    expect((await kiosk.send('/kiosk/heartbeat')).status).toBe(204);
    page = cheerio.load((await admin.agent.get('/staff/admin/kiosks').expect(200)).text);
    expect(page('tbody tr').first().text()).toContain('23 Nov 2026, 10:00');
    expect(page('.nhsuk-tag').text()).toBe('In contact');

    t.clock.advance(16 * 60_000);
    page = cheerio.load((await admin.agent.get('/staff/admin/kiosks').expect(200)).text);
    expect(page('.nhsuk-tag').text()).toBe('Silent');
    expect(page('.nhsuk-warning-callout').text()).toContain('1 kiosk is silent');
  });

  it('clears the large-text option at the start and on reset: the next person starts at the standard size', async () => {
    const t = buildTestApp();
    const { credential } = await enrolledKiosk(t);
    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', `${credential}; text_size=large`);
    const page = cheerio.load((await kiosk.open('/kiosk/friends-family-carers')).text);
    expect(page('html').hasClass('app-large-text')).toBe(true);
    expect(page('form.app-text-size button').text().trim()).toBe('Standard text size');
    const cleared = /text_size=; Max-Age=0/;
    const reset = await kiosk.send('/kiosk/reset');
    expect(reset.status).toBe(303);
    expect((reset.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(cleared);
    const start = await kiosk.agent.get('/kiosk').expect(303);
    expect((start.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(cleared);
  });

  it('does not count heartbeats or privacy resets toward the per-address submission limit', async () => {
    const t = buildTestApp({ env: { SUBMIT_RATE_LIMIT: '10' } });
    const { credential } = await enrolledKiosk(t);
    const kiosk = new SurveyVisitor(t.app);
    kiosk.agent.set('Cookie', credential);
    await kiosk.open('/kiosk/friends-family-carers');
    for (let beat = 0; beat < 12; beat += 1) expect((await kiosk.send('/kiosk/heartbeat')).status).toBe(204);
    // Each reset rotates the CSRF cookie, so the page is opened again after each, as the kiosk does.
    for (let reset = 0; reset < 12; reset += 1) {
      expect((await kiosk.send('/kiosk/reset')).status).toBe(303);
      await kiosk.open('/kiosk/friends-family-carers');
    }
    expect(await kiosk.next('/kiosk/friends-family-carers', { fft: '1' })).toBe(
      '/kiosk/friends-family-carers/2',
    );
    // The limit still holds for submissions from the same address.
    for (let sent = 0; sent < 9; sent += 1) await kiosk.send('/kiosk/friends-family-carers');
    expect((await kiosk.send('/kiosk/friends-family-carers')).status).toBe(429);
  });

  it('revocation ends the kiosk at once', async () => {
    const t = buildTestApp();
    const { admin, credential } = await enrolledKiosk(t);
    const deviceId = t.deps.services.kiosk.statuses()[0]!.deviceId;
    await request(t.app).get('/kiosk').set('Cookie', credential).expect(303);
    await admin.agent
      .post(`/staff/admin/kiosks/${deviceId}/revoke`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    await request(t.app).get('/kiosk').set('Cookie', credential).expect(403);
    expect(auditActions(t)).toContain('kiosk.revoked');
  });
});
