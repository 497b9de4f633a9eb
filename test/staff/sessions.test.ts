import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, createStaffUser, signInStaff, TEST_PASSWORD, totpCode } from '../support/test-app';

const staffCookie = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('fb_staff='));

const csrfOf = (html: string) => cheerio.load(html)('input[name=_csrf]').first().val() as string;

describe('staff sessions', () => {
  it.each([
    [false, ''],
    [true, 'Secure'],
  ])(
    'sets an httpOnly, SameSite=Lax session cookie scoped to /staff without Expires (COOKIE_SECURE=%s)',
    async (secure, flag) => {
      const t = buildTestApp({ env: { COOKIE_SECURE: String(secure), TRUST_PROXY: '1' } });
      await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
      const page = await request(t.app).get('/staff/sign-in').set('X-Forwarded-Proto', 'https');
      const csrfCookie = (page.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
      const res = await request(t.app)
        .post('/staff/sign-in')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', csrfCookie)
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: 'a@kmpt.nhs.uk', password: TEST_PASSWORD })
        .expect(303);
      const cookie = staffCookie(res)!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/staff/);
      expect(cookie).not.toMatch(/Expires|Max-Age/);
      expect(/Secure/.test(cookie)).toBe(flag === 'Secure');
    },
  );

  it('never creates a session for public survey pages, which work as before', async () => {
    const t = buildTestApp();
    const page = await request(t.app).get('/t/amberwood').expect(200);
    expect(staffCookie(page)).toBeUndefined();
    const count = t.deps.db.prepare('SELECT count(*) AS n FROM staff_sessions').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('changes the session id at sign-in; the earlier id no longer works (fixation)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const agent = request.agent(t.app);
    const page = await agent.get('/staff/sign-in');
    const afterPassword = await agent
      .post('/staff/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'a@kmpt.nhs.uk', password: TEST_PASSWORD });
    const passwordCookie = staffCookie(afterPassword)!.split(';')[0]!;
    // A planted cookie is not adopted either.
    const planted = await request(t.app).get('/staff').set('Cookie', 'fb_staff=s%3Aattacker.sig').expect(303);
    expect(planted.headers.location).toBe('/staff/sign-in?returnTo=%2Fstaff');

    const second = await agent.get('/staff/two-factor');
    const secret = cheerio.load(second.text)('.app-secret code').text().replace(/\s/g, '');
    const done = await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(second.text), code: totpCode(t, secret) })
      .expect(303);
    const signedInCookie = staffCookie(done)!.split(';')[0]!;
    expect(signedInCookie).not.toBe(passwordCookie);
    await agent.get('/staff').expect(200);
    await request(t.app).get('/staff').set('Cookie', passwordCookie).expect(303);
    await request(t.app).get('/staff').set('Cookie', signedInCookie).expect(200);
  });

  it('signs out with a POST that destroys the session: the old cookie no longer works', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const { agent, csrf, cookies } = await signInStaff(t, 'a@kmpt.nhs.uk');
    await request(t.app).get('/staff').set('Cookie', cookies.session).expect(200);
    await agent
      .post('/staff/sign-out')
      .type('form')
      .send({ _csrf: await csrf() })
      .expect(303)
      .expect('Location', '/staff/sign-in');
    await agent.get('/staff').expect(303);
    await request(t.app).get('/staff').set('Cookie', cookies.session).expect(303);
    const actions = t.deps.db
      .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'sign_out'")
      .get() as {
      n: number;
    };
    expect(actions.n).toBe(1);
  });

  it('ends a session after 30 minutes without a request (idle timeout, injected clock)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const { agent } = await signInStaff(t, 'a@kmpt.nhs.uk');
    t.clock.advance(29 * 60_000);
    await agent.get('/staff').expect(200);
    t.clock.advance(29 * 60_000);
    await agent.get('/staff').expect(200);
    t.clock.advance(30 * 60_000 + 1);
    await agent.get('/staff').expect(303).expect('Location', '/staff/sign-in?returnTo=%2Fstaff');
  });

  it('ends a session 12 hours after sign-in even when it is in use (absolute lifetime)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const { agent } = await signInStaff(t, 'a@kmpt.nhs.uk');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      t.clock.advance(20 * 60_000);
      await agent.get('/staff').expect(200);
    }
    t.clock.advance(20 * 60_000);
    await agent.get('/staff').expect(303);
  });

  it('ends every session of a user who is disabled', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const victimId = await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const admin = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const first = await signInStaff(t, 'pals@kmpt.nhs.uk');
    const second = await signInStaff(t, 'pals@kmpt.nhs.uk');
    await first.agent.get('/staff').expect(200);
    await admin.agent
      .post(`/staff/admin/users/${victimId}/disable`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    await first.agent.get('/staff').expect(303);
    await second.agent.get('/staff').expect(303);
    const left = t.deps.db
      .prepare('SELECT count(*) AS n FROM staff_sessions WHERE user_id = :id')
      .get({ id: victimId }) as {
      n: number;
    };
    expect(left.n).toBe(0);
  });
});

