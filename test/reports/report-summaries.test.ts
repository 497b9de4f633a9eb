import fc from 'fast-check';
import { createGroupCommit } from '../../src/db/group-commit';
import { createReportRepository } from '../../src/reports/report-repository';
import { collectionModes } from '../../src/responses/submission-token';
import { readMigrations } from '../../src/db/migrate';
import { migrationsDir } from '../../src/paths';
import { buildTestApp, giveFeedback } from '../support/test-app';
import { responseWriter } from '../support/report-data';

const summaryRows = (t: ReturnType<typeof buildTestApp>) =>
  t.deps.db
    .prepare(
      `SELECT team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month, fft_code,
              responses
       FROM response_summaries ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    )
    .all();

const teams = ['amberwood', 'ruby', 'medway-cmht', 'penshurst', 'fern'] as const;
const roles = ['service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience', null] as const;
const days = ['2025-12-31', '2026-01-01', '2026-03-15', '2026-04-01', '2026-11-23'] as const;

const aResponse = fc.record({
  team: fc.constantFrom(...teams),
  fft: fc.integer({ min: 1, max: 6 }),
  on: fc.constantFrom(...days),
  mode: fc.constantFrom(...collectionModes),
  role: fc.constantFrom(...roles),
  // PREM agreement and equality answers: counted in answer_summaries (migration 0014).
  answers: fc.dictionary(
    fc.constantFrom('kindness', 'involved', 'eq_sex', 'eq_ethnicity'),
    fc.constantFrom('agree', 'strongly_disagree', 'not_applicable', 'female', 'asian_bangladeshi'),
    { maxKeys: 3 },
  ),
});

const answerSummaryRows = (t: ReturnType<typeof buildTestApp>) =>
  t.deps.db
    .prepare(
      `SELECT month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses
       FROM answer_summaries ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    )
    .all();

