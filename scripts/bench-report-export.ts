/**
 * Benchmark: reports and exports on a large database while submissions continue (reliability proof 15).
 * Usage: npm run build && node dist/scripts/bench-report-export.js [responses=200000]
 * Prints: load time, dashboard report time (trust, financial year), responses-export rows/s, the single-response
 * inserts achieved during the export with their p99 latency, event-loop delay p99/max and peak RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { bootstrap } from '../src/bootstrap';
import { fixedClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { memoryLogger } from '../src/logger';
import { createResponseRepository, type NewResponse } from '../src/responses/response-repository';
import { collectionModes } from '../src/responses/submission-token';
import { exportResponses } from '../src/reports/report-exports';
import { periodOf } from '../src/reports/report-period';

const total = Number(process.argv[2] ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
const databasePath = path.join(dir, 'feedback.db');
const clock = fixedClock('2026-11-23T10:00:00Z');
const deps = bootstrap(
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  clock,
  memoryLogger(),
  openDatabase(databasePath),
);
const { db } = deps;
const teams = deps.services.organisation.listActiveTeamsOn('2026-11-23');
const surveyVersionId = (db.prepare('SELECT id FROM survey_versions LIMIT 1').get() as { id: number }).id;
const responses = createResponseRepository(db);
const roles = ['service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience'] as const;

let seq = 0;
function aResponse(): NewResponse {
  seq += 1;
  const team = teams[seq % teams.length]!;
  const day = new Date(Date.UTC(2025, 3, 1) + (seq % 600) * 86_400_000).toISOString().slice(0, 10);
  return {
    submissionToken: `bench-${seq}`,
    surveyVersionId,
    teamId: team.teamId,
    siteId: team.siteId,
    directorateId: team.directorateId,
    communityId: team.communityId,
    mode: collectionModes[seq % collectionModes.length]!,
    fftCode: (seq % 6) + 1,
    respondentRole: roles[seq % roles.length]!,
    language: 'en',
    submittedAt: `${day}T12:00:00.000Z`,
    submittedOn: day,
    answers: [{ itemCode: 'kindness', value: 'agree' }],
    comments:
      seq % 3 === 0
        ? [{ itemCode: 'what_good', commentType: 'what_good', body: 'The staff were kind.' }]
        : [],
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let started = performance.now();
  const load = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) responses.insert(aResponse());
  });
  for (let done = 0; done < total; done += 10_000) load(Math.min(10_000, total - done));
  print(`loaded ${total} responses in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const result = deps.services.reports.report({
    period: periodOf('financial_year', '2026-10'),
    scope: { level: 'trust', code: null },
    basis: 'current',
    grouping: 'directorate',
    suppress: true,
  });
  print(
    `dashboard report (trust, financial year, current structure, suppressed): ${Math.round(performance.now() - started)} ms, ${result.table.total} responses`,
  );

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let peakRss = process.memoryUsage().rss;
  const insertLatencies: number[] = [];
  let exporting = true;
  const writer = (async () => {
    while (exporting) {
      const t0 = performance.now();
      responses.insert(aResponse());
      insertLatencies.push(performance.now() - t0);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  started = performance.now();
  const { rows } = await exportResponses({
    databasePath,
    out: sink,
    fromDay: '2025-04-01',
    toDay: '2027-03-31',
    scope: { level: 'trust', id: null },
    includeFreeText: true,
  });
  const seconds = (performance.now() - started) / 1000;
  exporting = false;
  await writer;
  loopDelay.disable();
  print(
    `responses export: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s)`,
  );
  print(
    `during the export: ${insertLatencies.length} single-response inserts, p99 ${percentile(insertLatencies, 99).toFixed(2)} ms; event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms; peak RSS ${Math.round(peakRss / 1e6)} MB`,
  );
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
