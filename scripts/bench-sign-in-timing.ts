import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';

/**
 * Prints the response times of failed sign-ins for an unknown email and for a known email with a wrong
 * password, at the production argon2id cost, on an in-memory database. They should be about the same.
 *   npm run build && node dist/scripts/bench-sign-in-timing.js [rounds]
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 30);
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SIGN_IN_ADDRESS_LIMIT: '10000' });
  const deps = bootstrap(config, systemClock, createLogger('silent'), openDatabase(':memory:'));
  await deps.services.staff.admin.createWithPassword({
    email: 'known@kmpt.nhs.uk',
    password: 'a long benchmark passphrase',
    roles: [{ role: 'viewer', directorateId: null, teamId: null }],
  });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const page = await fetch(`${base}/staff/sign-in`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';

  const attempt = async (email: string) => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${base}/staff/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, email, password: 'not the right password' }).toString(),
      redirect: 'manual',
    });
    await res.text();
    if (res.status !== 400) throw new Error(`expected 400, got ${res.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const unknown: number[] = [];
  const wrong: number[] = [];
  await attempt('warm-up@kmpt.nhs.uk');
  for (let i = 0; i < rounds; i += 1) {
    unknown.push(await attempt(`nobody${i}@kmpt.nhs.uk`));
    // Fewer than 10 in a row per account would not lock; reset the counter so the lock-out never kicks in.
    wrong.push(await attempt('known@kmpt.nhs.uk'));
    deps.services.staff.users.clearFailures(1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const report = (name: string, xs: number[]) =>
    `${name.padEnd(28)} median ${median(xs).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  process.stdout.write(
    `argon2id m=${config.ARGON2_MEMORY_KIB} KiB, t=${config.ARGON2_TIME_COST}, p=${config.ARGON2_PARALLELISM}; ${rounds} rounds\n` +
      `${report('unknown email', unknown)}\n${report('known email, wrong password', wrong)}\n`,
  );
  server.close();
  deps.db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
