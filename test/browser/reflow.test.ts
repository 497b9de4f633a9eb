import {
  applyTextSpacing,
  clippedText,
  horizontalOverflow,
  smallTargets,
} from './support/accessibility-checks';
import { startSite, viewports, type Site } from './support/browser-site';
import { allStates, openState } from './support/page-checks';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

describe.each(allStates)('$label', ({ check, state }) => {
  it(`reflows at 320 px, survives text spacing, has targets of at least ${check.minTarget} px, and respects reduced motion`, async () => {
    const page = await openState(site, state, viewports.narrow, { reducedMotion: true });

    // WCAG 1.4.10: 320 CSS px is 1280 px at 400% zoom, so this also covers 200%.
    expect(await horizontalOverflow(page)).toBe(0);

    // WCAG 2.5.5 on pages the public fill in (44 px), 2.5.8 elsewhere (24 px); measured at phone size.
    await page.setViewportSize(viewports.phone);
    expect(await smallTargets(page, check.minTarget)).toEqual([]);

    // Nothing animates when the person has asked for reduced motion.
    expect(
      await page.evaluate(() => document.getAnimations().map((a) => a.id || String(a.constructor.name))),
    ).toEqual([]);

    // WCAG 1.4.12: the text spacing override at 320 px and at desktop size loses no content.
    await applyTextSpacing(page);
    for (const viewport of [viewports.narrow, viewports.desktop]) {
      await page.setViewportSize(viewport);
      expect({
        viewport: viewport.name,
        overflow: await horizontalOverflow(page),
        clipped: await clippedText(page),
      }).toEqual({
        viewport: viewport.name,
        overflow: 0,
        clipped: [],
      });
    }
  });
});

describe('the checks themselves', () => {
  it('report sideways scrolling, a small target and text that spills out of its box', async () => {
    const page = await site.newPage(viewports.narrow);
    await page.goto('/t/amberwood/easy-read-fft');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.locator('button[type=submit]').evaluate((button) => {
      button.style.setProperty('width', '20px', 'important');
      button.style.setProperty('height', '20px', 'important');
      button.style.setProperty('min-height', '0', 'important');
      button.style.setProperty('padding', '0', 'important');
      button.style.setProperty('white-space', 'nowrap', 'important');
    });
    await page.locator('h1').evaluate((h1) => h1.style.setProperty('min-width', '400px'));
    expect(await horizontalOverflow(page)).toBeGreaterThan(0);
    expect(await smallTargets(page, 44)).toEqual([
      expect.stringMatching(/^button\.nhsuk-button "Send feedback" is 20x20/),
    ]);
    expect(await clippedText(page)).toContain('button: Send feedback');
  });
});
