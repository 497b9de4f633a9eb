import { chromium, type BrowserServer } from 'playwright-core';

/** Where the browser is: Debian's chromium (CI installs it with apt); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Starts one browser for the whole run (with a fresh temporary profile); test files connect to it. */
export default async function globalSetup(): Promise<void> {
  const server = await chromium.launchServer({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  (globalThis as { browserServer?: BrowserServer }).browserServer = server;
  process.env.BROWSER_WS_ENDPOINT = server.wsEndpoint();
}
