import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Statement } from 'better-sqlite3';
import { stringify, type ColumnOption } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { z } from 'zod';
import { openDatabase, type Db } from '../db/database';
import { countKeys, type FftCounts } from '../fft/fft-percentages';
import { FFT_ANSWERS } from '../fft/fft-question';
import { flattenRows } from '../fft/fft-suppression';
import { collectionModes } from '../responses/submission-token';
import { EQUALITY_PREFIX } from '../surveys/equality-monitoring';
import { monthLabel } from './report-period';
import type { ReportRepository, ScopeLevel } from './report-repository';
import type { ReportResult } from './report-service';

/**
 * CSV exports. Every file: explicit columns, UTF-8 with a byte-order mark (Excel), and formula neutralisation on
 * every cell, headers included (a cell starting with = + - @ TAB or CR gets a leading quote, so a comment such
 * as =HYPERLINK(...) never runs in a spreadsheet). Rows are streamed with backpressure.
 */
const csvOptions = { header: true, bom: true, escape_formulas: true } as const;

/** Streams rows to CSV with the options every export shares (BOM, header, formulas neutralised). */
export async function writeCsv(
  out: Writable,
  columns: ColumnOption[],
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
): Promise<void> {
  await pipeline(Readable.from(rows), stringify({ ...csvOptions, columns }), out);
}

/** Lets the event loop serve other requests between batches of a long export. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves when `out` can take more, rejects if it closes or fails first (the client went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the export was closed before it finished'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

async function finish(out: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
    out.end();
  });
}

export interface ResponsesExportOptions {
  /** The database file: the export reads on its own read-only connection, never the app's. */
  databasePath: string;
  /**
   * Only for a `:memory:` database (tests), which cannot be opened twice: read on this connection instead. A
   * file database always gets its own read-only connection.
   */
  memoryDatabase?: Db;
  out: Writable;
  fromDay: string;
  toDay: string;
  scope: { level: ScopeLevel; id: number | null };
  /** Free-text answers are included only for PALS. */
  includeFreeText: boolean;
  /** Rows turned into CSV and written at a time; the export yields to the event loop at least every `sliceMs`. */
  batchSize?: number;
  sliceMs?: number;
  /** Response ids read per query (tests make it small to cross many slices). */
  idsPerSlice?: number;
}

/**
 * One raw row per response, for a slice of response ids at a time, read in id order straight off the table (the
 * unary + keeps the planner off the by-day index, which would sort the whole period before the first row: seconds
 * at a million, with the event loop blocked). The closed answers come as `item US value RS item US value ...` in
 * (item, value) order, equality answers left out (see `exportResponses`): scanned, not JSON-parsed, per row.
 * Survey, team and place come as ids and are named from the small tables read once (the `*CodesSql` queries): six
 * joins per row were 0.5 to 0.9 s of a 10 s export at a million.
 */
const responsesSql = `
  SELECT r.id, r.submitted_on, r.survey_version_id, r.team_id, r.site_id, r.directorate_id, r.community_id,
         r.mode, coalesce(r.respondent_role, ''), r.fft_code,
         (SELECT group_concat(item_code || char(31) || value, char(30)) FROM response_answers
          WHERE response_id = r.id AND item_code NOT GLOB :equalityItems),
         CASE WHEN :includeFreeText = 1 THEN
           (SELECT json_group_object(item_code, body) FROM comments WHERE response_id = r.id)
         END
  FROM responses r
  WHERE r.id > :afterId AND r.id <= :untilId
    AND +r.submitted_on BETWEEN :fromDay AND :toDay
    AND (:level = 'trust'
         OR (:level = 'community' AND r.community_id = :id)
         OR (:level = 'directorate' AND r.directorate_id = :id)
         OR (:level = 'site' AND r.site_id = :id)
         OR (:level = 'team' AND r.team_id = :id))
  ORDER BY r.id`;

/** The names a response's ids stand for: a few hundred rows, read inside the export's read transaction. */
const surveyVersionCodesSql =
  'SELECT v.id, su.code, v.version FROM survey_versions v JOIN surveys su ON su.id = v.survey_id';
const teamCodesSql = 'SELECT id, code FROM teams';
const siteCodesSql = 'SELECT id, code FROM sites';
const directorateCodesSql = 'SELECT id, code FROM directorates';
const communityCodesSql = 'SELECT id, code FROM communities';

const idRangeSql =
  'SELECT coalesce(min(id), 0) - 1 AS afterId, coalesce(max(id), 0) AS lastId FROM responses';

/** Response ids per query: a slice with no row in the period is still a short step of the event loop. */
const defaultIdsPerSlice = 10_000;

