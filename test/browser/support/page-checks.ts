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

// ---- Kiosks, collection points, paper entry and organisation pages (docs/kiosks.md). ----

/** Signs a new staff user with this role in through the real pages (second factor enrolled), as a person would. */
async function signInWithRole(page: Page, site: Site, role: 'admin' | 'pals'): Promise<void> {
  await signInAs(page, site, `${role}-${Math.random().toString(36).slice(2, 10)}@kmpt.nhs.uk`, [role]);
}

const signedIn =
  (role: 'admin' | 'pals', path: string) =>
  async (page: Page, site: Site): Promise<void> => {
    await signInWithRole(page, site, role);
    await page.goto(path);
  };

/** A kiosk collection point enrolled on this browser (the admin's own browser, as on a tablet being set up). */
async function enrolKiosk(page: Page, site: Site): Promise<void> {
  const kiosk = site.deps.services.kiosk;
  const code = 'amberwood-browser-kiosk';
  const pointId =
    kiosk.pointByCode(code)?.id ??
    kiosk.createPoint(
      {
        code,
        label: 'Browser kiosk',
        teamCode: team,
        mode: 'kiosk_tablet',
        surveyCodes: ['friends-family-carers'],
      },
      null,
    );
  const { credential } = kiosk.enrol(pointId, null);
  await page.context().addCookies([{ name: 'kiosk_device', value: credential, url: site.baseUrl }]);
}

/** A link collection point for the team (created once). */
function linkPoint(site: Site): string {
  const kiosk = site.deps.services.kiosk;
  const code = 'amberwood-browser-link';
  if (!kiosk.pointByCode(code)) {
    kiosk.createPoint(
      {
        code,
        label: 'Browser link',
        teamCode: team,
        mode: 'online_link',
        surveyCodes: ['friends-family-carers'],
      },
      null,
    );
  }
  return code;
}

/** Answers the first page of a journey so the next page (a step, or check answers) opens. */
async function firstPageThen(page: Page, start: string, path: string): Promise<void> {
  await page.goto(start);
  await answerSurvey(page, { fft: '1' });
  await submit(page);
  await page.goto(path);
}

const journeyRows = (
  name: string,
  base: string,
  start: (site: Site) => string,
  setUp?: (page: Page, site: Site) => Promise<void>,
): PageCheck[] => {
  const prepared = (then: (page: Page, site: Site) => Promise<void>) => async (page: Page, site: Site) => {
    if (setUp) await setUp(page, site);
    await then(page, site);
  };
  const first = (site: Site) => `${start(site)}/friends-family-carers`;
  return [
    {
      name: `${name}-start`,
      route: base,
      minTarget: 44,
      states: [
        {
          name: 'first page',
          visit: prepared((page, site) => goTo(start(site))(page)),
          status: 200,
          heading: /Amberwood Ward|Who/,
        },
      ],
    },
    {
      name: `${name}-page`,
      route: `${base}/:surveyCode`,
      minTarget: 44,
      states: [
        {
          name: 'empty',
          visit: prepared((page, site) => goTo(first(site))(page)),
          status: 200,
          heading: /Amberwood Ward|Who/,
        },
      ],
    },
    {
      name: `${name}-step`,
      route: `${base}/:surveyCode/:step`,
      minTarget: 44,
      states: [
        {
          name: 'second page',
          visit: prepared((page, site) => firstPageThen(page, first(site), `${first(site)}/2`)),
          status: 200,
          heading: /.+/,
        },
      ],
    },
    {
      name: `${name}-check`,
      route: `${base}/:surveyCode/check`,
      minTarget: 44,
      states: [
        {
          name: 'no answers yet',
          visit: prepared((page, site) => goTo(`${first(site)}/check`)(page)),
          status: 200,
          heading: /.+/,
        },
      ],
    },
    {
      name: `${name}-thank-you`,
      route: `${base}/thank-you`,
      minTarget: 44,
      states: [
        {
          name: 'page',
          visit: prepared((page, site) => goTo(`${start(site)}/thank-you`)(page)),
          status: 200,
          heading: 'Thank you for your feedback',
        },
      ],
    },
  ];
};

