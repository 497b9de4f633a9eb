import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type AppDeps } from '../../../src/app';
import { bootstrap } from '../../../src/bootstrap';
import { fixedClock } from '../../../src/clock';
import { loadConfig, type Config } from '../../../src/config';
import { openDatabase } from '../../../src/db/database';
import { memoryLogger } from '../../../src/logger';

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

/** The sizes every page is checked and photographed at. */
export const viewports = {
  phone: { name: 'phone', width: 375, height: 667 },
  kiosk: { name: 'kiosk', width: 1024, height: 768 },
  desktop: { name: 'desktop', width: 1280, height: 900 },
  narrow: { name: 'narrow', width: 320, height: 640 },
} satisfies Record<string, Viewport>;

/** The real app, listening on 127.0.0.1 with a temp-file database, and the suite's browser. */
export interface Site {
  baseUrl: string;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
  browser: Browser;
  /** A fresh browser context (own cookies) whose pages record CSP violations and console errors. */
  newPage(viewport: Viewport, options?: { reducedMotion?: boolean; javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export const startedAt = '2026-11-23T10:00:00Z';

/** Records CSP violations seen by the page; registered before any page script runs. */
const recordCspViolations = () => {
  const seen: string[] = [];
  (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
  document.addEventListener('securitypolicyviolation', (event) => {
    seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
  });
};

/**
 * The one refusal we expect and accept: the NHS.UK stylesheet asks for the Frutiger web fonts from assets.nhs.uk,
 * and our CSP (font-src 'self') refuses them, so the form never contacts a third party and text falls back to
 * Arial, as NHS.UK's own font stack intends. See docs/accessibility-testing.md.
 */
const acceptedRefusal = /^font-src blocked https:\/\/assets\.nhs\.uk\/fonts\/Frutiger/;
const acceptedFontRefusal = /^Loading the font 'https:\/\/assets\.nhs\.uk\/fonts\/Frutiger[^']*' violates/;

/** `overrides` replaces parsed configuration values (e.g. a kiosk countdown shorter than production allows). */
export async function startSite(overrides: Partial<Config> = {}): Promise<Site> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmpt-browser-'));
  const clock = fixedClock(startedAt);
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_PATH: path.join(dir, 'feedback.db'),
    }),
    ...overrides,
  };
  const deps = bootstrap(config, clock, memoryLogger(), openDatabase(config.DATABASE_PATH));
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const endpoint = process.env.BROWSER_WS_ENDPOINT;
  if (!endpoint) throw new Error('No browser: run the browser tests with `npm run test:browser`.');
  const browser = await chromium.connect(endpoint);
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    deps,
    clock,
    browser,
    async newPage(viewport, options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: viewport.width, height: viewport.height },
        reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
        javaScriptEnabled: options.javaScript ?? true,
      });
      contexts.push(context);
      await context.addInitScript(recordCspViolations);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('console', (message) => {
        // A 4xx page is itself logged as "Failed to load resource"; failed sub-resources are caught below.
        const text = message.text();
        if (
          message.type() === 'error' &&
          !text.startsWith('Failed to load resource') &&
          !acceptedFontRefusal.test(text)
        ) {
          errors.push(text);
        }
      });
      page.on('response', (response) => {
        if (!response.request().isNavigationRequest() && response.status() >= 400) {
          errors.push(`${response.status()} for ${response.url()}`);
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      (page as Page & { consoleErrors: string[] }).consoleErrors = errors;
      return page;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      deps.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions the page has produced so far (CSP refusals are logged here too). */
export function consoleErrors(page: Page): string[] {
  return (page as Page & { consoleErrors?: string[] }).consoleErrors ?? [];
}

/** CSP violations the page has reported (securitypolicyviolation events), less the accepted font refusal. */
export async function cspViolations(page: Page): Promise<string[]> {
  const seen = await page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
  return seen.filter((violation) => !acceptedRefusal.test(violation));
}