/** Every item code ever answered, by hopping along the (item_code, value) index: one seek per code, no scan. */
const answerCodesSql = `
  WITH RECURSIVE codes (code) AS (
    SELECT min(item_code) FROM response_answers
    UNION ALL
    SELECT (SELECT min(item_code) FROM response_answers WHERE item_code > codes.code) FROM codes
    WHERE codes.code IS NOT NULL)
  SELECT code FROM codes WHERE code IS NOT NULL`;

const answerInPeriodSql = `
  SELECT EXISTS (SELECT 1 FROM response_answers a JOIN responses r ON r.id = a.response_id
                 WHERE a.item_code = :code AND r.submitted_on BETWEEN :fromDay AND :toDay)`;

/**
 * Item codes the fixed columns already carry: every version's FFT question ('FFT code') and respondent-role
 * question ('Respondent role'). Read from the definitions, a few rows.
 */
const carriedItemsSql = `
  SELECT DISTINCT json_extract(i.value, '$.code')
  FROM survey_versions v, json_each(v.definition, '$.pages') p, json_each(p.value, '$.items') i
  WHERE json_extract(i.value, '$.kind') IN ('fft', 'respondent_role')`;

const commentItemsSql = `
  SELECT DISTINCT m.item_code AS itemCode FROM comments m JOIN responses r ON r.id = m.response_id
  WHERE r.submitted_on BETWEEN :fromDay AND :toDay ORDER BY m.item_code`;

const fftLabelOf = new Map<number, string>(FFT_ANSWERS.map((a) => [a.code, a.label]));

/** The fixed columns, in the order of `responsesSql`'s first eleven, then the FFT answer's label. */
const fixedColumns = [
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
];

/**
 * id, day, survey version id, team id, site id, directorate id, community id, mode, role, FFT code, answers,
 * comments.
 */
type RawResponse = (string | number | null)[];

/**
 * One row per response: where it was given (as recorded), how, by whom, the FFT answer, the other closed answers by
 * item code (a multiple choice joined with ';'; never the equality answers) and, only when allowed, the free text.
 * Anonymous: no token, no timestamp finer than the day. Rows are written in batches with backpressure and the event
 * loop is given back every `sliceMs`, so submissions carry on while a large export runs.
 */
export async function exportResponses(options: ResponsesExportOptions): Promise<{ rows: number }> {
  const shared = options.databasePath === ':memory:' ? options.memoryDatabase : undefined;
  const db = shared ?? openDatabase(options.databasePath, { readonly: true });
  const batchSize = options.batchSize ?? 100;
  const sliceMs = options.sliceMs ?? 4;
  const idsPerSlice = options.idsPerSlice ?? defaultIdsPerSlice;
  const out = options.out;
  let rows = 0;
  try {
    // One read transaction over the header and every slice: the file is exported as it stood when the export
    // began (a response arriving meanwhile cannot bring an item code the header lacks).
    if (!shared) db.exec('BEGIN');
    const params = { fromDay: options.fromDay, toDay: options.toDay };
    const inPeriod = db.prepare(answerInPeriodSql).pluck();
    const carried = new Set(db.prepare(carriedItemsSql).pluck().all() as string[]);
    // Equality answers are special category data: row by row, with the team and the day, they would identify people
    // in a small team, which the equality report's suppression exists to prevent. They are analysed there only.
    const answerItems = (db.prepare(answerCodesSql).pluck().all() as string[]).filter(
      (code) =>
        !code.startsWith(EQUALITY_PREFIX) && !carried.has(code) && inPeriod.get({ ...params, code }) === 1,
    );
    const commentItems = options.includeFreeText
      ? (db.prepare(commentItemsSql).all(params) as { itemCode: string }[]).map((r) => r.itemCode)
      : [];
    const answerAt = new Map(answerItems.map((code, i) => [code, fixedColumns.length + i]));
    const commentAt = new Map(
      commentItems.map((code, i) => [code, fixedColumns.length + answerItems.length + i]),
    );
    const width = fixedColumns.length + answerItems.length + commentItems.length;
    const columns: ColumnOption[] = [...fixedColumns, ...answerItems, ...commentItems].map((header, i) => ({
      key: String(i),
      header,
    }));

    const codesOf = (statement: Statement) =>
      new Map((statement.raw().all() as [number, string][]).map(([id, code]) => [id, code]));
    const versions = new Map<number, [string, string]>(
      (db.prepare(surveyVersionCodesSql).raw().all() as [number, string, number][]).map(
        ([id, code, version]) => [id, [code, String(version)]],
      ),
    );
    const teams = codesOf(db.prepare(teamCodesSql));
    const sites = codesOf(db.prepare(siteCodesSql));
    const directorates = codesOf(db.prepare(directorateCodesSql));
    const communities = codesOf(db.prepare(communityCodesSql));

    const blank = new Array<string>(width).fill('');
    const record = (row: RawResponse): string[] => {
      const cells = blank.slice();
      const [surveyCode, version] = versions.get(row[2] as number) ?? ['', ''];
      cells[0] = String(row[0]);
      cells[1] = String(row[1]);
      cells[2] = surveyCode;
      cells[3] = version;
      cells[4] = teams.get(row[3] as number) ?? '';
      cells[5] = sites.get(row[4] as number) ?? '';
      cells[6] = directorates.get(row[5] as number) ?? '';
      cells[7] = communities.get(row[6] as number) ?? '';
      cells[8] = String(row[7]);
      cells[9] = String(row[8]);
      cells[10] = String(row[9]);
      cells[11] = fftLabelOf.get(row[9] as number) ?? '';
      const answers = row[10] as string | null;
      // Scanned in place: a split into pairs allocated a string per answer and an array per row.
      for (let start = 0; answers && start < answers.length;) {
        const cut = answers.indexOf('\x1f', start);
        const next = answers.indexOf('\x1e', cut);
        const end = next === -1 ? answers.length : next;
        const at = answerAt.get(answers.slice(start, cut));
        if (at !== undefined) {
          const value = answers.slice(cut + 1, end);
          cells[at] = cells[at] ? `${cells[at]};${value}` : value;
        }
        start = end + 1;
      }
      const comments = row[11] as string | null;
      if (comments) {
        for (const [code, body] of Object.entries(JSON.parse(comments) as Record<string, string>)) {
          const at = commentAt.get(code);
          if (at !== undefined) cells[at] = body;
        }
      }
      return cells;
    };

    const statement = db.prepare(responsesSql).raw();
    let batch: string[][] = [];
    let first = true;
    let sliceStart = performance.now();
    const flush = async () => {
      const text = stringifySync(batch, { ...csvOptions, header: first, bom: first, columns });
      first = false;
      batch = [];
      if (!out.write(text)) await drained(out);
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    };
    const query = {
      ...params,
      level: options.scope.level,
      id: options.scope.id ?? 0,
      includeFreeText: options.includeFreeText ? 1 : 0,
      equalityItems: `${EQUALITY_PREFIX}*`,
    };
    const { afterId, lastId } = db.prepare(idRangeSql).get() as { afterId: number; lastId: number };
    for (let after = afterId; after < lastId; after += idsPerSlice) {
      for (const row of statement.iterate({
        ...query,
        afterId: after,
        untilId: after + idsPerSlice,
      }) as Iterable<RawResponse>) {
        batch.push(record(row));
        rows += 1;
        if (batch.length === batchSize) await flush();
      }
    }
    if (batch.length > 0 || first) await flush();
    await finish(out);
  } finally {
    if (!shared) {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    }
  }
  return { rows };
}

