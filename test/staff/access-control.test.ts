import type { Express } from 'express';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { staffAuthRoutes, staffPermissions, safeReturnPath } from '../../src/staff/permissions';
import { roles, type Role } from '../../src/staff/roles';
import {
  buildTestApp,
  createStaffUser,
  giveFeedback,
  signInStaff,
  totpCode,
  type StaffAgent,
} from '../support/test-app';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  slash: boolean;
  rawPath?: string;
}

/** Every route registered on the real app, by walking Express 5's router stack. */
function registeredRoutes(app: Express): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          found.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, layer.slash ? prefix : prefix + (layer.rawPath ?? ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** The routes anyone may use. A new public route must be added here on purpose. */
const publicRoutes = [
  'GET /healthz',
  'POST /text-size',
  'GET /',
  'GET /accessibility',
  'GET /privacy',
  'GET /t/:teamCode',
  'GET /t/:teamCode/thank-you',
  'GET /t/:teamCode/:surveyCode',
  'POST /t/:teamCode/:surveyCode',
  'GET /t/:teamCode/:surveyCode/check',
  'POST /t/:teamCode/:surveyCode/check',
  'GET /t/:teamCode/:surveyCode/:step',
  'POST /t/:teamCode/:surveyCode/:step',
  'GET /you-said-we-did',
  'GET /posters/:teamCode',
  'GET /posters/:teamCode.svg',
  // A team's "You said, we did" poster: published entries only (docs/pals.md).
  'GET /posters/:teamCode/you-said-we-did',
  'GET /posters/points/:pointCode',
  'GET /posters/points/:pointCode.svg',
  // Collection points and kiosks (docs/kiosks.md); /kiosk answers only an enrolled device.
  'GET /q/:teamCode',
  'GET /q/:teamCode/thank-you',
  'GET /q/:teamCode/:surveyCode',
  'POST /q/:teamCode/:surveyCode',
  'GET /q/:teamCode/:surveyCode/check',
  'POST /q/:teamCode/:surveyCode/check',
  'GET /q/:teamCode/:surveyCode/:step',
  'POST /q/:teamCode/:surveyCode/:step',
  'GET /c/:pointCode',
  'GET /c/:pointCode/thank-you',
  'GET /c/:pointCode/:surveyCode',
  'POST /c/:pointCode/:surveyCode',
  'GET /c/:pointCode/:surveyCode/check',
  'POST /c/:pointCode/:surveyCode/check',
  'GET /c/:pointCode/:surveyCode/:step',
  'POST /c/:pointCode/:surveyCode/:step',
  'GET /kiosk',
  'POST /kiosk/reset',
  'POST /kiosk/heartbeat',
  'GET /kiosk/thank-you',
  'GET /kiosk/:surveyCode',
  'POST /kiosk/:surveyCode',
  'GET /kiosk/:surveyCode/check',
  'POST /kiosk/:surveyCode/check',
  'GET /kiosk/:surveyCode/:step',
  'POST /kiosk/:surveyCode/:step',
];

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** A real address for a route: each :parameter replaced by a sample value (any other parameter: 1). */
const samplePath = (path: string, userId: number) =>
  path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name === 'userId'
      ? String(userId)
      : ({
          mode: 'paper',
          date: '2026-11-02',
          teamCode: 'amberwood',
          surveyCode: 'friends-family-carers',
          step: '2',
          unitType: 'sites',
          unitCode: 'littlebrook',
        }[name] ?? '1'),
  );

