import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, createStaffUser, signInStaff, TEST_PASSWORD } from '../support/test-app';

type T = ReturnType<typeof buildTestApp>;

const auditRows = (t: T, action: string) =>
  t.deps.db
    .prepare(
      'SELECT actor_email AS actor, object_type AS objectType, object_id AS objectId, session_ref AS sessionRef, details FROM audit_events WHERE action = :action ORDER BY id',
    )
    .all({ action }) as {
    actor: string | null;
    objectType: string | null;
    objectId: string | null;
    sessionRef: string | null;
    details: string;
  }[];

async function adminSignedIn(t: T) {
  const adminId = await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
  return { adminId, ...(await signInStaff(t, 'admin@kmpt.nhs.uk')) };
}

describe('admin user management', () => {
  it('adds a user with roles and a directorate scope, and shows a one-time password link that works once', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const form = await admin.agent.get('/staff/admin/users/new').expect(200);
    const $ = cheerio.load(form.text);
    const scope = $('select#scope option')
      .map((_, el) => $(el).attr('value'))
      .get()
      .find((v) => v.startsWith('directorate:'))!;
    const created = await admin.agent
      .post('/staff/admin/users/new')
      .type('form')
      .send({ _csrf: $('input[name=_csrf]').val(), email: 'Viewer@KMPT.nhs.uk', roleViewer: 'yes', scope })
      .expect(201);
    const link = cheerio.load(created.text)('#password-link code').text();
    expect(link).toMatch(/^http:\/\/localhost:3000\/staff\/password-link\?token=[A-Za-z0-9_-]{43}$/);
    const user = t.deps.services.staff.users.findByEmail('viewer@kmpt.nhs.uk')!;
    expect(user.roles).toEqual([
      { role: 'viewer', directorateId: Number(scope.split(':')[1]), teamId: null },
    ]);
    expect(auditRows(t, 'user.created')[1]).toMatchObject({
      actor: 'admin@kmpt.nhs.uk',
      objectId: String(user.id),
    });

    const path = link.replace('http://localhost:3000', '');
    const visitor = request.agent(t.app);
    const page = await visitor.get(path).expect(200);
    const p = cheerio.load(page.text);
    const weak = await visitor
      .post('/staff/password-link')
      .type('form')
      .send({
        _csrf: p('input[name=_csrf]').val(),
        token: p('input[name=token]').val(),
        newPassword: 'password1234',
      })
      .expect(400);
    expect(cheerio.load(weak.text)('.nhsuk-error-summary a').attr('href')).toBe('#newPassword');
    await visitor
      .post('/staff/password-link')
      .type('form')
      .send({
        _csrf: p('input[name=_csrf]').val(),
        token: p('input[name=token]').val(),
        newPassword: 'a long and unusual passphrase',
      })
      .expect(303)
      .expect('Location', '/staff/sign-in');
    await visitor.get(path).expect(404);
    await signInStaff(t, 'viewer@kmpt.nhs.uk', 'a long and unusual passphrase');
    expect(auditRows(t, 'password.set_by_link')).toHaveLength(1);
  });

  it('refuses a password link after it has expired', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const userId = await createStaffUser(t, 'q@kmpt.nhs.uk', ['quality']);
    const res = await admin.agent
      .post(`/staff/admin/users/${userId}/password-link`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(200);
    const path = cheerio.load(res.text)('#password-link code').text().replace('http://localhost:3000', '');
    await request(t.app).get(path).expect(200);
    t.clock.advance(24 * 3_600_000 + 1);
    await request(t.app).get(path).expect(404);
    expect(auditRows(t, 'user.password_link_issued')).toHaveLength(1);
  });

  it('shows form errors for a missing email and no role, keeping what was typed', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const res = await admin.agent
      .post('/staff/admin/users/new')
      .type('form')
      .send({ _csrf: await admin.csrf(), email: 'not-an-email' })
      .expect(400);
    const $ = cheerio.load(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect(
      $('.nhsuk-error-summary a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['#email', '#roleAdmin']);
    expect($('input#email').val()).toBe('not-an-email');
  });

  it('never disables the last administrator', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const res = await admin.agent
      .post(`/staff/admin/users/${admin.adminId}/disable`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(409);
    expect(cheerio.load(res.text)('.nhsuk-error-summary').text()).toContain('last administrator');
    expect(t.deps.services.staff.users.findById(admin.adminId)!.disabled).toBe(false);
    await admin.agent.get('/staff').expect(200);
  });

  it('disables and re-enables a user, audited, and a disabled user cannot sign in', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const userId = await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    await admin.agent
      .post(`/staff/admin/users/${userId}/disable`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    const page = await request.agent(t.app).get('/staff/sign-in');
    const agent = request.agent(t.app);
    const signIn = await agent.get('/staff/sign-in');
    const refused = await agent
      .post('/staff/sign-in')
      .type('form')
      .send({
        _csrf: cheerio.load(signIn.text)('input[name=_csrf]').val(),
        email: 'pals@kmpt.nhs.uk',
        password: TEST_PASSWORD,
      })
      .expect(400);
    expect(cheerio.load(refused.text)('h1').text()).toBe(cheerio.load(page.text)('h1').text());
    await admin.agent
      .post(`/staff/admin/users/${userId}/enable`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    await signInStaff(t, 'pals@kmpt.nhs.uk');
    expect(auditRows(t, 'user.disabled')).toHaveLength(1);
    expect(auditRows(t, 'user.enabled')).toHaveLength(1);
    expect(auditRows(t, 'user.disabled')[0]!.sessionRef).toMatch(/^[0-9a-f]{16}$/);
  });

  it("resets a user's second factor: their sessions end and they enrol again at next sign-in", async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const userId = await createStaffUser(t, 'q@kmpt.nhs.uk', ['quality']);
    const user = await signInStaff(t, 'q@kmpt.nhs.uk');
    await admin.agent
      .post(`/staff/admin/users/${userId}/reset-two-factor`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    await user.agent.get('/staff').expect(303);
    expect(t.deps.services.staff.users.findById(userId)!.totpSecret).toBeNull();
    await signInStaff(t, 'q@kmpt.nhs.uk');
    expect(auditRows(t, 'two_factor.reset')).toHaveLength(1);
    expect(auditRows(t, 'two_factor.enrolled').filter((r) => r.actor === 'q@kmpt.nhs.uk')).toHaveLength(2);
  });

  it('lets a user change their own password (current password checked, common passwords refused)', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'v@kmpt.nhs.uk', ['viewer']);
    const { agent, csrf } = await signInStaff(t, 'v@kmpt.nhs.uk');
    const elsewhere = await signInStaff(t, 'v@kmpt.nhs.uk');
    const wrong = await agent
      .post('/staff/account/password')
      .type('form')
      .send({
        _csrf: await csrf(),
        currentPassword: 'not my password',
        newPassword: 'another long passphrase',
      })
      .expect(400);
    expect(cheerio.load(wrong.text)('.nhsuk-error-summary a').attr('href')).toBe('#currentPassword');
    const common = await agent
      .post('/staff/account/password')
      .type('form')
      .send({ _csrf: await csrf(), currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop123' })
      .expect(400);
    expect(cheerio.load(common.text)('.nhsuk-error-message').text()).toContain('too common');
    await agent
      .post('/staff/account/password')
      .type('form')
      .send({ _csrf: await csrf(), currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' })
      .expect(303);
    expect(auditRows(t, 'password.changed')).toHaveLength(1);
    // This session carries on; the user's other sessions end.
    await agent.get('/staff').expect(200);
    await elsewhere.agent.get('/staff').expect(303);
    await signInStaff(t, 'v@kmpt.nhs.uk', 'another long passphrase');
  });
});

describe('the audit log', () => {
  it('refuses UPDATE and DELETE on audit_events', () => {
    const t = buildTestApp();
    t.deps.services.audit.record({ actor: null, action: 'test.event' });
    expect(() => t.deps.db.prepare("UPDATE audit_events SET action = 'changed'").run()).toThrow(
      /append-only/,
    );
    expect(() => t.deps.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(auditRows(t, 'test.event')).toHaveLength(1);
  });

  it('records inside a caller transaction and rolls back with it', () => {
    const t = buildTestApp();
    const failing = t.deps.db.transaction(() => {
      t.deps.services.audit.record({
        actor: null,
        action: 'test.rolled_back',
        objectType: 'thing',
        objectId: 7,
      });
      throw new Error('the change failed');
    });
    expect(() => failing()).toThrow('the change failed');
    expect(auditRows(t, 'test.rolled_back')).toHaveLength(0);
  });

  it('records sign-in failures and successes without the password', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'a@kmpt.nhs.uk', ['admin']);
    const agent = request.agent(t.app);
    const page = await agent.get('/staff/sign-in');
    await agent
      .post('/staff/sign-in')
      .type('form')
      .send({
        _csrf: cheerio.load(page.text)('input[name=_csrf]').val(),
        email: 'a@kmpt.nhs.uk',
        password: 'my secret guess',
      })
      .expect(400);
    await signInStaff(t, 'a@kmpt.nhs.uk');
    expect(auditRows(t, 'sign_in.failed')).toHaveLength(1);
    expect(auditRows(t, 'sign_in.succeeded')).toHaveLength(1);
    const everything = JSON.stringify(t.deps.db.prepare('SELECT * FROM audit_events').all());
    expect(everything).not.toContain('my secret guess');
    expect(everything).not.toContain(TEST_PASSWORD);
    expect(t.logger.lines.join('\n')).not.toContain('my secret guess');
  });

  it('lets an admin filter the log by action and person', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    t.deps.services.audit.record({
      actor: { userId: 99, email: 'other@kmpt.nhs.uk' },
      action: 'comment.viewed',
      objectType: 'comment',
      objectId: 5,
    });
    const res = await admin.agent.get('/staff/admin/audit?action=comment.viewed').expect(200);
    const $ = cheerio.load(res.text);
    expect($('tbody tr')).toHaveLength(1);
    expect($('tbody tr td').eq(1).text()).toBe('other@kmpt.nhs.uk');
    const byPerson = cheerio.load(
      (await admin.agent.get('/staff/admin/audit?actor=admin%40kmpt.nhs.uk').expect(200)).text,
    );
    expect(
      byPerson('tbody tr td:nth-child(2)')
        .map((_, el) => byPerson(el).text())
        .get(),
    ).not.toContain('other@kmpt.nhs.uk');
    const bad = await admin.agent.get('/staff/admin/audit?from=yesterday').expect(400);
    expect(cheerio.load(bad.text)('.nhsuk-error-summary a').attr('href')).toBe('#from');
  });

  it('exports the filtered log as CSV with a BOM and neutralised formulas, and audits the export', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    t.deps.services.audit.record({
      actor: { userId: 99, email: '=cmd@kmpt.nhs.uk' },
      action: 'comment.viewed',
    });
    const res = await admin.agent
      .get('/staff/admin/audit.csv?action=comment.viewed')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'id,occurred_at,actor_user_id,actor_email,action,object_type,object_id,session_ref,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=cmd@kmpt.nhs.uk");
    const exported = auditRows(t, 'audit.exported');
    expect(exported).toHaveLength(1);
    expect(JSON.parse(exported[0]!.details)).toMatchObject({ rows: 1, action: 'comment.viewed' });
  });
});

describe('the public submission rate limit', () => {
  /** One address under a limit of 10 posts in 10 minutes, with a survey's first page open. */
  async function limitedVisitor() {
    const t = buildTestApp({ env: { SUBMIT_RATE_LIMIT: '10', SUBMIT_RATE_WINDOW_MINUTES: '10' } });
    const agent = request.agent(t.app);
    const page = await agent.get('/t/amberwood/friends-family-carers').expect(200);
    const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
    const send = (path = '/t/amberwood/friends-family-carers') =>
      agent.post(path).type('form').send({ _csrf: csrf, token: 'x' });
    return { t, agent, csrf, send };
  }

  it('gives a clear 429 "try again shortly" page beyond the limit, and resets after the window', async () => {
    const { t, agent, send } = await limitedVisitor();
    for (let i = 0; i < 10; i += 1) {
      const res = await send();
      expect(res.status).not.toBe(429);
    }
    const limited = await send().expect(429);
    const $ = cheerio.load(limited.text);
    expect($('h1').text()).toBe('Sorry, there have been too many attempts');
    expect($('main').text()).toContain('try again shortly');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Reading pages is never limited.
    await agent.get('/t/amberwood').expect(200);
    t.clock.advance(10 * 60_000);
    const after = await send();
    expect(after.status).not.toBe(429);
  });

  it('counts posts under /t only, not other addresses that start with the same letters', async () => {
    const { agent, csrf, send } = await limitedVisitor();
    for (let i = 0; i < 12; i += 1) {
      const res = await agent
        .post('/text-size')
        .type('form')
        .send({ _csrf: csrf, size: 'large', return: '/t/amberwood' });
      expect(res.status).toBe(303);
    }
    for (let i = 0; i < 10; i += 1) expect((await send()).status).not.toBe(429);
    // The same survey in capitals is routed to the same form, and counted with it.
    expect((await send('/T/amberwood/friends-family-carers')).status).toBe(429);
  });

  it('is generous by default: 600 submissions per 10 minutes per address', () => {
    const t = buildTestApp();
    expect(t.deps.config.SUBMIT_RATE_LIMIT).toBe(600);
    expect(t.deps.config.SUBMIT_RATE_WINDOW_MINUTES).toBe(10);
  });
});

describe("changing a user's roles", () => {
  it('replaces roles and scope (audited), and never takes the admin role from the last admin', async () => {
    const t = buildTestApp();
    const admin = await adminSignedIn(t);
    const userId = await createStaffUser(t, 'v@kmpt.nhs.uk', ['viewer']);
    const page = await admin.agent.get(`/staff/admin/users/${userId}`).expect(200);
    const $ = cheerio.load(page.text);
    expect($('input#roleViewer').attr('checked')).toBe('checked');
    const team = $('select#scope option')
      .map((_, el) => $(el).attr('value'))
      .get()
      .find((v) => v.startsWith('team:'))!;
    await admin.agent
      .post(`/staff/admin/users/${userId}/roles`)
      .type('form')
      .send({ _csrf: await admin.csrf(), rolePals: 'yes', roleQuality: 'yes', scope: team })
      .expect(303);
    const teamId = Number(team.split(':')[1]);
    expect(t.deps.services.staff.users.findById(userId)!.roles).toEqual([
      { role: 'pals', directorateId: null, teamId },
      { role: 'quality', directorateId: null, teamId },
    ]);
    expect(JSON.parse(auditRows(t, 'user.roles_changed')[0]!.details)).toEqual({
      roles: `pals@team:${teamId},quality@team:${teamId}`,
    });

    const none = await admin.agent
      .post(`/staff/admin/users/${userId}/roles`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(400);
    expect(cheerio.load(none.text)('.nhsuk-error-summary a').attr('href')).toBe('#roleAdmin');

    const last = await admin.agent
      .post(`/staff/admin/users/${admin.adminId}/roles`)
      .type('form')
      .send({ _csrf: await admin.csrf(), roleViewer: 'yes' })
      .expect(409);
    expect(cheerio.load(last.text)('.nhsuk-error-summary').text()).toContain('last administrator');
    expect(t.deps.services.staff.users.findById(admin.adminId)!.roles.map((g) => g.role)).toEqual(['admin']);
  });
});
