import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createReportRepository } from '../../src/reports/report-repository';
import { periodOf } from '../../src/reports/report-period';
import { createReportService } from '../../src/reports/report-service';
import {
  exportAggregates,
  exportFftReturn,
  exportResponses,
  readReturnMapping,
  returnColumns,
  returnPeriodName,
  type ResponsesExportOptions,
  type ReturnMapping,
} from '../../src/reports/report-exports';
import { openDatabase } from '../../src/db/database';
import { parseCsv } from '../support/csv';
import { buildTestApp } from '../support/test-app';
import { responseWriter, writeMany } from '../support/report-data';

const BOM = '\uFEFF';

function collector() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

const rowsOf = (text: string) => parseCsv(text.replace(BOM, ''));

function fileApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-exports-'));
  const databasePath = path.join(dir, 'feedback.db');
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z', databasePath });
  return { t, databasePath, write: responseWriter(t.deps.db) };
}

/** The responses export of October 2026 for the whole trust without free text, or as `more` changes it. */
async function octoberExport(databasePath: string, more: Partial<ResponsesExportOptions> = {}) {
  const { out, text } = collector();
  const result = await exportResponses({
    databasePath,
    out,
    fromDay: '2026-10-01',
    toDay: '2026-10-31',
    scope: { level: 'trust', id: null },
    includeFreeText: false,
    ...more,
  });
  return { rows: result.rows, text: text() };
}

const mapping = (): ReturnMapping =>
  readReturnMapping(path.join(__dirname, '..', '..', 'data', 'fft-return-mapping.json'));

