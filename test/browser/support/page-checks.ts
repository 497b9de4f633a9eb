import type { Cookie, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { actorFor } from '../../../src/audit-sink';
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
  /**
   * The row this page repeats in another channel (QR code, collection point, kiosk, staff paper entry): the same
   * survey page reached another way, so it may share that row's titles. Every other title must be unique.
   */
  sameTitleAs?: string;
  states: PageState[];
}

/** GET routes that answer with something other than a page, and so have no browser check. Say why. */
export const notPages: { route: string; reason: string }[] = [
  { route: '/healthz', reason: 'JSON for load balancers and monitoring' },
  { route: '/posters/:teamCode.svg', reason: 'an SVG download of the poster page, which is checked' },
  {
    route: '/posters/points/:pointCode.svg',
    reason: 'an SVG download of the collection point poster page, which is checked',
  },
  { route: '/staff/admin/audit.csv', reason: 'a CSV download of the audit log page, which is checked' },
  { route: '/staff/reports/export/responses.csv', reason: 'CSV download (attachment), not a page' },
  { route: '/staff/reports/export/aggregates.csv', reason: 'CSV download (attachment), not a page' },
  { route: '/staff/reports/export/fft-return.csv', reason: 'CSV download (attachment), not a page' },
  {
    route: '/staff/pals/compliments.csv',
    reason: 'a CSV download of the compliments page, which is checked',
  },
  { route: '/staff/reports/export/equality.csv', reason: 'CSV download (attachment), not a page' },
];

// ---- Helpers for visits. Keep them small: a visit is what a person would do. ----

const team = 'amberwood';
const ffc = `/t/${team}/friends-family-carers`;
const easyRead = `/t/${team}/easy-read-fft`;

export const goTo = (path: string) => async (page: Page) => {
  await page.goto(path);
};

/** Clicks a submit button and waits for the page the browser lands on (after any redirect). */
export async function submit(page: Page, button = 'button[type=submit]:not([name=skip])'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
}

/** Presses the one-tap "Skip these questions" button of an optional page. */
export const skip = (page: Page) => submit(page, 'button[name=skip]');

/** Answers the first page of the Friends, Family and Carers survey as a person would. */
export async function answerSurvey(page: Page, answers: { fft?: string; whatGood?: string; role?: string }) {
  if (answers.fft) await page.check(`input[name=fft][value="${answers.fft}"]`);
  if (answers.whatGood !== undefined) await page.fill('#what_good', answers.whatGood);
  if (answers.role) await page.check(`input[name=respondent_role][value="${answers.role}"]`);
}

/** Changes a hidden field the way a stale or tampered page would, then sends the form. */
async function submitWithHiddenField(page: Page, name: string, value: string): Promise<void> {
  // The page's own form comes first (the large-text control's form follows it, with its own _csrf).
  const field = page.locator('main form').first().locator(`input[type=hidden][name="${name}"]`);
  await field.evaluate((input, v) => {
    (input as HTMLInputElement).value = v;
  }, value);
  await submit(page);
}

/** Answers the first page of the FFC survey and continues, then skips optional pages until `/<step>`. */
async function ffcStep(page: Page, step: number): Promise<void> {
  await page.goto(ffc);
  await answerSurvey(page, { fft: '1' });
  await submit(page);
  for (let at = 2; at < step; at += 1) await skip(page);
}

// ---- Staff pages: sign in through the real form, second factor included. ----

let userCount = 0;

/** A new staff user with the role (first sign-in enrols the second factor). Returns their email address. */
export async function newStaffUser(site: Site, role: Role = 'admin'): Promise<string> {
  userCount += 1;
  const email = `${role}-${userCount}@kmpt.nhs.uk`;
  await site.deps.services.staff.admin.createWithPassword({
    email,
    password: staffPassword,
    roles: [{ role, directorateId: null, teamId: null }],
  });
  return email;
}

export const staffPassword = 'correct horse battery staple';

