import request from 'supertest';
import { buildTestApp, createStaffUser, giveFeedback, signInStaff, type TestApp } from '../support/test-app';

/**
 * Reliability proof 12: the security headers of each class of route, exactly. One policy for every page (no inline
 * script or style, nothing from another origin, no framing); `no-store` on everything except the versioned static
 * assets; nothing that names the framework; no stack traces (the error-page tests check the body).
 */
const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';manifest-src 'self';object-src 'none';base-uri 'none';form-action 'self';" +
  "frame-ancestors 'none'";

type Fetch = (t: TestApp) => Promise<request.Response>;

const anonymous =
  (path: string): Fetch =>
  (t) =>
    request(t.app).get(path);

const asQuality =
  (path: string): Fetch =>
  async (t) => {
    await createStaffUser(t, 'quality@kmpt.nhs.uk', ['quality']);
    const { agent } = await signInStaff(t, 'quality@kmpt.nhs.uk');
    return agent.get(path);
  };

const routeClasses: [string, number, Fetch][] = [
  ['team start page', 200, anonymous('/t/amberwood')],
  ['survey page', 200, anonymous('/t/amberwood/friends-family-carers')],
  [
    'thank-you page',
    200,
    async (t) => request(t.app).get(await giveFeedback(t.app, 'amberwood', { fft: '1' })),
  ],
  ['sign-in page', 200, anonymous('/staff/sign-in')],
  ['staff page', 200, asQuality('/staff')],
  ['CSV export', 200, asQuality('/staff/reports/export/responses.csv?month=2026-10')],
  ['not found', 404, anonymous('/no/such/page')],
  [
    'payload too large',
    413,
    (t) =>
      request(t.app)
        .post('/t/amberwood/friends-family-carers')
        .type('form')
        .send({ what_good: 'x'.repeat(300_000) }),
  ],
  [
    'server error',
    500,
    async (t) => {
      t.deps.db.close();
      return request(t.app).get('/t/amberwood');
    },
  ],
];

describe('security headers per route class (proof 12)', () => {
  it.each(routeClasses)('%s', async (_name, status, fetch) => {
    const t = buildTestApp({ env: { NODE_ENV: 'production' } });
    const res = await fetch(t);
    expect(res.status).toBe(status);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.text).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
  });

  it('lets the versioned static assets be cached, under the same policy', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/assets/css/app.css').expect(200);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers['cache-control']).not.toContain('no-store');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('adds HSTS and upgrade-insecure-requests when cookies are secure (served over TLS)', async () => {
    const t = buildTestApp({ env: { COOKIE_SECURE: 'true' } });
    const res = await request(t.app).get('/t/amberwood').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toBe(`${CSP};upgrade-insecure-requests`);
  });

  it('sends no HSTS over plain HTTP, where a browser would ignore it', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/t/amberwood').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
