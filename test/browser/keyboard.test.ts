import type { Page } from 'playwright-core';
import { focusNotVisible } from './support/accessibility-checks';
import {
  consoleErrors,
  cspViolations,
  startSite,
  viewports,
  type Site,
  type Viewport,
} from './support/browser-site';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

/** What has focus, as a CSS-ish description: 'input#fft-2', 'a.nhsuk-skip-link'. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
  });

/**
 * Presses Tab until the focused element matches the selector, checking that every element focused on the way
 * shows a visible focus indicator not hidden by anything. Records the problems it sees.
 */
async function tabTo(page: Page, selector: string, problems: string[], key = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press(key);
    const problem = await focusNotVisible(page);
    if (problem) problems.push(problem);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${key} never reached ${selector}; focus is on ${await focused(page)}`);
}

/** Presses a key that submits a form, and waits for the page it leads to. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

const latestResponse = () =>
  site.deps.db
    .prepare(
      `SELECT r.fft_code, r.respondent_role, (SELECT c.body FROM comments c WHERE c.response_id = r.id) AS comment
       FROM responses r ORDER BY r.id DESC LIMIT 1`,
    )
    .get() as { fft_code: number; respondent_role: string | null; comment: string | null } | undefined;

describe.each([
  { viewport: viewports.phone, reducedMotion: false },
  { viewport: viewports.kiosk, reducedMotion: true },
])(
  'the Friends, Family and Carers survey with the keyboard alone at $viewport.name size (reduced motion: $reducedMotion)',
  (options) => {
    it('starts from the start page, recovers from a failed submission through the error summary, skips the optional pages and sends feedback', async () => {
      const viewport: Viewport = options.viewport;
      const page = await site.newPage(viewport, { reducedMotion: options.reducedMotion });
      const problems: string[] = [];
      await page.goto('/t/amberwood');
      const comment = `Keyboard journey at ${viewport.name} size`;

      // The start page's button leads to the survey.
      await tabTo(page, 'a[href$="/friends-family-carers"]', problems);
      await pressAndLoad(page, 'Enter');
      expect(page.url()).toMatch(/\/t\/amberwood\/friends-family-carers$/);

      // The skip link is the first thing Tab reaches, is visible when focused, and moves focus to <main>.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('a.nhsuk-skip-link');
      expect(await focusNotVisible(page)).toBeUndefined();
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatch(/^main#maincontent/);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('a.nhsuk-back-link');
      // Then the Easy Read switch, then the first question.
      await tabTo(page, 'input[name=fft]', problems);
      expect(await focused(page)).toBe('input#fft.nhsuk-radios__input');

      // Send without answering: the error summary takes focus, and its link leads to the question.
      await tabTo(page, 'button[type=submit]', problems);
      await pressAndLoad(page, 'Enter');
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'));
      expect(await page.title()).toMatch(/^Error: /);
      await tabTo(page, '.nhsuk-error-summary a', problems);
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('input#fft.nhsuk-radios__input');

      // Space picks the focused answer, arrow keys move through the group.
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name=fft]:checked').getAttribute('value')).toBe('2');
      expect(await focusNotVisible(page)).toBeUndefined();

      await tabTo(page, '#what_good', problems);
      await page.keyboard.type(comment);
      await tabTo(page, 'input[name=respondent_role]', problems);
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name=respondent_role]:checked').getAttribute('value')).toBe(
        'helped_by_other',
      );

      // Shift+Tab goes back the same way.
      await tabTo(page, 'button[type=submit]', problems);
      await tabTo(page, 'input[name=respondent_role]', problems, 'Shift+Tab');
      await tabTo(page, 'button[type=submit]', problems);
      await pressAndLoad(page, 'Enter');

      // The three optional "About you" pages: one tap on "Skip these questions" each.
      for (const next of [/\/3$/, /\/4$/, /\/thank-you$/]) {
        expect(await page.locator('h1').innerText()).toMatch(/About you/);
        await tabTo(page, 'button[name=skip]', problems);
        await pressAndLoad(page, 'Enter');
        expect(page.url()).toMatch(next);
      }

      expect(await page.locator('h1').innerText()).toBe('Thank you for your feedback');
      expect(latestResponse()).toEqual({ fft_code: 2, respondent_role: 'helped_by_other', comment });
      expect(problems).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      expect(consoleErrors(page)).toEqual([]);
    });
  },
);

describe('without JavaScript', () => {
  it('puts the error summary first in <main>, so Tab after the skip link reaches its first link', async () => {
    const page = await site.newPage(viewports.phone, { javaScript: false });
    await page.goto('/t/amberwood/friends-family-carers');
    await page.locator('button[type=submit]').focus();
    await pressAndLoad(page, 'Enter');
    expect(await page.title()).toMatch(/^Error: /);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a.nhsuk-skip-link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.nhsuk-error-summary') !== null)).toBe(
      true,
    );
    expect(await focusNotVisible(page)).toBeUndefined();
  });
});