/** Fills and sends the sign-in form: the password step only. */
export async function signInWithPassword(page: Page, email: string, password = staffPassword): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page);
}

/** Enrols the second factor on the set-up page, reading the key it shows and computing the code (otpauth). */
export async function enrolSecondFactor(page: Page, site: Site): Promise<void> {
  const secret = (await page.locator('.app-secret code').innerText()).replace(/\s/g, '');
  const code = new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({ timestamp: site.clock.now().getTime() });
  await page.fill('#code', code);
  await submit(page);
}

/** Cookies of one signed-in user per role and site, so each state does not sign in again. */
const signedInCookies = new WeakMap<Site, Map<Role, Cookie[]>>();

/**
 * Signs the page in as a staff user with the role. The first time for each role and site a new user signs in
 * through the real pages (password, then second-factor enrolment with a computed TOTP code); later states reuse
 * that browser session's cookies, as a person with the tab still open would.
 */
export async function signInAs(page: Page, site: Site, role: Role = 'admin'): Promise<void> {
  const bySite = signedInCookies.get(site) ?? new Map<Role, Cookie[]>();
  signedInCookies.set(site, bySite);
  const cookies = bySite.get(role);
  if (cookies) {
    await page.context().addCookies(cookies);
    return;
  }
  await signInWithPassword(page, await newStaffUser(site, role));
  await enrolSecondFactor(page, site);
  bySite.set(role, await page.context().cookies());
}

/** Signs in with the role, then opens the path. */
export const signedInAt =
  (path: string, role: Role = 'admin') =>
  async (page: Page, site: Site) => {
    await signInAs(page, site, role);
    await page.goto(path);
  };

/**
 * A staff page in one line: `staffPage('pals-inbox', '/staff/pals', 'Comments to read', { role: 'pals' })`.
 * `path` is where to go when the route has parameters; add states for errors and data with `signedInAt`.
 */
export function staffPage(
  name: string,
  route: string,
  heading: string | RegExp,
  options: { role?: Role; path?: string; states?: PageState[] } = {},
): PageCheck {
  return {
    name,
    route,
    minTarget: 24,
    states: [
      { name: 'page', visit: signedInAt(options.path ?? route, options.role), status: 200, heading },
      ...(options.states ?? []),
    ],
  };
}

/** Sends a staff form empty (or as filled by `fill`), to see its validation errors. */
const sendStaffForm =
  (path: string, fill: (page: Page) => Promise<void> = async () => {}) =>
  async (page: Page, site: Site) => {
    await signedInAt(path)(page, site);
    await fill(page);
    await submit(page, 'main form button[type=submit]');
  };

// ---- Kiosks, collection points, paper entry and organisation pages (docs/kiosks.md). ----

const signedIn =
  (role: 'admin' | 'pals', path: string) =>
  async (page: Page, site: Site): Promise<void> => {
    await signInAs(page, site, role);
    await page.goto(path);
  };

/** A kiosk collection point enrolled on this browser (the admin's own browser, as on a tablet being set up). */
export async function enrolKiosk(page: Page, site: Site): Promise<void> {
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
  // The form's own button: on staff pages the first submit button on the page is the header's "Sign out".
  await submit(page, 'main button[type=submit]:not([name=skip])');
  await page.goto(path);
}