const kioskPageChecks: PageCheck[] = [
  ...journeyRows('qr', '/q/:teamCode', () => `/q/${team}`),
  ...journeyRows('collection-point', '/c/:pointCode', (site) => `/c/${linkPoint(site)}`),
  ...journeyRows('kiosk', '/kiosk', () => '/kiosk', enrolKiosk),
  {
    name: 'collection-point-retired',
    route: '/c/:pointCode',
    minTarget: 24,
    states: [
      {
        name: 'retired',
        visit: async (page, site) => {
          const kiosk = site.deps.services.kiosk;
          const code = 'amberwood-browser-old';
          const point = kiosk.pointByCode(code);
          if (!point)
            kiosk.retirePoint(
              kiosk.createPoint(
                {
                  code,
                  label: 'Old leaflet',
                  teamCode: team,
                  mode: 'online_qr',
                  surveyCodes: ['friends-family-carers'],
                },
                null,
              ),
              null,
            );
          await page.goto(`/c/${code}`);
        },
        status: 410,
        heading: 'This feedback link is no longer used',
      },
    ],
  },
  {
    name: 'kiosk-not-enrolled',
    route: '/kiosk',
    minTarget: 24,
    states: [
      { name: 'page', visit: goTo('/kiosk'), status: 403, heading: 'This tablet is not set up for feedback' },
    ],
  },
  {
    name: 'staff-collection-points',
    route: '/staff/admin/collection-points',
    minTarget: 24,
    states: [
      {
        name: 'list',
        visit: signedIn('admin', '/staff/admin/collection-points'),
        status: 200,
        heading: 'Collection points',
      },
    ],
  },
  {
    name: 'staff-collection-point-new',
    route: '/staff/admin/collection-points/new',
    minTarget: 24,
    states: [
      {
        name: 'empty',
        visit: signedIn('admin', '/staff/admin/collection-points/new'),
        status: 200,
        heading: 'Add a collection point',
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedIn('admin', '/staff/admin/collection-points/new')(page, site);
          await submit(page, 'main button[type=submit]');
        },
        status: 400,
        heading: 'Add a collection point',
      },
    ],
  },
  {
    name: 'staff-kiosks',
    route: '/staff/admin/kiosks',
    minTarget: 24,
    states: [
      { name: 'list', visit: signedIn('admin', '/staff/admin/kiosks'), status: 200, heading: 'Kiosks' },
    ],
  },
  {
    name: 'staff-organisation',
    route: '/staff/admin/organisation',
    minTarget: 24,
    states: [
      {
        name: 'list',
        visit: signedIn('admin', '/staff/admin/organisation'),
        status: 200,
        heading: 'Organisation',
      },
    ],
  },
  {
    name: 'staff-organisation-team',
    route: '/staff/admin/organisation/teams/:teamCode',
    minTarget: 24,
    states: [
      {
        name: 'history',
        visit: signedIn('admin', `/staff/admin/organisation/teams/${team}`),
        status: 200,
        heading: /Amberwood Ward/,
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedIn('admin', `/staff/admin/organisation/teams/${team}`)(page, site);
          await submit(page, 'main form button[type=submit]');
        },
        status: 400,
        heading: /Amberwood Ward/,
      },
    ],
  },
  {
    name: 'staff-entry-start',
    route: '/staff/responses/new',
    minTarget: 24,
    states: [
      {
        name: 'empty',
        visit: signedIn('pals', '/staff/responses/new'),
        status: 200,
        heading: 'Key in a paper or telephone response',
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedIn('pals', '/staff/responses/new')(page, site);
          await submit(page, 'main button[type=submit]');
        },
        status: 400,
        heading: 'Key in a paper or telephone response',
      },
    ],
  },
  ...journeyRows(
    'staff-entry',
    '/staff/responses/:mode/:date/:teamCode',
    () => `/staff/responses/paper/2026-11-20/${team}`,
    (page, site) => signInWithRole(page, site, 'pals'),
  ),
];

export const pageChecks: PageCheck[] = [
  ...kioskPageChecks,
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