describe('report summaries', () => {
  it('count each response in the same insert, and always equal a full recount', () => {
    const seed = Date.now() % 2_147_483_647;
    // Printed so a failure can be replayed with fc.assert(..., { seed }).
    process.stdout.write(`report-summaries property seed: ${seed}\n`);
    fc.assert(
      fc.property(fc.array(aResponse, { minLength: 1, maxLength: 60 }), (specs) => {
        const t = buildTestApp();
        const write = responseWriter(t.deps.db);
        for (const spec of specs) write(spec);
        const reports = createReportRepository(t.deps.db);
        expect(reports.differencesFromRecount()).toBe(0);
        const maintained = summaryRows(t);
        const total = maintained.reduce<number>((n, row) => n + (row as { responses: number }).responses, 0);
        expect(total).toBe(specs.length);
        const answers = answerSummaryRows(t);
        const answerTotal = answers.reduce<number>(
          (n, row) => n + (row as { responses: number }).responses,
          0,
        );
        expect(answerTotal).toBe(specs.reduce((n, spec) => n + Object.keys(spec.answers).length, 0));
        reports.recount();
        expect(summaryRows(t)).toEqual(maintained);
        expect(answerSummaryRows(t)).toEqual(answers);
      }),
      { seed, numRuns: 30 },
    );
  }, 30_000);

  it('summed per group commit, as the survey stores them, still equal a full recount; an undone response counts nowhere', async () => {
    const seed = Date.now() % 2_147_483_647;
    process.stdout.write(`report-summaries group property seed: ${seed}\n`);
    const groups = fc.array(
      fc.array(fc.record({ spec: aResponse, undone: fc.boolean() }), { maxLength: 12 }),
      {
        minLength: 1,
        maxLength: 6,
      },
    );
    await fc.assert(
      fc.asyncProperty(groups, async (batches) => {
        const t = buildTestApp();
        const commits = createGroupCommit(t.deps.db);
        const write = responseWriter(t.deps.db, { count: (upsert, key) => commits.count(upsert, key) });
        let kept = 0;
        for (const batch of batches) {
          // Queued in the same turn: one group, one transaction, the counts summed.
          await Promise.allSettled(
            batch.map(({ spec, undone }) =>
              commits.run(() => {
                write(spec);
                if (undone) throw new Error('undone after its insert');
                kept += 1;
              }),
            ),
          );
        }
        const reports = createReportRepository(t.deps.db);
        expect(reports.differencesFromRecount()).toBe(0);
        const total = summaryRows(t).reduce<number>(
          (n, row) => n + (row as { responses: number }).responses,
          0,
        );
        expect(total).toBe(kept);
      }),
      { seed, numRuns: 25 },
    );
  }, 30_000);

  it('notices a summary that drifted from the responses, and the recount repairs it', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'amberwood', fft: 1 });
    write({ team: 'amberwood', fft: 2 });
    t.deps.db.prepare('UPDATE response_summaries SET responses = responses + 1 WHERE fft_code = 1').run();
    const reports = createReportRepository(t.deps.db);
    expect(reports.differencesFromRecount()).toBe(2);
    reports.recount();
    expect(reports.differencesFromRecount()).toBe(0);
  });

  it('notices an answer summary that drifted, and the recount repairs it', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'amberwood', fft: 1, answers: { kindness: 'agree', eq_sex: 'female' } });
    write({ team: 'ruby', fft: 2, answers: { kindness: 'agree' } });
    t.deps.db.prepare("DELETE FROM answer_summaries WHERE item_code = 'eq_sex'").run();
    const reports = createReportRepository(t.deps.db);
    expect(reports.differencesFromRecount()).toBe(1);
    reports.recount();
    expect(reports.differencesFromRecount()).toBe(0);
    expect(answerSummaryRows(t)).toHaveLength(3);
  });

  it('notices a drifted % agree roll-up, and the recount repairs it even when a row had drifted low', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'amberwood', fft: 1, answers: { kindness: 'agree', eq_sex: 'female' } });
    write({ team: 'ruby', fft: 2, answers: { kindness: 'agree' } });
    t.deps.db.prepare('UPDATE report_agreement_trust_months SET responses = 0').run();
    t.deps.db.prepare('UPDATE report_agreement_months SET responses = responses + 5').run();
    const reports = createReportRepository(t.deps.db);
    // The trust row at zero is missing once; each of the two by-place rows differs twice.
    expect(reports.differencesFromRecount()).toBe(5);
    reports.recount();
    expect(reports.differencesFromRecount()).toBe(0);
    expect(
      t.deps.db.prepare('SELECT item_code, value, responses FROM report_agreement_trust_months').all(),
    ).toEqual([{ item_code: 'kindness', value: 'agree', responses: 2 }]);
  });

  it('counts a response with no stated role under not_stated, by the month of its London date', () => {
    const t = buildTestApp();
    responseWriter(t.deps.db)({ team: 'ruby', fft: 6, role: null, on: '2026-03-31' });
    expect(summaryRows(t)).toEqual([
      expect.objectContaining({ respondent_role: 'not_stated', month: '2026-03', fft_code: 6, responses: 1 }),
    ]);
  });
});

describe('report summaries through the real survey and the migration', () => {
  it('counts a response submitted through the public survey', async () => {
    const t = buildTestApp();
    expect(await giveFeedback(t.app, 'amberwood', { fft: '2' })).toBe('/t/amberwood/thank-you');
    expect(summaryRows(t)).toEqual([
      expect.objectContaining({
        mode: 'online_link',
        respondent_role: 'not_stated',
        fft_code: 2,
        month: '2026-11',
        responses: 1,
      }),
    ]);
    expect(createReportRepository(t.deps.db).differencesFromRecount()).toBe(0);
  });

  it('counts responses stored before migration 0007 when it is applied', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'ruby', fft: 1 });
    write({ team: 'ruby', fft: 1 });
    // Replay 0007 on a database whose summaries are gone, as if the responses predated it.
    const sql = readMigrations(migrationsDir).find((m) => m.version === 7)!.sql;
    t.deps.db.exec('DROP TABLE response_summaries');
    t.deps.db.exec(sql);
    expect(summaryRows(t)).toEqual([expect.objectContaining({ fft_code: 1, responses: 2 })]);
  });
});

