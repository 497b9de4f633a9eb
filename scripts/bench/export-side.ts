import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { stringify } from 'csv-stringify';
import { bootstrap } from '../../src/bootstrap';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { memoryLogger } from '../../src/logger';
import { exportResponses } from '../../src/reports/report-exports';
import { percentile } from './journey-load';

/**
 * One side of the export benchmark (npm run bench, section (e)), in a process of its own so that its peak memory
 * is its own: `--side baseline` streams every response with plain `.iterate()` into csv-stringify; `--side ours`
 * runs the app's responses export (its own read-only connection) while a single response is stored every 5 ms by a
 * thread with its own connection (export-side-writer.ts, as the store worker stores survey posts), each timed on this
 * thread from when it was due to its reply, and watches the event loop's delay.
 * Prints one JSON line: rows, bytes, milliseconds, peak RSS and, for ours, the submissions' figures.
 */
const { values } = parseArgs({
  options: { side: { type: 'string' }, database: { type: 'string' } },
});
const databasePath = values.database ?? '';

/** A sink that counts what it is given, as a fast client would take it. */
function countingSink() {
  const sink = { bytes: 0 };
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  });
  return { sink, out };
}

/**
 * The baseline: the same rows (where, how, FFT code, the closed answers our export writes: not the equality answers,
 * nor the demo surveys' FFT and respondent-role items, which our fixed columns carry), nothing else.
 */
async function baseline() {
  const db = openDatabase(databasePath, { readonly: true });
  const statement = db.prepare(
    `SELECT r.id, r.submitted_on, su.code, v.version, t.code AS team, s.code AS site, d.code AS directorate,
            c.code AS community, r.mode, r.respondent_role, r.fft_code,
            (SELECT group_concat(item_code || '=' || value, ';') FROM response_answers
             WHERE response_id = r.id AND item_code NOT GLOB 'eq_*' AND item_code NOT IN ('fft', 'respondent_role'))
              AS answers
     FROM responses r
     JOIN survey_versions v ON v.id = r.survey_version_id JOIN surveys su ON su.id = v.survey_id
     JOIN teams t ON t.id = r.team_id JOIN sites s ON s.id = r.site_id
     JOIN directorates d ON d.id = r.directorate_id JOIN communities c ON c.id = r.community_id
     ORDER BY r.id`,
  );
  const { sink, out } = countingSink();
  let rows = 0;
  const started = performance.now();
  await pipeline(
    function* () {
      for (const row of statement.iterate()) {
        rows += 1;
        yield row;
      }
    },
    stringify({ header: true, bom: true, escape_formulas: true }),
    out,
  );
  const ms = performance.now() - started;
  db.close();
  return { rows, bytes: sink.bytes, ms };
}

async function ours() {
  const deps = bootstrap(
    loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_PATH: databasePath }),
    systemClock,
    memoryLogger(),
    openDatabase(databasePath),
  );
  const template = deps.db
    .prepare(
      `SELECT survey_version_id AS surveyVersionId, team_id AS teamId, site_id AS siteId,
              directorate_id AS directorateId, community_id AS communityId
       FROM responses ORDER BY id DESC LIMIT 1`,
    )
    .get();
  // The submissions go to a thread with its own connection, as the app's survey posts go to its store worker: this
  // thread posts each one and takes the reply, so a slice of the export that holds the event loop delays them.
  const writer = new Worker(path.join(__dirname, 'export-side-writer.js'), {
    workerData: { databasePath, template },
  });
  const stored = (seq: number) =>
    new Promise<void>((resolve, reject) => {
      const onReply = (reply: number) => {
        if (reply !== seq) return;
        writer.off('message', onReply);
        writer.off('error', reject);
        resolve();
      };
      writer.on('message', onReply);
      writer.once('error', reject);
      writer.postMessage({ seq });
    });
  const latencies: number[] = [];
  let running = true;
  let seq = 0;
  const submitter = (async () => {
    while (running) {
      const due = performance.now() + 5;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seq += 1;
      await stored(seq);
      latencies.push(performance.now() - due);
    }
  })();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const { sink, out } = countingSink();
  const started = performance.now();
  const { rows } = await exportResponses({
    databasePath,
    out,
    fromDay: '0000-01-01',
    toDay: '9999-12-31',
    scope: { level: 'trust', id: null },
    includeFreeText: false,
  });
  const ms = performance.now() - started;
  loop.disable();
  running = false;
  await submitter;
  writer.postMessage('close');
  await new Promise((resolve) => writer.once('exit', resolve));
  deps.db.close();
  return {
    rows,
    bytes: sink.bytes,
    ms,
    submissions: latencies.length,
    submitP50: percentile(latencies, 50),
    submitP99: percentile(latencies, 99),
    submitMax: Math.max(...latencies),
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
  };
}

async function main() {
  const result = values.side === 'ours' ? await ours() : await baseline();
  // Peak resident memory of this process over its life, as the operating system counted it (KB).
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMb })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
