import { parseArgs } from 'node:util';
import { bootstrap } from '../src/bootstrap';
import { londonDateOf, systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { countSums } from '../src/db/group-commit';
import { createLogger } from '../src/logger';
import { createResponseRepository } from '../src/responses/response-repository';
import { createSurveyRepository } from '../src/surveys/survey-repository';
import { createDemoGenerator, profileTeams } from './demo/demo-generator';

/**
 * npm run seed:demo -- --responses <N> [--months <M>] [--database <path>] [--seed <s>] [--end <YYYY-MM-DD>]
 *
 * Fills a database with deterministic demo feedback across every active team, survey, mode and role. Rows go
 * through the app's own response repository (so anything its insert maintains stays right), in batches of 50,000
 * per transaction. Seeding the same seed again stores nothing twice (the tokens repeat).
 */
const BATCH = 50_000;

function main(): void {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string', default: '10000' },
      months: { type: 'string', default: '13' },
      database: { type: 'string' },
      seed: { type: 'string', default: '1' },
      end: { type: 'string' },
    },
  });
  const total = Number(values.responses);
  const months = Number(values.months);
  const seed = Number(values.seed);
  if (!Number.isInteger(total) || total < 1 || total > 50_000_000)
    fail('--responses must be 1 to 50,000,000');
  if (!Number.isFinite(months) || months <= 0 || months > 120)
    fail('--months must be more than 0, up to 120');
  if (!Number.isInteger(seed)) fail('--seed must be a whole number');
  const end = values.end ? new Date(`${values.end}T21:00:00Z`) : systemClock.now();
  if (Number.isNaN(end.getTime())) fail('--end must be a date written YYYY-MM-DD');

  const config = loadConfig({
    ...process.env,
    ...(values.database ? { DATABASE_PATH: values.database } : {}),
  });
  const logger = createLogger('warn');
  const db = openDatabase(config.DATABASE_PATH);
  const deps = bootstrap(config, systemClock, logger, db);

  const teams = deps.services.organisation.listActiveTeamsOn(londonDateOf(end));
  const surveys = createSurveyRepository(db).listLatest();
  const generator = createDemoGenerator(
    profileTeams(teams, seed),
    surveys,
    { seed, end, months },
    londonDateOf,
  );
  // Each batch's summary and roll-up counts are summed and written once, before its commit, as a group commit does.
  const counts = countSums();
  const responses = createResponseRepository(db, { count: counts.add });

  const started = process.hrtime.bigint();
  let stored = 0;
  let skipped = 0;
  const storeBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      if (responses.insert(generator.response(i)).stored) stored += 1;
      else skipped += 1;
    }
    counts.write();
  });
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    storeBatch(from, to);
    process.stdout.write(`\r  ${to.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  process.stdout.write(
    `\nSeeded ${stored.toLocaleString('en-GB')} responses (${skipped.toLocaleString('en-GB')} already present) ` +
      `across ${teams.length} teams and ${surveys.length} survey(s), ${months} months to ${londonDateOf(end)}, ` +
      `seed ${seed}, into ${config.DATABASE_PATH}\n` +
      `Time ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString('en-GB')} responses/s\n`,
  );
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main();
