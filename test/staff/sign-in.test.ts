import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, createStaffUser, signInStaff, TEST_PASSWORD, totpCode } from '../support/test-app';

const auditActions = (t: ReturnType<typeof buildTestApp>) =>
  (t.deps.db.prepare('SELECT action FROM audit_events ORDER BY id').all() as { action: string }[]).map(
    (r) => r.action,
  );

async function postSignIn(agent: ReturnType<typeof request.agent>, email: string, password: string) {
  const page = await agent.get('/staff/sign-in').expect(200);
  const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
  return agent.post('/staff/sign-in').type('form').send({ _csrf: csrf, email, password });
}

describe('staff sign-in', () => {
  it('shows the NHS.UK sign-in form with username and current-password autocomplete, and no session cookie', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/staff/sign-in').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('Sign in');
    expect($('input#email').attr('autocomplete')).toBe('username');
    expect($('input#password').attr('autocomplete')).toBe('current-password');
    expect($('input#password').attr('onpaste')).toBeUndefined();
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('fb_staff');
  });

  it('signs in with password and an enrolled TOTP code, then shows the staff home page with a sign-out button', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const { agent } = await signInStaff(t, 'Admin@KMPT.nhs.uk');
    const home = await agent.get('/staff').expect(200);
    const $ = cheerio.load(home.text);
    expect($('h1').text()).toBe('Staff pages');
    expect($('form[action="/staff/sign-out"] button').text()).toContain('Sign out');
    expect(auditActions(t)).toEqual(
      expect.arrayContaining(['sign_in.password_ok', 'two_factor.enrolled', 'sign_in.succeeded']),
    );
  });

  it('enrolment shows a QR code image as a data: URL and the setup key as text', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'new@kmpt.nhs.uk', ['viewer']);
    const agent = request.agent(t.app);
    await postSignIn(agent, 'new@kmpt.nhs.uk', TEST_PASSWORD).then((r) => expect(r.status).toBe(303));
    const page = await agent.get('/staff/two-factor').expect(200);
    const $ = cheerio.load(page.text);
    expect($('h1').text()).toBe('Set up your authenticator app');
    expect($('img.app-qr-code').attr('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect($('.app-secret code').text().replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('refuses a wrong second-factor code with an error linked to the field, and stays signed out', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'new@kmpt.nhs.uk', ['viewer']);
    const agent = request.agent(t.app);
    await postSignIn(agent, 'new@kmpt.nhs.uk', TEST_PASSWORD);
    const page = await agent.get('/staff/two-factor');
    const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
    const res = await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrf, code: '000000' })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.nhsuk-error-summary a').attr('href')).toBe('#code');
    await agent.get('/staff').expect(303).expect('Location', '/staff/sign-in?returnTo=%2Fstaff');
    expect(auditActions(t)).toContain('two_factor.failed');
  });

  it('accepts a recovery code once, and refuses it the second time', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const first = await signInStaff(t, 'pals@kmpt.nhs.uk');
    const codesPage = await first.agent.get('/staff/two-factor/recovery-codes').expect(200);
    const codes = cheerio
      .load(codesPage.text)('li code')
      .map((_, el) => cheerio.load(el).text())
      .get();
    expect(codes).toHaveLength(10);
    // Shown once only.
    await first.agent.get('/staff/two-factor/recovery-codes').expect(303);

    const useCode = async () => {
      const agent = request.agent(t.app);
      await postSignIn(agent, 'pals@kmpt.nhs.uk', TEST_PASSWORD);
      const page = await agent.get('/staff/two-factor').expect(200);
      const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
      return agent.post('/staff/two-factor').type('form').send({ _csrf: csrf, code: codes[0] });
    };
    expect((await useCode()).status).toBe(303);
    expect((await useCode()).status).toBe(400);
    const methods = t.deps.db
      .prepare(
        "SELECT json_extract(details, '$.method') AS m FROM audit_events WHERE action = 'sign_in.succeeded'",
      )
      .all() as { m: string }[];
    expect(methods.map((r) => r.m)).toEqual(['totp', 'recovery_code']);
  });

  it('refuses a TOTP code already used (replay within its window)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'q@kmpt.nhs.uk', ['quality']);
    await signInStaff(t, 'q@kmpt.nhs.uk');
    const secret = t.deps.services.staff.users.findByEmail('q@kmpt.nhs.uk')!.totpSecret!;
    const agent = request.agent(t.app);
    await postSignIn(agent, 'q@kmpt.nhs.uk', TEST_PASSWORD);
    const page = await agent.get('/staff/two-factor');
    const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
    await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrf, code: totpCode(t, secret) })
      .expect(400);
  });

  it('gives the same page for an unknown email and a wrong password (no enumeration)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'known@kmpt.nhs.uk', ['admin']);
    const unknown = await postSignIn(request.agent(t.app), 'nobody@kmpt.nhs.uk', 'wrong password here');
    const wrong = await postSignIn(request.agent(t.app), 'known@kmpt.nhs.uk', 'wrong password here');
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const strip = (html: string) => {
      const $ = cheerio.load(html);
      $('input[name=_csrf], input[name=email]').remove();
      return $('main').html();
    };
    expect(strip(unknown.text)).toBe(strip(wrong.text));
    expect(cheerio.load(wrong.text)('.nhsuk-error-summary a').text().trim()).toBe(
      'Enter a correct email address and password',
    );
  });

  it('refuses a 50,000-character password quickly without hashing it as given', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'known@kmpt.nhs.uk', ['admin']);
    const res = await postSignIn(request.agent(t.app), 'known@kmpt.nhs.uk', 'x'.repeat(50_000));
    expect(res.status).toBe(400);
  });

  it('locks an account for 15 minutes after 10 consecutive failures, and the lock survives a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-lock-'));
    const databasePath = path.join(dir, 'feedback.db');
    const t = buildTestApp({ databasePath });
    await createStaffUser(t, 'lock@kmpt.nhs.uk', ['admin']);
    for (let i = 0; i < 10; i += 1)
      await postSignIn(request.agent(t.app), 'lock@kmpt.nhs.uk', 'wrong password here');
    t.deps.db.close();

    const restarted = buildTestApp({ databasePath });
    const refused = await postSignIn(request.agent(restarted.app), 'lock@kmpt.nhs.uk', TEST_PASSWORD);
    expect(refused.status).toBe(400);
    expect(cheerio.load(refused.text)('.nhsuk-error-summary a').text().trim()).toBe(
      'Enter a correct email address and password',
    );
    restarted.clock.advance(15 * 60_000 + 1);
    const allowed = await postSignIn(request.agent(restarted.app), 'lock@kmpt.nhs.uk', TEST_PASSWORD);
    expect(allowed.status).toBe(303);
    const actions = auditActions(restarted);
    expect(actions).toContain('user.locked');
    restarted.deps.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('limits failed attempts per client address with a 429 page', async () => {
    const t = buildTestApp({ env: { SIGN_IN_ADDRESS_LIMIT: '10' } });
    for (let i = 0; i < 10; i += 1)
      await postSignIn(request.agent(t.app), `n${i}@kmpt.nhs.uk`, 'wrong password here');
    const res = await postSignIn(request.agent(t.app), 'n@kmpt.nhs.uk', 'wrong password here');
    expect(res.status).toBe(429);
  });
});
