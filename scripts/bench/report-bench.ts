/**
 * Reporting benchmark (issue 8): the dashboard's server time at scale. The responses CSV export is measured by
 * `npm run bench` (section (f), scripts/bench/export-side.ts).
 *
 *   npm run bench:report-dashboard -- <database> [<database> ...] [--requests 60]
 *
 * For each database (seeded with `npm run seed:demo -- --responses N --database <file> --end 2026-11-20`): opens
 * it as the app does (migrations applied, so the first open of an older file backfills the roll-ups), checks the
 * summaries and roll-ups against a full recount, mounts the real dashboard router (reportRoutes: service, view
 * model and EJS render) on 127.0.0.1, then times GETs for the whole trust over 13 months and for one team,
 * * alternating between the databases, printing p50 and p99 for each and the ratio of the last to the first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { bootstrap } from '../../src/bootstrap';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { memoryLogger } from '../../src/logger';
import { reportRoutes } from '../../src/routes/reports/report-routes';
import { registerViewEngine } from '../../src/view-engine';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string', default: '60' } },
});
const requests = Math.max(5, Number(values.requests));
const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const scenarios = [
  { name: 'trust, 13 months, as recorded', query: 'period=custom&month=2025-10&to=2026-10' },
  {
    name: 'trust, 13 months, current structure',
    query: 'period=custom&month=2025-10&to=2026-10&basis=current',
  },
  { name: 'one team, 13 months', query: 'period=custom&month=2025-10&to=2026-10&scope=team:amberwood' },
  { name: 'trust, last month (default)', query: 'month=2026-10' },
];

function get(port: number, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      })
      .on('error', reject);
  });
}

function open(file: string) {
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const started = performance.now();
  const deps = bootstrap(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    clock,
    memoryLogger(),
    openDatabase(file),
  );
  return { deps, clock, openMs: performance.now() - started };
}

interface Served {
  file: string;
  port: number;
  close: () => void;
}

async function serve(file: string): Promise<Served> {
  const { deps, clock, openMs } = open(file);
  const n = (deps.db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  say(`\n${file}: ${n.toLocaleString('en-GB')} responses (opened and migrated in ${Math.round(openMs)} ms)`);
  const differences = deps.services.reportRepository.differencesFromRecount();
  say(`summaries and roll-ups differing from a full recount: ${differences}`);
  const rollupRows = deps.db
    .prepare(
      `SELECT (SELECT count(*) FROM report_month_places) AS places,
                (SELECT count(*) FROM report_month_breakdowns) AS breakdowns,
                (SELECT count(*) FROM report_trust_breakdowns) AS trust`,
    )
    .get() as { places: number; breakdowns: number; trust: number };
  say(
    `roll-up rows: ${rollupRows.places} by place, ${rollupRows.breakdowns} by team and mode or role, ${rollupRows.trust} for the trust`,
  );
  const app = express();
  app.set('query parser', 'simple');
  registerViewEngine(app, { cache: true });
  app.locals.serviceName = 'Feedback';
  app.use(reportRoutes({ reports: deps.services.reports, clock, mayUnsuppress: () => true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    file,
    port,
    close: () => {
      server.close();
      deps.db.close();
    },
  };
}

/**
 * Every database served at once; each scenario's requests alternate between them, so a noisy machine slows them
 * alike and the ratio of the last to the first is a fair comparison (figures from separate runs are not).
 */
async function dashboards(files: string[]): Promise<void> {
  const served: Served[] = [];
  for (const file of files) served.push(await serve(file));
  const names = served.map((s, i) => `db${i + 1}`);
  say(
    `\n${served.map((s, i) => `${names[i]!} = ${s.file}`).join(', ')}; ${requests} requests each, alternating`,
  );
  say(
    `| dashboard | ${names.map((n) => `${n} p50 / p99 ms`).join(' | ')} |${served.length > 1 ? ' last/first p50 | last/first p99 |' : ''}`,
  );
  say(`|---|${names.map(() => '---|').join('')}${served.length > 1 ? '---|---|' : ''}`);
  for (const s of scenarios) {
    const path = `/staff/reports?${s.query}`;
    for (let i = 0; i < 3; i++) for (const one of served) await get(one.port, path);
    const times = served.map((): number[] => []);
    for (let i = 0; i < requests; i++) {
      for (const [j, one] of served.entries()) {
        const r = await get(one.port, path);
        if (r.status !== 200) throw new Error(`${s.name} on ${one.file}: status ${r.status}`);
        times[j]!.push(r.ms);
      }
    }
    const p50 = times.map((t) => percentile(t, 50));
    const p99 = times.map((t) => percentile(t, 99));
    const ratios =
      served.length > 1
        ? ` ${(p50[p50.length - 1]! / p50[0]!).toFixed(2)} | ${(p99[p99.length - 1]! / p99[0]!).toFixed(2)} |`
        : '';
    say(
      `| ${s.name} | ${p50.map((p, j) => `${p.toFixed(1)} / ${p99[j]!.toFixed(1)}`).join(' | ')} |${ratios}`,
    );
  }
  for (const one of served) one.close();
}

async function main(): Promise<void> {
  if (positionals.length === 0) throw new Error('give one or more seeded database files');
  await dashboards(positionals);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
