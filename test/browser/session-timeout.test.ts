import { axeViolations, focusNotVisible } from './support/accessibility-checks';
import { consoleErrors, cspViolations, startSite, viewports, type Site } from './support/browser-site';
import { signInAs } from './support/page-checks';

/**
 * The staff session time-limit warning (WCAG 2.2.1, public/js/session-timeout.mjs). The page's timers run on
 * Playwright's fake clock and the server's session limits on the site's clock, so 30 minutes pass in no time.
 */
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

const minutes = (n: number) => n * 60_000;

describe('the staff session time-limit warning', () => {
  it('warns 2 minutes before the idle limit, "Stay signed in" extends the session, and doing nothing signs out', async () => {
    const idle = minutes(site.deps.config.SESSION_IDLE_MINUTES);
    const page = await site.newPage(viewports.phone);
    await page.clock.install();
    await signInAs(page, site);
    await page.goto('/staff');
    const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });

    // Nothing shows until 2 minutes before the limit.
    await page.clock.fastForward(idle - minutes(2) - 1000);
    await expect(dialog.isVisible()).resolves.toBe(false);
    await page.clock.fastForward(2000);
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay signed in');
    expect(await focusNotVisible(page)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);

    // "Stay signed in" (keyboard) renews the server's idle limit: the server has seen 28 minutes pass.
    site.clock.advance(idle - minutes(2));
    const [keepAlive] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/staff/session/keep-alive')),
      page.keyboard.press('Enter'),
    ]);
    expect(keepAlive.status()).toBe(204);
    await dialog.waitFor({ state: 'hidden' });

    // Long after the first limit, the session is still this person's.
    site.clock.advance(minutes(20));
    await page.clock.fastForward(minutes(20));
    await expect(dialog.isVisible()).resolves.toBe(false);

    // Then, with no answer to the next warning, the page signs out at the limit.
    await page.clock.fastForward(minutes(8));
    await dialog.waitFor();
    site.clock.advance(minutes(9) - 2000);
    await Promise.all([page.waitForURL(/\/staff\/sign-in$/), page.clock.fastForward(minutes(2))]);
    expect(await page.locator('h1').innerText()).toBe('Sign in');
    const signOuts = site.deps.db
      .prepare(`SELECT count(*) AS n FROM audit_events WHERE action = 'sign_out'`)
      .get() as { n: number };
    expect(signOuts.n).toBe(1);
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('is not on public pages', async () => {
    const page = await site.newPage(viewports.phone);
    await page.clock.install();
    await page.goto('/t/amberwood');
    await page.clock.fastForward(minutes(60));
    expect(await page.locator('dialog').count()).toBe(0);
  });
});
