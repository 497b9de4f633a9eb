import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { buildTestApp, listenOnLoopback } from '../support/test-app';

/**
 * Keyboard-only completion in a real browser with JavaScript off (the journey must not need it): Debian's chromium
 * driven by playwright-core. Run with `npm run test:browser:surveys` (kept out of `npm test` for speed).
 */
jest.setTimeout(60_000);

/** Runs in the page: whether the focused element matches a selector (the test project has no DOM types). */
const focusedMatches = (selector: string): boolean => {
  const doc = (
    globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }
  ).document;
  return doc.activeElement?.matches(selector) ?? false;
};

describe('completing a survey with the keyboard only, without JavaScript', () => {
  let browser: Browser;
  let server: Server;
  let base = '';
  const t = buildTestApp();

  beforeAll(async () => {
    const listening = await listenOnLoopback(t.app);
    server = listening.server;
    base = listening.base.origin;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers the Friends, Family and Carers survey from the start page to thank you', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    /** Presses Tab until the element matching the selector has focus (as a keyboard user would). */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(focusedMatches, selector)) return;
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    await page.goto(`${base}/t/amberwood`);

    // Tab to the "Give quick feedback" button, then Enter.
    await tabTo('a[href$="/friends-family-carers"]');
    await Promise.all([page.waitForURL(/friends-family-carers$/), page.keyboard.press('Enter')]);

    // Tab into the FFT answers, choose "Good" with the arrow key, then write a comment and choose a role.
    await tabTo('input[name=fft]');
    await page.keyboard.press('ArrowDown');
    await tabTo('#what_good');
    await page.keyboard.type('Staff listened.');
    await tabTo('input[name=respondent_role]');
    await page.keyboard.press('Space');
    await tabTo('button.nhsuk-button:not([name=skip])');
    await Promise.all([page.waitForURL(/friends-family-carers\/2$/), page.keyboard.press('Enter')]);

    // Skip the three optional "About you" pages with the keyboard.
    for (const next of [/\/3$/, /\/4$/, /\/thank-you$/]) {
      await tabTo('button[name=skip]');
      await Promise.all([page.waitForURL(next), page.keyboard.press('Enter')]);
    }
    expect(await page.textContent('h1')).toContain('Thank you for your feedback');
    expect(t.deps.db.prepare('SELECT fft_code, respondent_role FROM responses').all()).toEqual([
      { fft_code: 2, respondent_role: 'service_user' },
    ]);
    expect(t.deps.db.prepare('SELECT body FROM comments').all()).toEqual([{ body: 'Staff listened.' }]);
    await context.close();
  });

  it.each([
    '/t/amberwood',
    '/t/amberwood/friends-family-carers',
    '/t/amberwood/friends-family-carers?lang=en-x-easyread',
    '/t/amberwood/service-user-prem',
    '/t/amberwood/carers-questionnaire',
    '/t/amberwood/easy-read-fft',
  ])('%s has no serious or critical accessibility problems (axe)', async (path) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });

  it('the later pages, an error and check your answers have no serious or critical problems (axe)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async () => {
      const results = await new AxeBuilder({ page }).analyze();
      for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        problems.push(`${page.url()} ${v.id}`);
      }
    };
    await page.goto(`${base}/t/penshurst/carers-questionnaire`);
    await page.click('button.nhsuk-button:not([name=skip])');
    await check(); // the error summary
    await page.check('#fft');
    await page.click('button.nhsuk-button:not([name=skip])');
    for (let n = 2; n <= 6; n += 1) {
      await check();
      await page.click('button.nhsuk-button:not([name=skip])');
    }
    await check(); // check your answers
    expect(page.url()).toMatch(/\/check$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
