import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { axeViolations, focusNotVisible, pageStructure } from './support/accessibility-checks';
import { consoleErrors, cspViolations, startSite, viewports, type Site } from './support/browser-site';
import { allStates, openState, pageChecks } from './support/page-checks';

const screenshotDir = path.join(projectRoot, 'test-artefacts', 'screenshots');
const fileSafe = (text: string) => text.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

let site: Site;
beforeAll(async () => {
  site = await startSite();
  fs.mkdirSync(screenshotDir, { recursive: true });
});
afterAll(async () => site?.close());

/**
 * Which page each title belongs to: two different pages must never share a title (WCAG 2.4.2). A row that repeats
 * a survey page in another channel (`sameTitleAs`) shares the titles of the row it repeats, deliberately.
 */
const titleOwners = new Map<string, string>();

describe.each(allStates)('$label', ({ check, state }) => {
  // One visit per state checks both (a visit can mean signing in and filling forms): keep the run short.
  it('has a unique, descriptive title ("Error: " first when there are errors), an ordered heading outline, and no serious or critical axe violations at phone, kiosk and desktop sizes, and no CSP violations', async () => {
    const page = await openState(site, state, viewports.desktop);
    const { title, hasErrors, headings } = await pageStructure(page);
    expect(title).toMatch(
      new RegExp(`^${hasErrors ? 'Error: ' : '(?!Error: )'}.+ - ${site.deps.config.SERVICE_NAME} - NHS$`),
    );
    const withoutPrefix = title.replace(/^Error: /, '');
    const owner = check.sameTitleAs ?? check.name;
    expect(titleOwners.get(withoutPrefix) ?? owner).toBe(owner);
    titleOwners.set(withoutPrefix, owner);
    expect(headings).toEqual([]);

    const found: string[] = [];
    for (const viewport of [viewports.phone, viewports.kiosk, viewports.desktop]) {
      await page.setViewportSize(viewport);
      found.push(...(await axeViolations(page)).map((v) => `[${viewport.name}] ${v}`));
      await page.screenshot({
        path: path.join(screenshotDir, `${check.name}--${fileSafe(state.name)}--${viewport.name}.png`),
        fullPage: true,
      });
    }
    // The CSP is enforced here (the context does not bypass it): nothing the page loads may be refused.
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
    expect(found).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('let a page share titles only with a row that exists and repeats no other row', () => {
    const names = new Set(pageChecks.map((check) => check.name));
    const sharing = pageChecks.filter((check) => check.sameTitleAs !== undefined);
    expect(sharing.filter((check) => !names.has(check.sameTitleAs!)).map((check) => check.name)).toEqual([]);
    const repeated = new Set(sharing.map((check) => check.sameTitleAs));
    expect(sharing.filter((check) => repeated.has(check.name)).map((check) => check.name)).toEqual([]);
  });

  it('report an axe violation and a CSP refusal when a page has them', async () => {
    const page = await site.newPage(viewports.desktop);
    await page.goto('/');
    await page.locator('label[for=q]').evaluate((label) => label.remove());
    await page.locator('#q').evaluate((input) => input.removeAttribute('aria-describedby'));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'void 0';
      document.body.append(script);
    });
    expect((await axeViolations(page)).join('\n')).toMatch(/^label \(critical\)/m);
    expect((await cspViolations(page)).join('\n')).toMatch(/script-src/);
  });

  it('report a focused element whose focus indicator has been removed', async () => {
    const page = await site.newPage(viewports.desktop);
    await page.goto('/not-a-page');
    await page.locator('main a').first().focus();
    expect(await focusNotVisible(page)).toBeUndefined();
    await page
      .locator('main a')
      .first()
      .evaluate((link) => {
        link.style.setProperty('outline', 'none', 'important');
        link.style.setProperty('box-shadow', 'none', 'important');
      });
    expect(await focusNotVisible(page)).toMatch(/has no visible focus indicator/);
  });
});