const journeyRows = (
  name: string,
  base: string,
  start: (site: Site) => string,
  setUp?: (page: Page, site: Site) => Promise<void>,
  /** The survey row the channel's start page repeats: 'survey' when it opens straight on the survey's first page. */
  startSameAs = 'survey-start',
  /**
   * Kiosks ask one question per page, so the second page is still the first section of the survey; its title
   * ("Question 2 of N: ...") is its own, so it repeats no other row.
   */
  second: { sameTitleAs?: string; heading: RegExp } = { sameTitleAs: 'survey-step', heading: /About you/ },
): PageCheck[] => {
  const prepared = (then: (page: Page, site: Site) => Promise<void>) => async (page: Page, site: Site) => {
    if (setUp) await setUp(page, site);
    await then(page, site);
  };
  const first = (site: Site) => `${start(site)}/friends-family-carers`;
  return [
    {
      name: `${name}-start`,
      sameTitleAs: startSameAs,
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
      sameTitleAs: 'survey',
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
      ...(second.sameTitleAs ? { sameTitleAs: second.sameTitleAs } : {}),
      route: `${base}/:surveyCode/:step`,
      minTarget: 44,
      states: [
        {
          name: 'second page',
          visit: prepared((page, site) => firstPageThen(page, first(site), `${first(site)}/2`)),
          status: 200,
          heading: second.heading,
        },
      ],
    },
    {
      name: `${name}-check`,
      sameTitleAs: 'survey',
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
      sameTitleAs: 'thank-you',
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
  ...journeyRows('collection-point', '/c/:pointCode', (site) => `/c/${linkPoint(site)}`, undefined, 'survey'),
  ...journeyRows('kiosk', '/kiosk', () => '/kiosk', enrolKiosk, 'survey', {
    heading: /Tell us about your experience/,
  }),
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
      {
        name: 'retire with errors',
        visit: async (page, site) => {
          await signedIn('admin', `/staff/admin/organisation/teams/${team}`)(page, site);
          await page.fill('#retire-year', '2020');
          await submit(page, 'form[action$="/retire"] button[type=submit]');
        },
        status: 400,
        heading: /Amberwood Ward/,
      },
    ],
  },
  {
    name: 'staff-organisation-new-team',
    route: '/staff/admin/organisation/new-team',
    minTarget: 24,
    states: [
      {
        name: 'empty',
        visit: signedIn('admin', '/staff/admin/organisation/new-team'),
        status: 200,
        heading: 'Add a team',
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedIn('admin', '/staff/admin/organisation/new-team')(page, site);
          await submit(page, 'main form button[type=submit]');
        },
        status: 400,
        heading: 'Add a team',
      },
    ],
  },
  {
    name: 'staff-organisation-units',
    route: '/staff/admin/organisation/units/:unitType',
    minTarget: 24,
    states: [
      {
        name: 'sites',
        visit: signedIn('admin', '/staff/admin/organisation/units/sites'),
        status: 200,
        heading: 'Sites',
      },
      {
        name: 'communities',
        visit: signedIn('admin', '/staff/admin/organisation/units/communities'),
        status: 200,
        heading: 'Communities of Excellence',
      },
    ],
  },
  {
    name: 'staff-organisation-unit-new',
    route: '/staff/admin/organisation/units/:unitType/new',
    minTarget: 24,
    states: [
      {
        name: 'directorate',
        visit: signedIn('admin', '/staff/admin/organisation/units/directorates/new'),
        status: 200,
        heading: 'Add a directorate',
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedIn('admin', '/staff/admin/organisation/units/directorates/new')(page, site);
          await submit(page, 'main form button[type=submit]');
        },
        status: 400,
        heading: 'Add a directorate',
      },
    ],
  },
  {
    name: 'staff-organisation-unit',
    route: '/staff/admin/organisation/units/:unitType/:unitCode',
    minTarget: 24,
    states: [
      {
        name: 'site',
        visit: signedIn('admin', '/staff/admin/organisation/units/sites/littlebrook'),
        status: 200,
        heading: 'Littlebrook Hospital, Dartford',
      },
      {
        name: 'retire refused',
        visit: async (page, site) => {
          await signedIn('admin', '/staff/admin/organisation/units/directorates/north-kent')(page, site);
          await page.fill('#retire-day', '1');
          await page.fill('#retire-month', '4');
          await page.fill('#retire-year', '2030');
          await submit(page, 'form[action$="/retire"] button[type=submit]');
        },
        status: 400,
        heading: 'North Kent',
      },
    ],
  },
  {
    name: 'staff-entry-new',
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
    (page, site) => signInAs(page, site, 'pals'),
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
          await signInAs(page, site, 'quality');
          await page.goto('/staff/reports?period=financial_year&month=2026-04');
        },
        status: 200,
        heading: /Kent and Medway/,
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signInAs(page, site, 'quality');
          await page.goto('/staff/reports?month=October');
        },
        status: 400,
        heading: 'Reports',
      },
    ],
  },
  {
    name: 'staff-reports-equality',
    route: '/staff/reports/equality',
    minTarget: 24,
    states: [
      {
        name: 'quality lead',
        visit: async (page, site) => {
          await signInAs(page, site, 'quality');
          await page.goto('/staff/reports/equality?period=financial_year&month=2026-04');
        },
        status: 200,
        heading: /Equality breakdowns: Kent and Medway/,
      },
      {
        name: 'bad filters',
        visit: async (page, site) => {
          await signInAs(page, site, 'quality');
          await page.goto('/staff/reports/equality?month=October');
        },
        status: 400,
        heading: 'Equality breakdowns',
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
    name: 'survey-start',
    route: '/t/:teamCode',
    minTarget: 44,
    states: [{ name: 'page', visit: goTo(`/t/${team}`), status: 200, heading: /Amberwood Ward/ }],
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
    name: 'survey',
    route: '/t/:teamCode/:surveyCode',
    minTarget: 44,
    states: [
      { name: 'empty', visit: goTo(ffc), status: 200, heading: /Amberwood Ward/ },
      {
        name: 'with data',
        visit: async (page) => {
          await page.goto(ffc);
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
          await page.goto(ffc);
          await answerSurvey(page, { whatGood: 'x'.repeat(10_001) });
          await submit(page);
        },
        status: 400,
        heading: /Amberwood Ward/,
      },
      { name: 'easy read', visit: goTo(easyRead), status: 200, heading: /Amberwood Ward/ },
      {
        name: 'easy read with errors',
        visit: async (page) => {
          await page.goto(easyRead);
          await submit(page);
        },
        status: 400,
        heading: /Amberwood Ward/,
      },
    ],
  },
  {
    name: 'survey-step',
    route: '/t/:teamCode/:surveyCode/:step',
    minTarget: 44,
    states: [
      { name: 'about you 1', visit: (page) => ffcStep(page, 2), status: 200, heading: /About you/ },
      { name: 'about you 2', visit: (page) => ffcStep(page, 3), status: 200, heading: /About you/ },
      { name: 'about you 3', visit: (page) => ffcStep(page, 4), status: 200, heading: /About you/ },
    ],
  },
  {
    name: 'check-answers',
    route: '/t/:teamCode/:surveyCode/check',
    minTarget: 44,
    states: [
      {
        name: 'carers questionnaire',
        visit: async (page) => {
          await page.goto('/t/penshurst/carers-questionnaire');
          await page.check('input[name=fft][value="1"]');
          await submit(page);
          while (!page.url().endsWith('/check')) await skip(page);
        },
        status: 200,
        heading: /Check your answers/,
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
          await ffcStep(page, 4);
          await skip(page);
        },
        status: 200,
        heading: 'Thank you for your feedback',
      },
      {
        name: 'with You said, we did',
        visit: async (page, site) => {
          youSaidWeDidEntry(site);
          await page.goto(`/t/${team}/thank-you`);
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
          await page.goto(easyRead);
          await page.check('input[name=fft][value="3"]');
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
    name: 'you-said-we-did',
    route: '/you-said-we-did',
    minTarget: 24,
    states: [{ name: 'page', visit: goTo('/you-said-we-did'), status: 200, heading: 'You said, we did' }],
  },
  {
    name: 'poster',
    route: '/posters/:teamCode',
    minTarget: 24,
    states: [{ name: 'page', visit: goTo(`/posters/${team}`), status: 200, heading: /Amberwood Ward/ }],
  },
  {
    name: 'collection-point-poster',
    route: '/posters/points/:pointCode',
    minTarget: 24,
    states: [
      {
        name: 'page',
        visit: async (page, site) => {
          await page.goto(`/posters/points/${linkPoint(site)}`);
        },
        status: 200,
        heading: /Amberwood Ward/,
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
          await page.goto(ffc);
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
          await page.goto(ffc);
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
          await page.goto(ffc);
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

  // ---- Staff sign-in (no session yet) ----
  {
    name: 'staff-sign-in',
    route: '/staff/sign-in',
    minTarget: 24,
    states: [
      { name: 'empty', visit: goTo('/staff/sign-in'), status: 200, heading: 'Sign in' },
      {
        name: 'with errors',
        visit: async (page) => {
          await page.goto('/staff/sign-in');
          await submit(page);
        },
        status: 400,
        heading: 'Sign in',
      },
      {
        name: 'wrong password',
        visit: (page) => signInWithPassword(page, 'nobody@kmpt.nhs.uk', 'not the password'),
        status: 400,
        heading: 'Sign in',
      },
    ],
  },
  {
    name: 'staff-two-factor',
    route: '/staff/two-factor',
    minTarget: 24,
    states: [
      {
        name: 'set up',
        visit: async (page, site) => signInWithPassword(page, await newStaffUser(site)),
        status: 200,
        heading: 'Set up your authenticator app',
      },
      {
        name: 'set up with errors',
        visit: async (page, site) => {
          await signInWithPassword(page, await newStaffUser(site));
          await page.fill('#code', '12');
          await submit(page);
        },
        status: 400,
        heading: 'Set up your authenticator app',
      },
      {
        name: 'enter code',
        visit: async (page, site) => {
          const email = await newStaffUser(site, 'viewer');
          await signInWithPassword(page, email);
          await enrolSecondFactor(page, site);
          await page.context().clearCookies();
          await signInWithPassword(page, email);
        },
        status: 200,
        heading: /code/i,
      },
    ],
  },
  {
    name: 'staff-recovery-codes',
    route: '/staff/two-factor/recovery-codes',
    minTarget: 24,
    states: [
      {
        name: 'after set up',
        visit: async (page, site) => {
          await signInWithPassword(page, await newStaffUser(site));
          await enrolSecondFactor(page, site);
        },
        status: 200,
        heading: 'Save your recovery codes',
      },
    ],
  },
  {
    name: 'staff-password-link',
    route: '/staff/password-link',
    minTarget: 24,
    states: [
      {
        name: 'expired',
        visit: goTo('/staff/password-link?token=not-a-real-link'),
        status: 404,
        heading: 'This link has expired or has already been used',
      },
      {
        name: 'set password',
        visit: async (page, site) => {
          await page.goto(await passwordLinkFor(site));
        },
        status: 200,
        heading: /^Set a password for /,
      },
      {
        name: 'with errors',
        visit: async (page, site) => {
          await page.goto(await passwordLinkFor(site));
          await page.fill('#newPassword', 'short');
          await submit(page);
        },
        status: 400,
        heading: /^Set a password for /,
      },
    ],
  },

  // ---- Signed-in staff pages: one line each (staffPage), plus states with errors ----
  staffPage('staff-home', '/staff', 'Staff pages'),
  staffPage('staff-change-password', '/staff/account/password', 'Change your password', {
    states: [
      {
        name: 'with errors',
        visit: sendStaffForm('/staff/account/password'),
        status: 400,
        heading: 'Change your password',
      },
    ],
  }),
  staffPage('staff-users', '/staff/admin/users', 'Staff users'),
  staffPage('staff-user-new', '/staff/admin/users/new', 'Add a staff user', {
    states: [
      {
        name: 'with errors',
        visit: sendStaffForm('/staff/admin/users/new', (page) => page.fill('#email', 'not an address')),
        status: 400,
        heading: 'Add a staff user',
      },
    ],
  }),
  {
    name: 'staff-user',
    route: '/staff/admin/users/:userId',
    minTarget: 24,
    states: [
      {
        name: 'page',
        visit: async (page, site) => {
          const email = await newStaffUser(site, 'pals');
          const user = site.deps.services.staff.users.findByEmail(email)!;
          await signedInAt(`/staff/admin/users/${user.id}`)(page, site);
        },
        status: 200,
        heading: /^pals-\d+@kmpt\.nhs\.uk$/,
      },
    ],
  },
  staffPage('staff-audit', '/staff/admin/audit', 'Audit log', {
    states: [
      {
        name: 'with errors',
        visit: signedInAt('/staff/admin/audit?from=2026-13-45&to=nope'),
        status: 400,
        heading: 'Audit log',
      },
    ],
  }),
  staffPage('pals-inbox', '/staff/pals/comments', 'Comments', {
    role: 'pals',
    states: [
      {
        name: 'with a comment',
        visit: palsAt(() => '/staff/pals/comments'),
        status: 200,
        heading: 'Comments',
      },
    ],
  }),
  {
    name: 'pals-comment',
    route: '/staff/pals/comments/:commentId',
    minTarget: 24,
    states: [
      {
        name: 'flagged',
        visit: palsAt(({ commentId }) => `/staff/pals/comments/${commentId}`),
        status: 200,
        heading: /^Comment \d+/,
      },
    ],
  },
  {
    name: 'pals-publish',
    route: '/staff/pals/comments/:commentId/publish',
    minTarget: 24,
    states: [
      {
        // One response this month is below the team's threshold of five, so the page explains the refusal.
        name: 'refused',
        visit: palsAt(({ commentId }) => `/staff/pals/comments/${commentId}/publish`),
        status: 200,
        heading: /^Publish comment \d+$/,
      },
    ],
  },
  {
    name: 'pals-flag',
    route: '/staff/pals/flags/:flagId',
    minTarget: 24,
    states: [
      {
        name: 'open',
        visit: palsAt(({ flagId }) => `/staff/pals/flags/${flagId}`),
        status: 200,
        heading: /^Risk flag: /,
      },
    ],
  },
  staffPage('staff-themes', '/staff/admin/themes', 'PALS themes', { role: 'admin' }),
  staffPage('pals-compliments', '/staff/pals/compliments', 'Compliments', {
    role: 'pals',
    states: [
      {
        name: 'a team',
        visit: async (page, site) => {
          site.deps.services.compliments.mark(await praiseComment(page, site), actorFor(null));
          const teamId = (
            site.deps.db.prepare("SELECT id FROM teams WHERE code = 'amberwood'").get() as { id: number }
          ).id;
          await signedInAt(`/staff/pals/compliments?teamId=${teamId}`, 'pals')(page, site);
        },
        status: 200,
        heading: 'Compliments for Amberwood Ward',
      },
    ],
  }),
  // "You said, we did" management (docs/pals.md).
  staffPage('pals-entries', '/staff/pals/you-said-we-did', 'You said, we did entries', {
    role: 'pals',
    states: [
      {
        name: 'with an entry',
        visit: async (page, site) => {
          youSaidWeDidEntry(site);
          await signedInAt('/staff/pals/you-said-we-did', 'pals')(page, site);
        },
        status: 200,
        heading: 'You said, we did entries',
      },
    ],
  }),
  staffPage('pals-entry-new', '/staff/pals/you-said-we-did/new', 'Add a You said, we did entry', {
    role: 'pals',
    states: [
      {
        name: 'with errors',
        visit: async (page, site) => {
          await signedInAt('/staff/pals/you-said-we-did/new', 'pals')(page, site);
          await submit(page, 'main form button[type=submit]');
        },
        status: 400,
        heading: 'Add a You said, we did entry',
      },
    ],
  }),
  {
    name: 'pals-entry-edit',
    route: '/staff/pals/you-said-we-did/:entryId',
    minTarget: 24,
    states: [
      {
        name: 'page',
        visit: async (page, site) =>
          signedInAt(`/staff/pals/you-said-we-did/${youSaidWeDidEntry(site)}`, 'pals')(page, site),
        status: 200,
        heading: 'Change a You said, we did entry',
      },
    ],
  },
  {
    name: 'you-said-we-did-poster',
    route: '/posters/:teamCode/you-said-we-did',
    minTarget: 24,
    states: [
      {
        name: 'with an entry',
        visit: async (page, site) => {
          youSaidWeDidEntry(site);
          await page.goto(`/posters/${team}/you-said-we-did`);
        },
        status: 200,
        heading: 'You said, we did: Amberwood Ward',
      },
    ],
  },
];

/** A positive comment naming a nurse, sent once per site through the real survey. */
const praiseComments = new WeakMap<Site, number>();
async function praiseComment(page: Page, site: Site): Promise<number> {
  const known = praiseComments.get(site);
  if (known) return known;
  await page.goto(ffc);
  await answerSurvey(page, { fft: '1', whatGood: 'Nurse Sarah was kind and really listened to me' });
  await submit(page, 'main button[type=submit]:not([name=skip])');
  for (let at = 2; at <= 4; at += 1) await skip(page);
  const id = (site.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
  praiseComments.set(site, id);
  return id;
}

/** A done "You said, we did" entry for Amberwood, added once per site as a PALS officer would. */
const entries = new WeakMap<Site, number>();
function youSaidWeDidEntry(site: Site): number {
  const known = entries.get(site);
  if (known) return known;
  const teamId = (
    site.deps.db.prepare("SELECT id FROM teams WHERE code = 'amberwood'").get() as { id: number }
  ).id;
  const id = site.deps.services.publications.addEntry(
    {
      themeId: null,
      teamId,
      directorateId: null,
      youSaid: 'The evenings on the ward were long, with nothing to do',
      weDid: 'We started an evening music group, twice a week',
      status: 'done',
      publishedOn: '2026-11-02',
    },
    actorFor(null),
  );
  entries.set(site, id);
  return id;
}

/** A comment with a risk flag and consent to publish, sent once per site through the real survey. */
const flaggedComments = new WeakMap<Site, { commentId: number; flagId: number }>();

async function flaggedComment(page: Page, site: Site): Promise<{ commentId: number; flagId: number }> {
  const known = flaggedComments.get(site);
  if (known) return known;
  await page.goto(ffc);
  await answerSurvey(page, { fft: '5' });
  await page.fill('#could_improve', 'I want to end it all');
  await page.check('input[name=publish_consent][value=yes]');
  await submit(page, 'main button[type=submit]:not([name=skip])');
  for (let at = 2; at <= 4; at += 1) await skip(page);
  const newest = (table: string) =>
    (site.deps.db.prepare(`SELECT max(id) AS id FROM ${table}`).get() as { id: number }).id;
  const made = { commentId: newest('comments'), flagId: newest('risk_flags') };
  flaggedComments.set(site, made);
  return made;
}

/** Sends the flagged comment (once), then signs in with the PALS role and opens the path. */
function palsAt(path: (ids: { commentId: number; flagId: number }) => string) {
  return async (page: Page, site: Site): Promise<void> => {
    const ids = await flaggedComment(page, site);
    await signInAs(page, site, 'pals');
    await page.goto(path(ids));
  };
}

/** A fresh one-time password link for a new user (as an administrator would issue). */
async function passwordLinkFor(site: Site): Promise<string> {
  const email = await newStaffUser(site, 'viewer');
  const user = site.deps.services.staff.users.findByEmail(email)!;
  const issued = site.deps.services.staff.admin.issuePasswordLink(user.id, actorFor(null));
  if (!issued.ok) throw new Error('could not issue a password link');
  return `/staff/password-link?token=${issued.token}`;
}

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
