/**
 * Reporting benchmarks (issue 8): the dashboard's server time and the responses CSV export, at scale.
 *
 *   npm run bench:report-dashboard -- <database> [<database> ...] [--requests 60] [--export]
 *
 * For each database (seeded with `npm run seed:demo -- --responses N --database <file> --end 2026-11-20`): opens
 * it as the app does (migrations applied, so the first open of an older file backfills the roll-ups), checks the
 * summaries and roll-ups against a full recount, mounts the real dashboard router (reportRoutes: service, view
 * model and EJS render) on 127.0.0.1, then times GETs for the whole trust over 13 months and for one team,
 * alternating between the databases, printing p50 and p99 for each and the ratio of the last to the first. With --export (the last
 * database): the responses export (no free text) against a baseline of plain `.iterate()` -> csv-stringify over
 * the same rows, each with peak RSS, and single-response inserts every 5 ms during our export, timed from when
 * each was due (event-loop delay included), as submissions from other users would see them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify';
import express from 'express';
import { bootstrap } from '../../src/bootstrap';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { memoryLogger } from '../../src/logger';
import { exportResponses } from '../../src/reports/report-exports';
import { createResponseRepository } from '../../src/responses/response-repository';
import { reportRoutes } from '../../src/routes/reports/report-routes';
import { registerViewEngine } from '../../src/view-engine';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string', default: '60' }, export: { type: 'boolean', default: false } },
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

/** The baseline: the same rows, plain `.iterate()` straight into csv-stringify, nothing else. */
async function baselineExport(file: string): Promise<{ rows: number; ms: number; peakMb: number }> {
  const db = openDatabase(file, { readonly: true });
  let rows = 0;
  let peak = process.memoryUsage().rss;
  const started = performance.now();
  const statement = db.prepare(
    `SELECT r.id, r.submitted_on, su.code, v.version, t.code AS team, s.code AS site, d.code AS directorate,
            c.code AS community, r.mode, r.respondent_role, r.fft_code,
            (SELECT group_concat(item_code || '=' || value, ';') FROM response_answers WHERE response_id = r.id) AS answers
     FROM responses r
     JOIN survey_versions v ON v.id = r.survey_version_id JOIN surveys su ON su.id = v.survey_id
     JOIN teams t ON t.id = r.team_id JOIN sites s ON s.id = r.site_id
     JOIN directorates d ON d.id = r.directorate_id JOIN communities c ON c.id = r.community_id
     ORDER BY r.id`,
  );
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  await pipeline(
    function* () {
      for (const row of statement.iterate()) {
        rows += 1;
        if (rows % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        yield row;
      }
    },
    stringify({ header: true, bom: true, escape_formulas: true }),
    sink,
  );
  db.close();
  return { rows, ms: performance.now() - started, peakMb: peak / 1e6 };
}

async function exportBench(file: string): Promise<void> {
  const base = await baselineExport(file);
  say(
    `\nbaseline export (.iterate() -> csv-stringify): ${base.rows} rows in ${(base.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(base.peakMb)} MB`,
  );

  const { deps } = open(file);
  const responses = createResponseRepository(deps.db);
  const template = deps.db
    .prepare(
      `SELECT survey_version_id AS surveyVersionId, team_id AS teamId, site_id AS siteId,
              directorate_id AS directorateId, community_id AS communityId
       FROM responses ORDER BY id DESC LIMIT 1`,
    )
    .get() as Record<string, number>;
  const latencies: number[] = [];
  let peak = process.memoryUsage().rss;
  let running = true;
  let seq = 0;
  const submitter = (async () => {
    while (running) {
      const due = performance.now() + 5;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seq += 1;
      responses.insert({
        ...(template as {
          surveyVersionId: number;
          teamId: number;
          siteId: number;
          directorateId: number;
          communityId: number;
        }),
        submissionToken: `bench-export-${process.pid}-${seq}`,
        mode: 'kiosk_tablet',
        fftCode: 1,
        respondentRole: 'service_user',
        language: 'en',
        submittedAt: '2026-11-23T10:00:00.000Z',
        submittedOn: '2026-11-23',
        answers: [{ itemCode: 'kindness', value: 'agree' }],
        comments: [],
      });
      latencies.push(performance.now() - due);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  })();
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const started = performance.now();
  const { rows } = await exportResponses({
    databasePath: file,
    out: sink,
    fromDay: '2000-01-01',
    toDay: '2026-11-22',
    scope: { level: 'trust', id: null },
    includeFreeText: false,
  });
  const ms = performance.now() - started;
  running = false;
  await submitter;
  say(
    `our export (no free text): ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s (${(ms / base.ms).toFixed(2)}x the baseline), peak RSS ${Math.round(peak / 1e6)} MB`,
  );
  say(
    `submissions during it: ${latencies.length}, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
  );
  // Leave the database as it was: the submissions were ours.
  deps.db.prepare("DELETE FROM responses WHERE submission_token GLOB 'bench-export-*'").run();
  deps.services.reportRepository.recount();
  deps.db.close();
}

async function main(): Promise<void> {
  if (positionals.length === 0) throw new Error('give one or more seeded database files');
  await dashboards(positionals);
  if (values.export) await exportBench(positionals[positionals.length - 1]!);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
