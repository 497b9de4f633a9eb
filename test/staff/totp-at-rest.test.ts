import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, createStaffUser, signInStaff, TEST_PASSWORD, totpCode } from '../support/test-app';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);

const storedSecret = (t: ReturnType<typeof buildTestApp>, email: string) =>
  (
    t.deps.db.prepare('SELECT totp_secret AS s FROM users WHERE email = :email').get({ email }) as {
      s: string | null;
    }
  ).s;

/** Password step, then the second-factor page: returns the page and a function posting a code. */
async function startSignIn(t: ReturnType<typeof buildTestApp>, email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/staff/sign-in').expect(200);
  const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
  await agent
    .post('/staff/sign-in')
    .type('form')
    .send({ _csrf: csrf, email, password: TEST_PASSWORD })
    .expect(303);
  const second = await agent.get('/staff/two-factor').expect(200);
  const $ = cheerio.load(second.text);
  const postCode = (code: string) =>
    agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: $('input[name=_csrf]').val() as string, code });
  return { $, postCode };
}

describe('TOTP secrets at rest', () => {
  const databasePath = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'totp-rest-')), 'feedback.db');

  it('stores the second factor sealed, and the same key opens it after a restart', async () => {
    const file = databasePath();
    const t = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_A } });
    await createStaffUser(t, 'q@kmpt.nhs.uk', ['quality']);
    await signInStaff(t, 'q@kmpt.nhs.uk');
    const secret = t.deps.services.staff.users.findByEmail('q@kmpt.nhs.uk')!.totpSecret!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(storedSecret(t, 'q@kmpt.nhs.uk')).toMatch(/^sealed\.v1\./);
    expect(storedSecret(t, 'q@kmpt.nhs.uk')).not.toContain(secret);
    t.deps.db.close();

    const restarted = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_A } });
    restarted.clock.advance(60_000);
    const { postCode } = await startSignIn(restarted, 'q@kmpt.nhs.uk');
    await postCode(totpCode(restarted, secret)).expect(303).expect('Location', '/staff');
  });

  it('under another SECRET_KEY refuses codes but does not offer a new enrolment; recovery codes still work', async () => {
    const file = databasePath();
    const t = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_A } });
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const first = await signInStaff(t, 'pals@kmpt.nhs.uk');
    const codesPage = await first.agent.get('/staff/two-factor/recovery-codes').expect(200);
    const recoveryCode = cheerio.load(codesPage.text)('li code').first().text();
    const secret = t.deps.services.staff.users.findByEmail('pals@kmpt.nhs.uk')!.totpSecret!;
    t.deps.db.close();

    const rekeyed = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_B } });
    rekeyed.clock.advance(60_000);
    const user = rekeyed.deps.services.staff.users.findByEmail('pals@kmpt.nhs.uk')!;
    expect(user.twoFactorEnrolled).toBe(true);
    expect(user.totpSecret).toBeNull();

    const attempt = await startSignIn(rekeyed, 'pals@kmpt.nhs.uk');
    // No set-up key or QR code: a password alone must never enrol a new second factor.
    expect(attempt.$('.app-secret').length).toBe(0);
    expect(attempt.$('img[alt*="QR"]').length).toBe(0);
    await attempt.postCode(totpCode(rekeyed, secret)).expect(400);

    const again = await startSignIn(rekeyed, 'pals@kmpt.nhs.uk');
    await again.postCode(recoveryCode).expect(303).expect('Location', '/staff');
  });

  it('seals a secret stored in plain text before sealing existed, at start-up, keeping the replay guard', async () => {
    const file = databasePath();
    const t = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_A } });
    await createStaffUser(t, 'q@kmpt.nhs.uk', ['quality']);
    await signInStaff(t, 'q@kmpt.nhs.uk');
    const secret = t.deps.services.staff.users.findByEmail('q@kmpt.nhs.uk')!.totpSecret!;
    t.deps.db
      .prepare("UPDATE users SET totp_secret = :secret, totp_last_step = 99 WHERE email = 'q@kmpt.nhs.uk'")
      .run({ secret });
    t.deps.db.close();

    const restarted = buildTestApp({ databasePath: file, env: { SECRET_KEY: KEY_A } });
    expect(storedSecret(restarted, 'q@kmpt.nhs.uk')).toMatch(/^sealed\.v1\./);
    expect(restarted.deps.services.staff.users.findByEmail('q@kmpt.nhs.uk')).toMatchObject({
      totpSecret: secret,
      totpLastStep: 99,
    });
  });
});
