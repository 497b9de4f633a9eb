import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { startSite, viewports, type Site } from './support/browser-site';

/**
 * Kiosk mode in a real Chromium (docs/kiosks.md), with short idle, countdown and return times through config
 * (production keeps the countdown at 30 seconds or more).
 */
let site: Site;
let credential = '';
beforeAll(async () => {
  site = await startSite({ KIOSK_IDLE_SECONDS: 2, KIOSK_COUNTDOWN_SECONDS: 3, KIOSK_RETURN_SECONDS: 2 });
  const kiosk = site.deps.services.kiosk;
  const pointId = kiosk.createPoint(
    {
      code: 'amberwood-dayroom',
      label: 'Day room tablet',
      teamCode: 'amberwood',
      mode: 'kiosk_tablet',
      surveyCodes: ['friends-family-carers'],
    },
    null,
  );
  credential = kiosk.enrol(pointId, null).credential;
});
afterAll(async () => site?.close());

async function kioskPage(): Promise<Page> {
  const page = await site.newPage(viewports.kiosk);
  await page.context().addCookies([{ name: 'kiosk_device', value: credential, url: site.baseUrl }]);
  return page;
}

/** Presses Tab until the focused element matches the selector. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

const drafts = () =>
  (site.deps.db.prepare('SELECT count(*) AS n FROM survey_drafts').get() as { n: number }).n;
const responses = () =>
  site.deps.db.prepare('SELECT mode, collection_point_id AS point FROM responses ORDER BY id').all() as {
    mode: string;
    point: number | null;
  }[];

/** Answers the first question and the comment, leaving the kiosk part-way through the survey. */
async function answerFirstTwo(page: Page, comment: string): Promise<void> {
  await page.goto('/kiosk');
  await page.check('input[name=fft][value="1"]');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:not([name=skip])')]);
  await page.fill('#what_good', comment);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:not([name=skip])')]);
}

describe('kiosk mode', () => {
  it('completes the survey one question per screen with the keyboard alone, tagged kiosk_tablet', async () => {
    const page = await kioskPage();
    const before = responses().length;
    await page.goto('/kiosk');
    expect(new URL(page.url()).pathname).toBe('/kiosk/friends-family-carers');
    await tabTo(page, 'input[name=fft]');
    await page.keyboard.press('ArrowDown'); // moves to and selects the second answer
    await tabTo(page, 'button[type=submit]:not([name=skip])');
    await pressAndLoad(page, 'Enter');
    for (let screen = 0; screen < 20 && !page.url().endsWith('/thank-you'); screen += 1) {
      expect(await page.locator('main fieldset, main .nhsuk-character-count').count()).toBeLessThanOrEqual(1);
      await tabTo(page, 'button[type=submit]');
      await pressAndLoad(page, 'Enter');
    }
    expect(new URL(page.url()).pathname).toBe('/kiosk/thank-you');
    const pointId = site.deps.services.kiosk.pointByCode('amberwood-dayroom')!.id;
    expect(responses().slice(before)).toEqual([{ mode: 'kiosk_tablet', point: pointId }]);
  });

  it('asks "Are you still there?", gives more time, then clears the answers on the server and from Back', async () => {
    const page = await kioskPage();
    await answerFirstTwo(page, 'The nurses were kind');
    expect(drafts()).toBe(1);
    const dialog = page.locator('#kiosk-timeout-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kiosk-more-time');
    await page.keyboard.press('Enter'); // "I need more time"
    await dialog.waitFor({ state: 'hidden' });
    expect(drafts()).toBe(1);

    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForURL(/\/kiosk\/friends-family-carers\?cleared=1$/, { timeout: 10_000 });
    expect(await page.locator('main [role=status]').innerText()).toContain(
      'We cleared the form to protect your privacy',
    );
    expect(drafts()).toBe(0);

    // Back through every page of the cleared journey (the comment's own page included) shows none of it.
    for (let back = 0; back < 3; back += 1) {
      await page.goBack();
      await page.waitForLoadState();
      expect(await page.content()).not.toContain('The nurses were kind');
      const comment = page.locator('#what_good');
      if ((await comment.count()) > 0) expect(await comment.inputValue()).toBe('');
    }
  });

  it('returns from the thank-you page by itself, and Finish returns at once', async () => {
    const page = await kioskPage();
    await page.goto('/kiosk');
    await page.check('input[name=fft][value="2"]');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:not([name=skip])')]);
    for (let screen = 0; screen < 20 && !page.url().endsWith('/thank-you'); screen += 1) {
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    }
    expect(await page.locator('a.nhsuk-button', { hasText: 'Finish' }).isVisible()).toBe(true);
    await page.waitForURL(/\/kiosk\/friends-family-carers$/, { timeout: 10_000 });

    await page.goto('/kiosk/thank-you');
    await Promise.all([page.waitForNavigation(), page.click('a.nhsuk-button')]);
    expect(new URL(page.url()).pathname).toBe('/kiosk/friends-family-carers');
  });

  it('shows a friendly page on a tablet that is not enrolled', async () => {
    const page = await site.newPage(viewports.kiosk);
    const response = await page.goto('/kiosk');
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('This tablet is not set up for feedback');
  });
});

describe('poster', () => {
  it('has a QR code that a camera would read as the team QR address', async () => {
    const page = await site.newPage(viewports.desktop);
    await page.goto('/posters/amberwood');
    const side = 400;
    const pixels = await page.evaluate(async (size) => {
      const svg = document.querySelector('svg.app-poster__qr') as SVGSVGElement;
      const markup = new XMLSerializer().serializeToString(svg);
      const image = new Image(size, size);
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, size, size);
      context.drawImage(image, 0, 0, size, size);
      return Array.from(context.getImageData(0, 0, size, size).data);
    }, side);
    const decoded = jsQR(Uint8ClampedArray.from(pixels), side, side)?.data;
    expect(decoded).toBe('http://localhost:3000/q/amberwood');
  });
});