describe('CSRF on staff forms', () => {
  const forms: [string, string][] = [
    ['sign-out', '/staff/sign-out'],
    ['change password', '/staff/account/password'],
    ['add user', '/staff/admin/users/new'],
    ['disable user', '/staff/admin/users/1/disable'],
    ['re-enable user', '/staff/admin/users/1/enable'],
    ['change roles', '/staff/admin/users/1/roles'],
    ['password link', '/staff/admin/users/1/password-link'],
    ['reset second factor', '/staff/admin/users/1/reset-two-factor'],
  ];

  it.each(forms)('%s: refuses no token, and a token from another session, with 403', async (_name, path) => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const mine = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const other = await signInStaff(t, 'admin@kmpt.nhs.uk');
    await mine.agent.post(path).type('form').send({}).expect(403);
    // The other session's token with its own CSRF cookie: only the session binding differs.
    const otherToken = await other.csrf();
    await request(t.app)
      .post(path)
      .set('Cookie', `${other.cookies.csrf}; ${mine.cookies.session}`)
      .type('form')
      .send({ _csrf: otherToken })
      .expect(403);
    await mine.agent.get('/staff').expect(200);
    // The same token on its own session is accepted past CSRF (so the 403 above is the binding at work).
    const accepted = await request(t.app)
      .post(path)
      .set('Cookie', `${other.cookies.csrf}; ${other.cookies.session}`)
      .type('form')
      .send({ _csrf: otherToken });
    expect(accepted.status).not.toBe(403);
  });

  it('refuses the second-factor form without a token', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const agent = request.agent(t.app);
    const page = await agent.get('/staff/sign-in');
    await agent
      .post('/staff/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'admin@kmpt.nhs.uk', password: TEST_PASSWORD })
      .expect(303);
    await agent.post('/staff/two-factor').type('form').send({ code: '123456' }).expect(403);
    // The sign-in page's token (from before the password step) no longer works for the bound session.
    await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: '123456' })
      .expect(403);
  });

  it('refuses the sign-in form without a token', async () => {
    const t = buildTestApp();
    await request(t.app)
      .post('/staff/sign-in')
      .type('form')
      .send({ email: 'a@b.c', password: 'x' })
      .expect(403);
  });
});

describe('staff page headers and logs', () => {
  it('sends no-store and the strict CSP on sign-in and staff pages', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const { agent } = await signInStaff(t, 'a@kmpt.nhs.uk');
    for (const res of [await request(t.app).get('/staff/sign-in'), await agent.get('/staff/admin/users')]) {
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('never logs passwords, one-time link tokens or session cookies', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const userId = await createStaffUser(t, 'b@kmpt.nhs.uk', ['viewer']);
    const { agent, csrf, cookies } = await signInStaff(t, 'a@kmpt.nhs.uk');
    const res = await agent
      .post(`/staff/admin/users/${userId}/password-link`)
      .type('form')
      .send({ _csrf: await csrf() });
    const link = cheerio.load(res.text)('#password-link code').text();
    const token = new URL(link).searchParams.get('token')!;
    await request(t.app).get(`/staff/password-link?token=${token}`).expect(200);
    const logs = t.logger.lines.join('\n');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain(cookies.session.split('=')[1]!);
  });
});