describe('the NHS England FFT monthly return', () => {
  const { t, write } = fileApp();
  writeMany(write, 3, { team: 'amberwood', fft: 1, mode: 'kiosk_tablet', on: '2026-10-02' });
  writeMany(write, 2, { team: 'amberwood', fft: 6, mode: 'online_qr', on: '2026-10-03' });
  write({ team: 'amberwood', fft: 3, mode: 'online_link', on: '2026-10-04' });
  write({ team: 'amberwood', fft: 4, mode: 'paper', role: 'helped_by_other', on: '2026-10-05' });
  write({ team: 'amberwood', fft: 5, mode: 'telephone', role: 'carer_on_behalf', on: '2026-10-06' });
  write({ team: 'amberwood', fft: 2, mode: 'sms', role: null, on: '2026-10-07' });
  write({ team: 'amberwood', fft: 1, mode: 'other', role: 'carer_own_experience', on: '2026-10-08' });
  write({ team: 'ruby', fft: 2, mode: 'paper', on: '2026-10-09' });
  write({ team: 'rosewood', fft: 1, mode: 'paper', on: '2026-10-10' });
  write({ team: 'ruby', fft: 5, mode: 'paper', on: '2026-11-01' });
  const reports = createReportRepository(t.deps.db);

  async function theReturn(m: ReturnMapping) {
    const { out, text } = collector();
    await exportFftReturn(reports, '2026-10', m, { orgCode: 'RXY', today: '2026-11-23', out });
    return text();
  }

  it('has the national columns in order, a BOM, and the six answers, total and modes per ward', async () => {
    const text = await theReturn(mapping());
    expect(text.startsWith(BOM)).toBe(true);
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual([...returnColumns]);
    expect(header?.slice(0, 11)).toEqual([
      'Org code',
      'Periodname',
      'Site code',
      'Ward name',
      '1 Very Good SUM',
      '2 Good SUM',
      '3 Neither Good nor Poor SUM',
      '4 Poor SUM',
      '5 Very Poor SUM',
      '6 Dont Know SUM',
      'Total Responses',
    ]);
    const column = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    const amberwood = rows.find((r) => column(r, 'Ward name') === 'Amberwood Ward');
    // carer_own_experience left out by default; not_stated included.
    expect(amberwood?.slice(0, 11)).toEqual([
      'RXY',
      'OCTOBER_2026',
      'RXY3P',
      'Amberwood Ward',
      '3',
      '1',
      '1',
      '1',
      '1',
      '2',
      '9',
    ]);
    expect(
      Object.fromEntries(
        [
          'Mode SMS',
          'Mode Electronic Discharge',
          'Mode Paper Discharge',
          'Mode Telephone',
          'Mode Online',
          'Mode Other',
          'Mode Electronic Home',
          'Mode Paper Home',
        ].map((m) => [m, column(amberwood, m)]),
      ),
    ).toEqual({
      'Mode SMS': '1',
      'Mode Electronic Discharge': '3',
      'Mode Paper Discharge': '1',
      'Mode Telephone': '1',
      'Mode Online': '3',
      'Mode Other': '0',
      'Mode Electronic Home': '0',
      'Mode Paper Home': '0',
    });
    // A site without an ODS code reports under the trust's; a mapped team under its mapping.
    expect(rows.find((r) => column(r, 'Ward name') === 'Ruby Ward')?.slice(2, 11)).toEqual([
      'RXY',
      'Ruby Ward',
      '0',
      '1',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(rows.find((r) => column(r, 'Ward name') === 'Rosewood Mother and Baby Unit')?.[2]).toBe('RXY');
    expect(rows).toHaveLength(3);
  });

  it('includes carers about their own experience when the mapping says so, and maps modes as configured', async () => {
    const m = mapping();
    m.includeRoles = [...m.includeRoles, 'carer_own_experience'];
    m.modeColumns.kiosk_tablet = 'Mode Other';
    const [header, ...rows] = rowsOf(await theReturn(m));
    const amberwood = rows.find((r) => r[3] === 'Amberwood Ward')!;
    expect(amberwood[header!.indexOf('Total Responses')]).toBe('10');
    expect(amberwood[header!.indexOf('Mode Other')]).toBe('4');
    expect(amberwood[header!.indexOf('Mode Electronic Discharge')]).toBe('0');
  });

  it('merges teams mapped to one grouping and leaves out teams mapped to null', async () => {
    const m = mapping();
    m.teams = {
      amberwood: null,
      ruby: { siteCode: 'RXY99', wardName: 'Inpatients' },
      rosewood: { siteCode: 'RXY99', wardName: 'Inpatients' },
    };
    const [, ...rows] = rowsOf(await theReturn(m));
    expect(rows.map((r) => r.slice(2, 11))).toEqual([
      ['RXY99', 'Inpatients', '1', '1', '0', '0', '0', '0', '2'],
    ]);
  });

  it.each([['='], ['+'], ['-'], ['@'], ['\t'], ['\r']])(
    'neutralises a ward name starting with %j so no spreadsheet runs it',
    async (prefix) => {
      const m = mapping();
      m.teams = { ruby: { siteCode: 'RXY', wardName: `${prefix}HYPERLINK("http://evil")` } };
      const text = await theReturn(m);
      expect(text).toContain(`'${prefix}HYPERLINK(""http://evil"")`);
      const ward = rowsOf(text).find((r) => r[3]?.includes('HYPERLINK'))?.[3];
      expect(ward).toBe(`'${prefix}HYPERLINK("http://evil")`);
    },
  );

  it.each([
    ['MONTH_YYYY', 'OCTOBER_2026'],
    ['Month YYYY', 'October 2026'],
    ['Mon-YY', 'Oct-26'],
    ['YYYY-MM', '2026-10'],
  ])('names the period with %p as %p', (template, name) => {
    expect(returnPeriodName(template, '2026-10')).toBe(name);
  });

  it('refuses a mapping file that maps a mode to a column the return does not have', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mapping-')), 'm.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ ...mapping(), modeColumns: { ...mapping().modeColumns, sms: 'Mode Pigeon' } }),
    );
    expect(() => readReturnMapping(file)).toThrow(/not valid/);
  });
});

