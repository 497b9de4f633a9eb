import type { Page } from 'playwright-core';
import {
  applyTextSpacing,
  clippedText,
  horizontalOverflow,
  smallTargets,
} from './support/accessibility-checks';
import { startSite, viewports, type Site } from './support/browser-site';
import { answerSurvey, enrolKiosk, submit } from './support/page-checks';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => site?.close());

const rootFontSize = (page: Page) =>
  page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));

describe('the large-text option in Chromium', () => {
  it.each([
    ['a survey page', '/t/amberwood/friends-family-carers', undefined],
    ['a kiosk page', '/kiosk/friends-family-carers', enrolKiosk],
  ])(
    'on %s: works without JavaScript, still reflows at 320 px, keeps 44 px targets and loses no text',
    async (_name, path, setUp) => {
      const page = await site.newPage(viewports.narrow, { javaScript: false });
      if (setUp) await setUp(page, site);
      await page.goto(path);
      const standard = await rootFontSize(page);
      await submit(page, 'form.app-text-size button');
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.locator('html').getAttribute('class')).toBe('app-large-text');
      expect(await rootFontSize(page)).toBeGreaterThanOrEqual(standard * 1.2);

      // The second page of the journey keeps the larger text.
      await answerSurvey(page, { fft: '1' });
      await submit(page, 'main form[method=post]:not(.app-text-size) button[type=submit]:not([name=skip])');
      expect(await page.locator('html').getAttribute('class')).toBe('app-large-text');

      for (const viewport of [viewports.narrow, viewports.phone]) {
        await page.setViewportSize(viewport);
        expect({ viewport: viewport.name, overflow: await horizontalOverflow(page) }).toEqual({
          viewport: viewport.name,
          overflow: 0,
        });
      }
      expect(await smallTargets(page, 44)).toEqual([]);
      await applyTextSpacing(page);
      await page.setViewportSize(viewports.narrow);
      expect({ overflow: await horizontalOverflow(page), clipped: await clippedText(page) }).toEqual({
        overflow: 0,
        clipped: [],
      });
    },
  );
});
