import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { createApp, type AppDeps } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { memoryLogger } from '../../src/logger';
import type { RoleGrant } from '../../src/staff/roles';
import { Secret, TOTP } from 'otpauth';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
  logger: ReturnType<typeof memoryLogger>;
}

/** The real app on a fresh in-memory database, with a clock the test controls. */
export function buildTestApp(
  options: { now?: string; env?: Record<string, string>; databasePath?: string } = {},
): TestApp {
  const clock = fixedClock(options.now ?? '2026-11-23T10:00:00Z');
  const logger = memoryLogger();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', ...options.env });
  const deps = bootstrap(config, clock, logger, openDatabase(options.databasePath ?? ':memory:'));
  return { app: createApp(deps), deps, clock, logger };
}

export interface OpenedForm {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  token: string;
  html: string;
}

/** Opens the first page of a team's survey as a browser would (cookies kept) and reads the hidden fields. */
export async function openSurvey(
  app: Express,
  teamCode: string,
  surveyCode = 'friends-family-carers',
): Promise<OpenedForm> {
  const agent = request.agent(app);
  const page = await agent.get(`/t/${teamCode}/${surveyCode}`).expect(200);
  const $ = cheerio.load(page.text);
  return {
    agent,
    csrf: $('input[name=_csrf]').val() as string,
    token: $('input[name=token]').val() as string,
    html: page.text,
  };
}

const counts = {
  responses: 'SELECT count(*) AS n FROM responses',
  comments: 'SELECT count(*) AS n FROM comments',
  response_answers: 'SELECT count(*) AS n FROM response_answers',
} as const;

export function countRows(deps: AppDeps, table: keyof typeof counts): number {
  return (deps.db.prepare(counts[table]).get() as { n: number }).n;
}

// --- Staff access (issue 4): create a user and sign in through the real pages, second factor included. ---

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a staff user with the given roles (the password step only; the second factor is enrolled at sign-in). */
export async function createStaffUser(
  t: TestApp,
  email: string,
  roles: RoleGrant['role'][],
  password = TEST_PASSWORD,
): Promise<number> {
  const created = await t.deps.services.staff.admin.createWithPassword({
    email,
    password,
    roles: roles.map((role) => ({ role, directorateId: null, teamId: null })),
  });
  return created.userId!;
}

/** The current TOTP code for a base32 secret at the test clock's time. */
export function totpCode(t: TestApp, secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: t.clock.now().getTime(),
  });
}

export interface StaffAgent {
  agent: ReturnType<typeof request.agent>;
  /** A CSRF token from a staff page of this session. */
  csrf: () => Promise<string>;
  /** The browser's cookies as `name=value` pairs: the CSRF cookie and the signed-in session cookie. */
  cookies: { csrf: string; session: string };
}

const cookieFrom = (res: { headers: Record<string, unknown> }, name: string) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

/**
 * Signs in through /staff/sign-in and /staff/two-factor as a browser would. Enrols the second factor on first
 * sign-in (reading the setup key from the page); later sign-ins move the clock 30 seconds so the code is fresh.
 */
export async function signInStaff(t: TestApp, email: string, password = TEST_PASSWORD): Promise<StaffAgent> {
  const agent = request.agent(t.app);
  const page = await agent.get('/staff/sign-in').expect(200);
  const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string;
  await agent
    .post('/staff/sign-in')
    .type('form')
    .send({ _csrf: csrf, email, password })
    .expect(303)
    .expect('Location', '/staff/two-factor');
  const second = await agent.get('/staff/two-factor').expect(200);
  const $ = cheerio.load(second.text);
  const shown = $('.app-secret code').text().replace(/\s/g, '');
  const user = t.deps.services.staff.users.findByEmail(email)!;
  if (!shown) t.clock.advance(30_000);
  const code = totpCode(t, shown || user.totpSecret!);
  const done = await agent
    .post('/staff/two-factor')
    .type('form')
    .send({ _csrf: $('input[name=_csrf]').val() as string, code })
    .expect(303);
  return {
    agent,
    cookies: { csrf: cookieFrom(page, 'fb_csrf')!, session: cookieFrom(done, 'fb_staff')! },
    csrf: async () => {
      const home = await agent.get('/staff').expect(200);
      return cheerio.load(home.text)('input[name=_csrf]').first().val() as string;
    },
  };
}

/**
 * A person giving Friends, Family and Carers feedback for a team from start to thank-you: the first page with
 * the given answers, then every optional page skipped. Returns the thank-you address.
 */
export async function giveFeedback(
  app: Express,
  teamCode: string,
  answers: Record<string, string>,
): Promise<string> {
  const form = await openSurvey(app, teamCode);
  let res = await form.agent
    .post(`/t/${teamCode}/friends-family-carers`)
    .type('form')
    .send({ _csrf: form.csrf, token: form.token, ...answers });
  if (res.status !== 303) throw new Error(`expected 303 from the first page, got ${res.status}`);
  let location = res.headers.location as string;
  for (let page = 0; page < 10 && !location.endsWith('/thank-you'); page += 1) {
    res = await form.agent
      .post(location)
      .type('form')
      .send({ _csrf: form.csrf, token: form.token, skip: 'yes' });
    if (res.status !== 303) throw new Error(`expected 303 from ${location}, got ${res.status}`);
    location = res.headers.location as string;
  }
  return location;
}

/** Listens on a free loopback port, for tests that need a real socket (the load generator, the fuzzer, a browser). */
export async function listenOnLoopback(app: Express): Promise<{ server: Server; base: URL }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}
