import type { Page } from 'playwright-core';
import { consoleErrors, cspViolations, startSite, viewports, type Site } from './support/browser-site';
import { answerSurvey, signInAs, skip, submit } from './support/page-checks';

/**
 * Reliability proof 7: hostile text given through the public survey, then read by PALS in a real Chromium with the
 * CSP enforced. Nothing in it runs, the CSP reports nothing, and what PALS read is exactly what was written.
 */
const hostile = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '"><svg onload="window.__pwned = \'svg\'"></svg>',
  "'); window.__pwned = 'quote'; ('",
  '<%= process.pid %> and {{7*7}} and ${7*7}',
  '=HYPERLINK("http://example.invalid","click me")',
  'javascript:window.__pwned = "url"',
  'Right-to-left \u202Eevil\u202C override, Welsh ŵ ŷ, emoji 🙂, and a line\nbreak',
];

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

/** Completes the team's survey in the browser with the text as "what was good", skipping the optional pages. */
async function giveComment(page: Page, text: string): Promise<void> {
  await page.goto('/t/amberwood/friends-family-carers');
  await answerSurvey(page, { fft: '2', whatGood: text });
  await submit(page);
  for (let step = 0; step < 20 && !page.url().endsWith('/thank-you'); step += 1) {
    if ((await page.locator('button[name=skip]').count()) > 0) await skip(page);
    else await submit(page);
  }
  expect(new URL(page.url()).pathname).toBe('/t/amberwood/thank-you');
}

async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await cspViolations(page)).toEqual([]);
  expect(consoleErrors(page)).toEqual([]);
}

describe('stored hostile content in staff pages (proof 7)', () => {
  it('is shown to PALS as text, exactly as written, and never runs', async () => {
    const respondent = await site.newPage(viewports.phone);
    for (const text of hostile) await giveComment(respondent, text);
    const stored = site.deps.db
      .prepare("SELECT id, body FROM comments WHERE comment_type = 'what_good' ORDER BY id")
      .all() as { id: number; body: string }[];
    // The browser sends a text area's line break as CRLF; the form keeps it as the person typed it.
    expect(stored.map((row) => row.body.replace(/\r\n/g, '\n'))).toEqual(hostile);

    const pals = await site.newPage(viewports.desktop);
    await signInAs(pals, site, 'pals');
    await pals.goto('/staff/pals/comments');
    await expectNothingRan(pals);
    const inbox = await pals.locator('main').innerText();
    for (const text of hostile.slice(0, 7)) expect(inbox).toContain(text);

    for (const row of stored) {
      await pals.goto(`/staff/pals/comments/${row.id}`);
      await expectNothingRan(pals);
      const shown = await pals.locator('blockquote.app-comment-text').evaluate((el) => el.textContent);
      // HTML parsing turns CRLF into LF; every other character comes back as stored.
      expect(shown).toBe(row.body.replace(/\r\n/g, '\n'));
    }

    // Search highlights wrap matches in <mark>: the rest of the text is still text.
    await pals.goto(`/staff/pals/comments?search=${encodeURIComponent('script pwned')}`);
    await expectNothingRan(pals);
    expect(await pals.locator('main mark').count()).toBeGreaterThan(0);
    expect(await pals.locator('main script').count()).toBe(0);
  });
});