/** The report's table as shown, suppressed or not, with the labels that say which on every row. */
export async function exportAggregates(result: ReportResult, out: Writable): Promise<{ rows: number }> {
  const rows = flattenRows(result.table).map(({ row, depth }) => ({
    period: result.period.label,
    structure: result.basisLabel,
    suppression: result.suppressed
      ? 'Suppressed (NHS England small-number rules)'
      : 'Unsuppressed: internal use only, do not publish',
    level: depth,
    key: row.key,
    name: row.name,
    ...Object.fromEntries(row.counts.map((c, i) => [`c${i + 1}`, c])),
    total: row.total,
    percentPositive: row.percentPositive,
    percentNegative: row.percentNegative,
    suppressedBecause: row.reason === 'none' ? '' : row.reason,
  }));
  await writeCsv(
    out,
    [
      { key: 'period', header: 'Period' },
      { key: 'structure', header: 'Structure' },
      { key: 'suppression', header: 'Suppression' },
      { key: 'level', header: 'Depth' },
      { key: 'key', header: 'Key' },
      { key: 'name', header: 'Name' },
      ...FFT_ANSWERS.map((a) => ({ key: `c${a.code}`, header: a.label })),
      { key: 'total', header: 'Total responses' },
      { key: 'percentPositive', header: '% positive' },
      { key: 'percentNegative', header: '% negative' },
      { key: 'suppressedBecause', header: 'Suppressed because' },
    ],
    rows,
  );
  return { rows: rows.length };
}

export const returnModeColumns = [
  'Mode SMS',
  'Mode Electronic Discharge',
  'Mode Electronic Home',
  'Mode Paper Discharge',
  'Mode Paper Home',
  'Mode Telephone',
  'Mode Online',
  'Mode Other',
] as const;

const answerColumns = [
  '1 Very Good SUM',
  '2 Good SUM',
  '3 Neither Good nor Poor SUM',
  '4 Poor SUM',
  '5 Very Poor SUM',
  '6 Dont Know SUM',
] as const;

export const returnColumns = [
  'Org code',
  'Periodname',
  'Site code',
  'Ward name',
  ...answerColumns,
  'Total Responses',
  ...returnModeColumns,
] as const;