describe("the dashboard's monthly roll-ups (migration 0019)", () => {
  const rollupRows = (t: ReturnType<typeof buildTestApp>) => ({
    places: t.deps.db
      .prepare(
        `SELECT month, team_id, site_id, directorate_id, community_id, fft_code, responses
         FROM report_month_places ORDER BY 1, 2, 3, 4, 5, 6`,
      )
      .all(),
    breakdowns: t.deps.db
      .prepare(
        `SELECT team_id, month, site_id, directorate_id, community_id, breakdown, value, fft_code, responses
         FROM report_month_breakdowns ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
      )
      .all(),
    trust: t.deps.db
      .prepare(
        `SELECT month, breakdown, value, fft_code, responses
         FROM report_trust_breakdowns ORDER BY 1, 2, 3, 4`,
      )
      .all(),
  });
  const placeOf = (t: ReturnType<typeof buildTestApp>, team: string) =>
    t.deps.db
      .prepare(
        `SELECT DISTINCT site_id AS siteId, directorate_id AS directorateId
         FROM report_month_places WHERE team_id = (SELECT id FROM teams WHERE code = :team) ORDER BY 1, 2`,
      )
      .all({ team });

  it('equal a full recount after inserts, a move and a retention purge', async () => {
    const t = buildTestApp({ now: '2024-01-10T10:00:00Z', env: { RETENTION_COMMENT_TEXT_MONTHS: '24' } });
    const reports = createReportRepository(t.deps.db);
    await giveFeedback(t.app, 'ruby', { fft: '1', could_improve: 'Old comment' });
    await giveFeedback(t.app, 'amberwood', { fft: '5' });
    expect(reports.differencesFromRecount()).toBe(0);

    // Ruby Ward moves to Forensic and Specialist: responses from then on are recorded there.
    t.clock.set('2025-06-01T10:00:00Z');
    t.deps.services.organisationChanges.changePlacement(
      'ruby',
      { siteCode: 'trevor-gibbens', directorateCode: 'forensic-specialist', communityCode: 'maidstone' },
      '2025-06-01',
      null,
    );
    await giveFeedback(t.app, 'ruby', { fft: '2' });
    await giveFeedback(t.app, 'ruby', { fft: '2' });
    expect(placeOf(t, 'ruby')).toHaveLength(2);
    expect(reports.differencesFromRecount()).toBe(0);

    t.clock.set('2026-02-01T10:00:00Z');
    expect(t.deps.services.retention.purge(null)[0]?.affected).toBe(1);
    expect(reports.differencesFromRecount()).toBe(0);

    const maintained = rollupRows(t);
    expect(maintained.places).toHaveLength(3);
    expect(maintained.trust).toEqual([
      { month: '2024-01', breakdown: 'mode', value: 'online_link', fft_code: 1, responses: 1 },
      { month: '2024-01', breakdown: 'mode', value: 'online_link', fft_code: 5, responses: 1 },
      { month: '2024-01', breakdown: 'role', value: 'not_stated', fft_code: 1, responses: 1 },
      { month: '2024-01', breakdown: 'role', value: 'not_stated', fft_code: 5, responses: 1 },
      { month: '2025-06', breakdown: 'mode', value: 'online_link', fft_code: 2, responses: 2 },
      { month: '2025-06', breakdown: 'role', value: 'not_stated', fft_code: 2, responses: 2 },
    ]);
    reports.recount();
    expect(rollupRows(t)).toEqual(maintained);
  });

  it('notice a drifted roll-up row, and the recount repairs it', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'amberwood', fft: 1, mode: 'paper', role: 'carer_on_behalf' });
    const reports = createReportRepository(t.deps.db);
    t.deps.db.prepare("UPDATE report_trust_breakdowns SET responses = 2 WHERE breakdown = 'role'").run();
    t.deps.db.prepare('DELETE FROM report_month_places').run();
    t.deps.db.prepare("UPDATE report_month_breakdowns SET value = 'sms' WHERE breakdown = 'mode'").run();
    // Each drifted row differs twice (missing from one side, extra on the other) except the deleted one.
    expect(reports.differencesFromRecount()).toBe(5);
    reports.recount();
    expect(reports.differencesFromRecount()).toBe(0);
  });

  it('count responses stored before migration 0019 when it is applied', () => {
    const t = buildTestApp();
    const write = responseWriter(t.deps.db);
    write({ team: 'ruby', fft: 1, mode: 'paper' });
    write({ team: 'ruby', fft: 1, mode: 'sms', role: null });
    const maintained = rollupRows(t);
    const sql = readMigrations(migrationsDir).find((m) => m.version === 19)!.sql;
    t.deps.db.exec(
      'DROP TABLE report_month_places; DROP TABLE report_month_breakdowns; DROP TABLE report_trust_breakdowns',
    );
    t.deps.db.exec(sql);
    expect(rollupRows(t)).toEqual(maintained);
    expect(maintained.places).toEqual([expect.objectContaining({ fft_code: 1, responses: 2 })]);
  });
});