describe('the responses export', () => {
  it('streams one row per response on a read-only connection, with answers by item code, neutralising formulas', async () => {
    const { t, databasePath, write } = fileApp();
    write({
      team: 'amberwood',
      fft: 2,
      mode: 'paper',
      answers: { kindness: 'agree', age_band: '=cmd|calc' },
      comments: [{ itemCode: 'what_good', body: '=HYPERLINK("http://evil","click")' }],
    });
    write({ team: 'ruby', fft: 6, comments: [{ itemCode: '\tcould_improve', body: '+1 more staff' }] });
    t.deps.db.transaction(() => writeMany(write, 1200, { team: 'fern', fft: 1 }))();
    write({ team: 'fern', fft: 1, on: '2026-09-30' });

    const withText = collector();
    // Submissions carry on while the export streams (WAL: the export's snapshot does not block the writer).
    let writtenDuringExport = 0;
    withText.out.once('data', () => {
      write({ team: 'fern', fft: 2 });
      writtenDuringExport += 1;
    });
    const result = await exportResponses({
      databasePath,
      out: withText.out,
      fromDay: '2026-10-01',
      toDay: '2026-10-31',
      scope: { level: 'trust', id: null },
      includeFreeText: true,
      batchSize: 100,
    });
    expect(result.rows).toBe(1202);
    const text = withText.text();
    expect(text.startsWith(BOM)).toBe(true);
    const [header, first, second] = rowsOf(text);
    expect(header).toEqual([
      'Response',
      'Date',
      'Survey',
      'Survey version',
      'Team',
      'Site',
      'Directorate',
      'Community of Excellence',
      'Collection mode',
      'Respondent role',
      'FFT code',
      'FFT answer',
      'age_band',
      'kindness',
      "'\tcould_improve",
      'what_good',
    ]);
    expect(first?.slice(4, 16)).toEqual([
      'amberwood',
      'littlebrook',
      'acute',
      'dartford',
      'paper',
      'service_user',
      '2',
      'Good',
      "'=cmd|calc",
      'agree',
      '',
      `'=HYPERLINK("http://evil","click")`,
    ]);
    expect(second?.[14]).toBe("'+1 more staff");
    expect(writtenDuringExport).toBe(1);
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 1204 });
  });

  it('joins a multiple choice with ";", keeps id order across slices and batches, and writes a header when empty', async () => {
    const { t, databasePath, write } = fileApp();
    const first = write({ team: 'amberwood', fft: 1, answers: { kindness: 'agree' } });
    write({ team: 'ruby', fft: 2, on: '2026-09-15' });
    const third = write({ team: 'ruby', fft: 3, answers: { kindness: 'disagree' } });
    const addAnswer = t.deps.db.prepare(
      'INSERT INTO response_answers (response_id, item_code, value) VALUES (:id, :itemCode, :value)',
    );
    for (const value of ['b_option', 'a_option']) addAnswer.run({ id: first, itemCode: 'services', value });
    const exported = (more: Partial<ResponsesExportOptions>) => octoberExport(databasePath, more);
    const whole = await exported({});
    expect(whole.rows).toBe(2);
    const [header, a, b] = rowsOf(whole.text);
    expect(header?.slice(12)).toEqual(['kindness', 'services']);
    expect([a?.[0], a?.[12], a?.[13]]).toEqual([String(first), 'agree', 'a_option;b_option']);
    expect([b?.[0], b?.[12], b?.[13]]).toEqual([String(third), 'disagree', '']);
    expect(await exported({ batchSize: 1, idsPerSlice: 1 })).toEqual(whole);
    const empty = await exported({ fromDay: '2026-10-31' });
    expect(empty.rows).toBe(0);
    expect(rowsOf(empty.text)).toEqual([header?.slice(0, 12)]);
  });

  it('leaves free text out unless the caller may see it, and filters by scope', async () => {
    const { databasePath, write, t } = fileApp();
    write({ team: 'amberwood', fft: 1, comments: [{ itemCode: 'what_good', body: 'Kind staff' }] });
    write({ team: 'ruby', fft: 2 });
    const ruby = t.deps.db.prepare("SELECT id FROM teams WHERE code = 'ruby'").get() as { id: number };
    const { text } = await octoberExport(databasePath, {
      scope: {
        level: 'directorate',
        id: t.deps.db.prepare("SELECT id FROM directorates WHERE code = 'acute'").pluck().get() as number,
      },
    });
    expect(text).not.toContain('Kind staff');
    expect(rowsOf(text)[0]).not.toContain('what_good');
    const r = await octoberExport(databasePath, { scope: { level: 'team', id: ruby.id } });
    expect(r.rows).toBe(1);
  });

  it('leaves out the equality answers and the answers the fixed columns already carry', async () => {
    const { t, databasePath, write } = fileApp();
    const survey = t.deps.db
      .prepare('SELECT definition FROM survey_versions ORDER BY id LIMIT 1')
      .pluck()
      .get() as string;
    const kinds = new Map(
      (JSON.parse(survey) as { pages: { items: { code: string; kind: string }[] }[] }).pages
        .flatMap((page) => page.items)
        .map((item) => [item.kind, item.code]),
    );
    const fftItem = kinds.get('fft') ?? '';
    expect(fftItem).not.toBe('');
    write({
      team: 'amberwood',
      fft: 4,
      role: 'carer_on_behalf',
      answers: { [fftItem]: '4', eq_age_band: '25_34', eq_ethnic_category: 'A', kindness: 'disagree' },
    });
    const { text } = await octoberExport(databasePath, { includeFreeText: true });
    const [header, row] = rowsOf(text);
    expect(header?.slice(12)).toEqual(['kindness']);
    expect(row?.slice(9)).toEqual(['carer_on_behalf', '4', 'Poor', 'disagree']);
    expect(text).not.toContain('25_34');
  });

  it('cannot write: the export connection is read-only', () => {
    const { databasePath } = fileApp();
    const db = openDatabase(databasePath, { readonly: true });
    expect(() => db.prepare('DELETE FROM responses').run()).toThrow(/readonly/);
    db.close();
  });
});