const mappingSchema = z
  .object({
    $comment: z.string().optional(),
    periodName: z.string().min(1).max(40),
    includeRoles: z.array(
      z.enum(['service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience', 'not_stated']),
    ),
    modeColumns: z.object(
      Object.fromEntries(collectionModes.map((m) => [m, z.enum(returnModeColumns)])) as Record<
        (typeof collectionModes)[number],
        z.ZodEnum<{ [K in (typeof returnModeColumns)[number]]: K }>
      >,
    ),
    teams: z
      .record(
        z.string(),
        z.union([
          z.null(),
          z.object({ siteCode: z.string().min(1).max(20), wardName: z.string().min(1).max(200) }).strict(),
        ]),
      )
      .default({}),
  })
  .strict();

export type ReturnMapping = z.infer<typeof mappingSchema>;

/** Reads and checks the mapping file; a bad file is refused with the reason. */
export function readReturnMapping(file: string): ReturnMapping {
  const parsed = mappingSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`The FFT return mapping ${file} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** "MONTH_YYYY" -> "OCTOBER_2026"; tokens MONTH, Month, Mon, YYYY, YY, MM. */
export function returnPeriodName(template: string, month: string): string {
  const name = monthLabel(month).split(' ')[0] ?? '';
  const tokens: Record<string, string> = {
    MONTH: name.toUpperCase(),
    Month: name,
    Mon: name.slice(0, 3),
    YYYY: month.slice(0, 4),
    YY: month.slice(2, 4),
    MM: month.slice(5, 7),
  };
  return template.replace(/MONTH|Month|Mon|YYYY|YY|MM/g, (token) => tokens[token] ?? token);
}

export interface ReturnRow {
  siteCode: string;
  wardName: string;
  counts: FftCounts;
  modes: Record<(typeof returnModeColumns)[number], number>;
}

/**
 * The NHS England FFT monthly return for a month: one row per submission grouping (site code and ward name),
 * as recorded at submission, counting only the configured respondent roles. Teams that map to the same grouping
 * are summed; a team mapped to null is left out.
 */
export function fftReturnRows(
  reports: ReportRepository,
  month: string,
  mapping: ReturnMapping,
  options: { orgCode: string; today: string },
): ReturnRow[] {
  const names = reports.names(options.today);
  const teams = new Map(names.team.map((t) => [t.id, t]));
  const sites = new Map(names.site.map((s) => [s.id, s]));
  const cells = reports.cells({
    basis: 'as_recorded',
    on: options.today,
    fromMonth: month,
    toMonth: month,
    level: 'trust',
    id: null,
  });
  const included = new Set<string>(mapping.includeRoles);
  const groups = new Map<string, ReturnRow>();
  for (const cell of cells) {
    if (!included.has(cell.role)) continue;
    const team = teams.get(cell.teamId);
    const mapped = team ? mapping.teams[team.code] : undefined;
    if (mapped === null) continue;
    const siteCode =
      typeof mapped === 'object' && mapped
        ? mapped.siteCode
        : (sites.get(cell.siteId)?.odsCode ?? options.orgCode);
    const wardName =
      typeof mapped === 'object' && mapped ? mapped.wardName : (team?.name ?? `Team ${cell.teamId}`);
    const key = JSON.stringify([siteCode, wardName]);
    const row = groups.get(key) ?? {
      siteCode,
      wardName,
      counts: { c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, c6: 0 },
      modes: Object.fromEntries(returnModeColumns.map((c) => [c, 0])) as ReturnRow['modes'],
    };
    const answer = countKeys[cell.fftCode - 1];
    if (answer) row.counts[answer] += cell.responses;
    row.modes[mapping.modeColumns[cell.mode]] += cell.responses;
    groups.set(key, row);
  }
  return [...groups.values()].sort(
    (a, b) => a.siteCode.localeCompare(b.siteCode) || a.wardName.localeCompare(b.wardName),
  );
}

export async function exportFftReturn(
  reports: ReportRepository,
  month: string,
  mapping: ReturnMapping,
  options: { orgCode: string; today: string; out: Writable },
): Promise<{ rows: number }> {
  const rows = fftReturnRows(reports, month, mapping, options);
  const periodName = returnPeriodName(mapping.periodName, month);
  await writeCsv(
    options.out,
    returnColumns.map((name) => ({ key: name, header: name })),
    rows.map((row) => ({
      'Org code': options.orgCode,
      Periodname: periodName,
      'Site code': row.siteCode,
      'Ward name': row.wardName,
      ...Object.fromEntries(answerColumns.map((column, i) => [column, row.counts[countKeys[i] ?? 'c1']])),
      'Total Responses': countKeys.reduce((n, k) => n + row.counts[k], 0),
      ...row.modes,
    })),
  );
  return { rows: rows.length };
}
