import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import type { Role } from '../../../src/staff/roles';
import type { Site, Viewport } from './browser-site';

/**
 * THE LIST OF PAGES THE BROWSER SUITE CHECKS. Add a row when you add a page (docs/accessibility-testing.md).
 *
 * Every state is visited in a fresh browser context, then checked with axe at phone, kiosk and desktop sizes,
 * photographed, checked for reflow at 320 px, text spacing, 200% zoom and touch-target size. The route coverage
 * test fails when the app has a GET route that no row names.
 */
export interface PageState {
  /** Short and unique within the page: 'empty', 'with errors', 'with data'... Used in test and file names. */
  name: string;
  /** Gets a fresh page into this state (sign in, fill and submit forms...). Ends on the page to check. */
  visit: (page: Page, site: Site) => Promise<void>;
  /** What proves the visit got where it meant to: the main document's status and the page's <h1>. */
  status: number;
  heading: string | RegExp;
}

export interface PageCheck {
  /** Short, unique, file-name safe: 'survey', 'staff-inbox'. */
  name: string;
  /** The Express GET route this page is served on ('/t/:teamCode'), or null for error pages with no route. */
  route: string | null;
  /** 44 on pages a member of the public fills in on a phone or kiosk (WCAG 2.5.5), 24 elsewhere (2.5.8). */
  minTarget: 44 | 24;
  states: PageState[];
}

/** GET routes that answer with something other than a page, and so have no browser check. Say why. */
export const notPages: { route: string; reason: string }[] = [
  { route: '/healthz', reason: 'JSON for load balancers and monitoring' },
  { route: '/staff/reports/export/responses.csv', reason: 'CSV download (attachment), not a page' },
  { route: '/staff/reports/export/aggregates.csv', reason: 'CSV download (attachment), not a page' },
  { route: '/staff/reports/export/fft-return.csv', reason: 'CSV download (attachment), not a page' },
];

// ---- Helpers for visits. Keep them small: a visit is what a person would do. ----

const team = 'amberwood';

export const goTo = (path: string) => async (page: Page) => {
  await page.goto(path);
};

/** Clicks a submit button and waits for the page the browser lands on (after any redirect). */
export async function submit(page: Page, button = 'button[type=submit]'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

/** Answers the survey as a person would: the FFT answer, a comment, who is answering. */
export async function answerSurvey(page: Page, answers: { fft?: string; whatGood?: string; role?: string }) {
  if (answers.fft) await page.check(`input[name=fft][value="${answers.fft}"]`);
  if (answers.whatGood !== undefined) await page.fill('#what_good', answers.whatGood);
  if (answers.role) await page.check(`input[name=respondent_role][value="${answers.role}"]`);
}

/**
 * Signed-in pages: a visit starts with `signInAs(page, site, email, roles)`, which creates the staff user on the
 * site's database the first time and signs in through /staff/sign-in and /staff/two-factor as a person would
 * (enrolling the second factor on first sign-in; later sign-ins move the clock 30 seconds for a fresh code).
 * Each state runs in a fresh browser context, so each visit signs in again.
 */
export async function signInAs(page: Page, site: Site, email: string, roles: Role[]): Promise<void> {
  const password = 'correct horse battery staple';
  const staff = site.deps.services.staff;
  if (!staff.users.findByEmail(email)) {
    await staff.admin.createWithPassword({
      email,
      password,
      roles: roles.map((role) => ({ role, directorateId: null, teamId: null })),
    });
  }
  await page.goto('/staff/sign-in');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page);
  const shown = (
    (await page
      .locator('.app-secret code')
      .textContent({ timeout: 1000 })
      .catch(() => '')) ?? ''
  ).replace(/\s/g, '');
  if (!shown) site.clock.advance(30_000);
  const secret = shown || staff.users.findByEmail(email)!.totpSecret!;
  const code = new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({
    timestamp: site.clock.now().getTime(),
  });
  await page.fill('#code', code);
  await submit(page);
}

/** Changes a hidden field the way a stale or tampered page would, then sends the form. */
async function submitWithHiddenField(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`input[type=hidden][name="${name}"]`).evaluate((input, v) => {
    (input as HTMLInputElement).value = v;
  }, value);
  await submit(page);
}