describe('the aggregates export', () => {
  it('is the report table as shown, labelled suppressed or not, with formula-safe names', async () => {
    const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
    const write = responseWriter(t.deps.db);
    writeMany(write, 2, { team: 'amberwood', fft: 1 });
    writeMany(write, 10, { team: 'cherrywood', fft: 2 });
    const service = createReportService({
      reports: createReportRepository(t.deps.db),
      clock: t.clock,
      trustName: '=Trust',
    });
    const run = async (suppress: boolean) => {
      const result = service.report({
        period: periodOf('month', '2026-10'),
        scope: { level: 'trust', code: null },
        basis: 'as_recorded',
        grouping: 'directorate',
        suppress,
      });
      const { out, text } = collector();
      await exportAggregates(result, out);
      return rowsOf(text());
    };
    const [header, trust, ...rest] = await run(true);
    expect(header?.slice(6, 15)).toEqual([
      'Very good',
      'Good',
      'Neither good nor poor',
      'Poor',
      'Very poor',
      "Don't know",
      'Total responses',
      '% positive',
      '% negative',
    ]);
    expect(trust?.[5]).toBe("'=Trust");
    expect(trust?.[2]).toBe('Suppressed (NHS England small-number rules)');
    const amberwood = rest.find((r) => r[5] === 'Amberwood Ward');
    expect(amberwood?.slice(6, 16)).toEqual(['*', '*', '*', '*', '*', '*', '2', '*', '*', 'first_level']);
    const [, open] = await run(false);
    expect(open?.[2]).toBe('Unsuppressed: internal use only, do not publish');
  });
});