describe('access control: every route is public, a sign-in step, or in the permission table', () => {
  const t = buildTestApp();
  const routes = registeredRoutes(t.app).map(key);

  it('finds the routes of the real app', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['GET /t/:teamCode', 'GET /staff', 'GET /staff/admin/audit']),
    );
  });

  it('lists every registered route as public, a sign-in step or a permission-table entry', () => {
    const listed = new Set([...publicRoutes, ...staffAuthRoutes.map(key), ...staffPermissions.map(key)]);
    expect(routes.filter((r) => !listed.has(r))).toEqual([]);
  });

  it('registers every permission-table entry (the table and the app agree)', () => {
    expect(staffPermissions.map(key).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('keeps every /staff route out of the public list', () => {
    expect(publicRoutes.filter((r) => r.split(' ')[1]!.startsWith('/staff'))).toEqual([]);
  });
});

describe('the route-by-role matrix', () => {
  const t = buildTestApp();
  const agents = new Map<Role, StaffAgent>();
  let adminId = 0;

  beforeAll(async () => {
    // Comment 1 with risk flag 1, for the PALS pages (:commentId and :flagId are 1 below).
    await giveFeedback(t.app, 'amberwood', { fft: '5', could_improve: 'I want to end it all' });
    // "You said, we did" entry 1, for its edit page.
    t.deps.services.publications.addEntry(
      {
        themeId: null,
        teamId: 1,
        directorateId: null,
        youSaid: 'More activities',
        weDid: 'A music group',
        status: 'planned',
        publishedOn: '2026-11-02',
      },
      { userId: null, email: null },
    );
    for (const role of roles) {
      const id = await createStaffUser(t, `${role}@kmpt.nhs.uk`, [role]);
      if (role === 'admin') adminId = id;
      agents.set(role, await signInStaff(t, `${role}@kmpt.nhs.uk`));
    }
  });

  const concrete = (path: string) => samplePath(path, adminId);

  it.each(staffPermissions.map((p) => [key(p), p] as const))(
    '%s: anonymous is sent to sign-in; roles outside the table get 403',
    async (_name, permission) => {
      const path = concrete(permission.path);
      const anonymous = request.agent(t.app);
      if (permission.method === 'GET') {
        await anonymous
          .get(path)
          .expect(303)
          .expect('Location', `/staff/sign-in?returnTo=${encodeURIComponent(path)}`);
      } else {
        const page = await anonymous.get('/staff/sign-in');
        const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
        await anonymous
          .post(path)
          .type('form')
          .send({ _csrf: csrf })
          .expect(303)
          .expect('Location', '/staff/sign-in');
      }
      for (const role of roles) {
        const { agent, csrf } = agents.get(role)!;
        const allowed = permission.roles.includes(role);
        if (permission.method === 'GET') {
          const res = await agent.get(path);
          if (allowed) {
            // The page itself, or (a survey page with no answers yet) a redirect within it, never to sign-in.
            if (res.status === 303) expect(res.headers.location).toMatch(/^\/staff\/responses\//);
            else expect(res.status).toBe(200);
          } else {
            expect(res.status).toBe(403);
            expect(cheerio.load(res.text)('h1').text()).toBe('You do not have access');
          }
        } else if (!allowed) {
          const res = await agent
            .post(path)
            .type('form')
            .send({ _csrf: await csrf() });
          expect(res.status).toBe(403);
          expect(cheerio.load(res.text)('h1').text()).toBe('You do not have access');
        }
      }
      // A 403 is not a sign-out: the user is still signed in.
      await agents.get('viewer')!.agent.get('/staff').expect(200);
    },
  );
});

describe('returning after sign-in', () => {
  it('goes back to the page that asked for sign-in', async () => {
    const t = buildTestApp();
    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const agent = request.agent(t.app);
    const redirect = await agent.get('/staff/admin/audit').expect(303);
    const page = await agent.get(redirect.headers.location!).expect(200);
    const $ = cheerio.load(page.text);
    expect($('input[name=returnTo]').val()).toBe('/staff/admin/audit');
    await agent
      .post('/staff/sign-in')
      .type('form')
      .send({
        _csrf: $('input[name=_csrf]').val(),
        email: 'admin@kmpt.nhs.uk',
        password: 'correct horse battery staple',
        returnTo: '/staff/admin/audit',
      })
      .expect(303);
    const second = cheerio.load((await agent.get('/staff/two-factor')).text);
    const secret = second('.app-secret code').text().replace(/\s/g, '');
    await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: second('input[name=_csrf]').val(), code: totpCode(t, secret) })
      .expect(303)
      .expect('Location', '/staff/two-factor/recovery-codes');
    const codes = cheerio.load((await agent.get('/staff/two-factor/recovery-codes').expect(200)).text);
    expect(codes('a.nhsuk-button').attr('href')).toBe('/staff/admin/audit');
  });

  it.each([
    ['/staff/admin/audit', '/staff/admin/audit'],
    ['/staff/admin/audit?action=sign_out', '/staff/admin/audit?action=sign_out'],
    ['https://evil.example/staff', undefined],
    ['//evil.example/staff', undefined],
    ['/staff//evil.example', undefined],
    ['/\\evil.example', undefined],
    ['/t/amberwood', undefined],
    ['/staff/sign-in', undefined],
    ['javascript:alert(1)', undefined],
    [42, undefined],
  ])('accepts only same-origin staff paths as returnTo: %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});

describe('every staff route refuses an expired session and a disabled user', () => {
  it.each([
    ['an idle session', 'idle'],
    ['a session past its absolute lifetime', 'absolute'],
    ['a disabled user', 'disabled'],
  ])('%s is sent to sign-in on every permission-table route', async (_name, kind) => {
    const t = buildTestApp();
    await createStaffUser(t, 'keeper@kmpt.nhs.uk', ['admin']);
    const userId = await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin', 'pals', 'quality', 'viewer']);
    const { agent, csrf } = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const token = await csrf();
    if (kind === 'idle') t.clock.advance(30 * 60_000 + 1);
    if (kind === 'absolute') {
      for (let i = 0; i < 35; i += 1) {
        t.clock.advance(20 * 60_000);
        await agent.get('/staff').expect(200);
      }
      t.clock.advance(20 * 60_000);
    }
    if (kind === 'disabled') t.deps.services.staff.users.setDisabled(userId, true);
    for (const permission of staffPermissions) {
      const path = samplePath(permission.path, userId);
      const res =
        permission.method === 'GET'
          ? await agent.get(path)
          : await agent.post(path).type('form').send({ _csrf: token });
      // A POST with the old session's token fails CSRF (403 form-expired) or goes to sign-in; never reaches a handler.
      if (permission.method === 'GET') {
        expect([res.status, res.headers.location]).toEqual([
          303,
          `/staff/sign-in?returnTo=${encodeURIComponent(path)}`,
        ]);
      } else {
        expect([303, 403]).toContain(res.status);
        if (res.status === 403)
          expect(cheerio.load(res.text)('h1').text()).toBe('Sorry, this form could not be sent');
      }
    }
    expect(t.deps.services.staff.users.findById(userId)!.totpSecret).not.toBeNull();
  });
});