export const pageChecks: PageCheck[] = [
  {
    name: 'staff-reports',
    route: '/staff/reports',
    minTarget: 24,
    states: [
      {
        name: 'quality lead',
        visit: async (page, site) => {
          await signInAs(page, site, 'quality@kmpt.nhs.uk', ['quality']);
          await page.goto('/staff/reports?period=financial_year&month=2026-04');
        },
        status: 200,
        heading: /Kent and Medway/,
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signInAs(page, site, 'quality@kmpt.nhs.uk', ['quality']);
          await page.goto('/staff/reports?month=October');
        },
        status: 400,
        heading: 'Reports',
      },
    ],
  },
  {
    name: 'home',
    route: '/',
    minTarget: 24,
    states: [
      { name: 'empty', visit: goTo('/'), status: 200, heading: 'Give feedback about a service' },
      {
        name: 'with results',
        visit: goTo('/?q=amber'),
        status: 200,
        heading: 'Give feedback about a service',
      },
      { name: 'no results', visit: goTo('/?q=zzzz'), status: 200, heading: 'Give feedback about a service' },
    ],
  },
  {
    name: 'survey',
    route: '/t/:teamCode',
    minTarget: 44,
    states: [
      { name: 'empty', visit: goTo(`/t/${team}`), status: 200, heading: /Amberwood Ward/ },
      {
        name: 'with data',
        visit: async (page) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, {
            fft: '2',
            whatGood: 'The staff listened to me.',
            role: 'carer_on_behalf',
          });
        },
        status: 200,
        heading: /Amberwood Ward/,
      },
      {
        name: 'with errors',
        visit: async (page) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, { whatGood: 'x'.repeat(10_001) });
          await submit(page);
        },
        status: 400,
        heading: /Amberwood Ward/,
      },
    ],
  },
  {
    name: 'team-not-found',
    route: '/t/:teamCode',
    minTarget: 24,
    states: [
      {
        name: 'unknown team',
        visit: goTo('/t/no-such-ward'),
        status: 404,
        heading: 'We cannot find that team',
      },
    ],
  },
  {
    name: 'thank-you',
    route: '/t/:teamCode/thank-you',
    minTarget: 44,
    states: [
      {
        name: 'after sending',
        visit: async (page) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, { fft: '1' });
          await submit(page);
        },
        status: 200,
        heading: 'Thank you for your feedback',
      },
    ],
  },
  {
    name: 'survey-timed-out',
    route: null,
    minTarget: 44,
    states: [
      {
        name: 'token expired',
        visit: async (page, site) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, { fft: '3' });
          const ttlMs = site.deps.config.SUBMISSION_TOKEN_TTL_HOURS * 3_600_000;
          const before = site.clock.now();
          site.clock.advance(ttlMs + 60_000);
          try {
            await submit(page);
          } finally {
            site.clock.set(before);
          }
        },
        status: 400,
        heading: 'This form has timed out',
      },
    ],
  },
  {
    name: 'accessibility',
    route: '/accessibility',
    minTarget: 24,
    states: [
      { name: 'page', visit: goTo('/accessibility'), status: 200, heading: /Accessibility statement/ },
    ],
  },
  {
    name: 'privacy',
    route: '/privacy',
    minTarget: 24,
    states: [{ name: 'page', visit: goTo('/privacy'), status: 200, heading: /Privacy notice/ }],
  },
  {
    name: 'not-found',
    route: null,
    minTarget: 24,
    states: [{ name: 'page', visit: goTo('/no-such-page'), status: 404, heading: 'Page not found' }],
  },
  {
    name: 'bad-request',
    route: null,
    minTarget: 24,
    states: [
      {
        name: 'tampered token',
        visit: async (page) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, { fft: '1' });
          await submitWithHiddenField(page, 'token', 'not-a-real-token');
        },
        status: 400,
        heading: 'Sorry, we could not read what was sent',
      },
    ],
  },
  {
    name: 'form-expired',
    route: null,
    minTarget: 24,
    states: [
      {
        name: 'csrf missing',
        visit: async (page) => {
          await page.goto(`/t/${team}`);
          await answerSurvey(page, { fft: '1' });
          await submitWithHiddenField(page, '_csrf', '');
        },
        status: 403,
        heading: 'Sorry, this form could not be sent',
      },
    ],
  },
  {
    name: 'too-large',
    route: null,
    minTarget: 24,
    states: [
      {
        name: 'body over the limit',
        visit: async (page, site) => {
          await page.goto(`/t/${team}`);
          const tooMuch = 'x'.repeat(site.deps.config.BODY_LIMIT_KB * 1024 + 1);
          await page.locator('#what_good').evaluate((area, v) => {
            (area as HTMLTextAreaElement).value = v;
          }, tooMuch);
          await submit(page);
        },
        status: 413,
        heading: 'Your answers are too long to send',
      },
    ],
  },
];

/** Every (page, state) pair, flattened for it.each. */
export const allStates = pageChecks.flatMap((check) =>
  check.states.map((state) => ({ check, state, label: `${check.name} (${state.name})` })),
);

/**
 * Opens a fresh page at the viewport, runs the state's visit, and proves it arrived: the last main-document
 * status and the <h1> are the ones the row expects.
 */
export async function openState(
  site: Site,
  state: PageState,
  viewport: Viewport,
  options: { reducedMotion?: boolean } = {},
): Promise<Page> {
  const page = await site.newPage(viewport, options);
  let status = 0;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
      status = response.status();
    }
  });
  await state.visit(page, site);
  const heading = (await page.locator('h1').first().innerText()).replace(/\s+/g, ' ').trim();
  if (status !== state.status || !matches(heading, state.heading)) {
    throw new Error(
      `visit for "${state.name}" ended on ${status} "${heading}", expected ${state.status} ${String(state.heading)}`,
    );
  }
  return page;
}

const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? text === expected : expected.test(text);
