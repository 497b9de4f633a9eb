import { fixedClock } from '../../src/clock';
import { flattenRows, type PublishedRow } from '../../src/fft/fft-suppression';
import { periodOf } from '../../src/reports/report-period';
import { createReportRepository } from '../../src/reports/report-repository';
import {
  createReportService,
  ScopeNotFoundError,
  type ReportRequest,
} from '../../src/reports/report-service';
import { buildTestApp } from '../support/test-app';
import { responseWriter, writeMany, type ResponseSpec } from '../support/report-data';

/**
 * October 2026 (hand-computed; c1..c6 = Very good .. Don't know):
 *   Amberwood   (Acute, Littlebrook, Dartford)        4 3 1 1 0 1 = 10   70% +  10% -   kiosk, service users
 *   Cherrywood  (Acute, Littlebrook, Dartford)        1 0 1 0 0 1 =  3   33% +   0% -   telephone
 *   Ruby        (Acute, Priority House, Maidstone)    2 2 2 1 1 0 =  8   50% +  25% -   paper; 2 helped, 1 no role
 *   Medway CMHT (North Kent, Medway, Dartford)        0 5 0 0 0 1 =  6   83% +   0% -   QR; carers
 *   Littlebrook                                        5 3 2 1 0 2 = 13   62% +   8% -
 *   Acute                                             7 5 4 2 1 2 = 21   57% +  14% -
 *   Dartford community                                5 8 2 1 0 3 = 19   68% +   5% -
 *   Trust                                             7 10 4 2 1 3 = 27  63% +  11% -
 *     (averaging the four teams' % positive would give 59%: figures are recomputed from counts)
 * September 2026: Amberwood 5 x Very good (trust 5, 100% positive).
 */
function knownDataset(t: ReturnType<typeof buildTestApp>): void {
  const write = responseWriter(t.deps.db);
  const team = (team: string, mode: ResponseSpec['mode'], counts: number[], role: ResponseSpec['role']) =>
    counts.forEach((n, i) => writeMany(write, n, { team, fft: i + 1, mode, role, on: '2026-10-10' }));
  team('amberwood', 'kiosk_tablet', [4, 3, 1, 1, 0, 1], 'service_user');
  team('cherrywood', 'telephone', [1, 0, 1, 0, 0, 1], 'service_user');
  team('ruby', 'paper', [2, 0, 1, 1, 1, 0], 'service_user');
  write({ team: 'ruby', fft: 2, mode: 'paper', role: 'helped_by_other', on: '2026-10-31' });
  write({ team: 'ruby', fft: 2, mode: 'paper', role: 'helped_by_other', on: '2026-10-01' });
  write({ team: 'ruby', fft: 3, mode: 'paper', role: null, on: '2026-10-20' });
  team('medway-cmht', 'online_qr', [0, 4, 0, 0, 0, 0], 'carer_on_behalf');
  team('medway-cmht', 'online_qr', [0, 1, 0, 0, 0, 1], 'carer_own_experience');
  writeMany(write, 5, { team: 'amberwood', fft: 1, on: '2026-09-30' });
  // Outside both periods (the London date decides the month).
  write({ team: 'amberwood', fft: 5, on: '2026-11-01' });
}

const october = periodOf('month', '2026-10');

function service(t: ReturnType<typeof buildTestApp>) {
  return createReportService({
    reports: createReportRepository(t.deps.db),
    clock: t.clock,
    trustName: 'Kent and Medway NHS and Social Care Partnership Trust',
  });
}

const request = (overrides: Partial<ReportRequest> = {}): ReportRequest => ({
  period: october,
  scope: { level: 'trust', code: null },
  basis: 'as_recorded',
  grouping: 'directorate',
  suppress: false,
  ...overrides,
});

const rowsByName = (root: PublishedRow) => new Map(flattenRows(root).map(({ row }) => [row.name, row]));
const figures = (row: PublishedRow | undefined) =>
  row && [row.total, row.counts.join(' '), row.percentPositive, row.percentNegative];

describe('a known dataset, hand-computed at every level', () => {
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
  knownDataset(t);
  const trust = service(t).report(request());
  const rows = rowsByName(trust.table);

  it.each([
    ['Kent and Medway NHS and Social Care Partnership Trust', 27, '7 10 4 2 1 3', 63, 11],
    ['Acute', 21, '7 5 4 2 1 2', 57, 14],
    ['North Kent', 6, '0 5 0 0 0 1', 83, 0],
    ['Littlebrook Hospital, Dartford', 13, '5 3 2 1 0 2', 62, 8],
    ['Priority House, Hermitage Lane, Maidstone', 8, '2 2 2 1 1 0', 50, 25],
    ['Amberwood Ward', 10, '4 3 1 1 0 1', 70, 10],
    ['Cherrywood Ward', 3, '1 0 1 0 0 1', 33, 0],
    ['Ruby Ward', 8, '2 2 2 1 1 0', 50, 25],
    ['Medway Community Mental Health Team', 6, '0 5 0 0 0 1', 83, 0],
  ])('%s: %i responses, counts %s, %i%% positive, %i%% negative', (name, total, counts, pos, neg) => {
    expect(figures(rows.get(name))).toEqual([total, counts, pos, neg]);
  });

  it('compares with the previous month', () => {
    expect(trust.previousPeriod.label).toBe('September 2026');
    expect(figures(trust.headline.previous)).toEqual([5, '5 0 0 0 0 0', 100, 0]);
  });

  it('splits by respondent role: service users (with helped), carers (both kinds), combined', () => {
    const byRole = Object.fromEntries(trust.byRole.map((r) => [r.key, figures(r.current)]));
    expect(byRole).toEqual({
      service_users: [20, '7 5 3 2 1 2', 60, 15],
      carers: [6, '0 5 0 0 0 1', 83, 0],
      not_stated: [1, '0 0 1 0 0 0', 0, 0],
    });
    expect(figures(trust.combined.current)).toEqual([26, '7 10 3 2 1 3', 65, 12]);
  });

  it('splits by collection mode', () => {
    const byMode = Object.fromEntries(trust.byMode.map((r) => [r.key, r.current.total]));
    expect(byMode).toEqual({
      kiosk_tablet: 10,
      online_qr: 6,
      online_link: 0,
      paper: 8,
      telephone: 3,
      sms: 0,
      other: 0,
    });
  });

  it('groups by Community of Excellence when asked', () => {
    const byCommunity = rowsByName(service(t).report(request({ grouping: 'community' })).table);
    expect(figures(byCommunity.get('Dartford'))).toEqual([19, '5 8 2 1 0 3', 68, 5]);
    expect(figures(byCommunity.get('Maidstone'))).toEqual([8, '2 2 2 1 1 0', 50, 25]);
  });

  it('reports a single scope with its own previous period', () => {
    const acute = service(t).report(request({ scope: { level: 'directorate', code: 'acute' } }));
    expect(acute.scope.name).toBe('Acute');
    expect(figures(acute.headline.current)).toEqual([21, '7 5 4 2 1 2', 57, 14]);
    expect(acute.headline.previous.total).toBe(5);
    const team = service(t).report(request({ scope: { level: 'team', code: 'medway-cmht' } }));
    expect(figures(team.headline.current)).toEqual([6, '0 5 0 0 0 1', 83, 0]);
    expect(team.byRole.find((r) => r.key === 'carers')?.current.total).toBe(6);
  });

  it('applies suppression in the context of the whole trust when asked, keeping totals', () => {
    const suppressed = rowsByName(service(t).report(request({ suppress: true })).table);
    expect(figures(suppressed.get('Cherrywood Ward'))).toEqual([3, '* * * * * *', '*', '*']);
    expect(figures(suppressed.get('Amberwood Ward'))).toEqual([10, '* * * * * *', 70, 10]);
    expect(figures(suppressed.get('Ruby Ward'))).toEqual([8, '2 2 2 1 1 0', 50, 25]);
    const amberwoodOnly = service(t).report(
      request({ suppress: true, scope: { level: 'team', code: 'amberwood' } }),
    );
    expect(amberwoodOnly.headline.current.reason).toBe('second_level');
  });

  it('shows 13 months of trend ending with the period', () => {
    const months = trust.trend.points.map((p) => [p.month, p.total]);
    expect(months).toHaveLength(13);
    expect(months[0]).toEqual(['2025-10', 0]);
    expect(months.slice(-2)).toEqual([
      ['2026-09', 5],
      ['2026-10', 27],
    ]);
    // p-bar = (5 + 17) / (5 + 27)
    expect(trust.trend.centreLine).toBeCloseTo(22 / 32, 10);
  });

  it('refuses an unknown scope', () => {
    expect(() => service(t).report(request({ scope: { level: 'site', code: 'nowhere' } }))).toThrow(
      ScopeNotFoundError,
    );
  });
});

describe('as recorded or current structure after a reorganisation', () => {
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
  knownDataset(t);
  // Ruby Ward moves from Acute to Forensic and Specialist (Trevor Gibbens Unit) from 1 November 2026.
  t.deps.db.exec(`
    UPDATE team_placements SET valid_to = '2026-11-01'
    WHERE team_id = (SELECT id FROM teams WHERE code = 'ruby') AND valid_to IS NULL;
    INSERT INTO team_placements
      (team_id, name, kind, setting, site_id, directorate_id, community_id, valid_from, created_at)
    SELECT t.id, 'Ruby Ward', 'ward', 'forensic', s.id, d.id, c.id, '2026-11-01', '2026-11-01T00:00:00Z'
    FROM teams t, sites s, directorates d, communities c
    WHERE t.code = 'ruby' AND s.code = 'trevor-gibbens' AND d.code = 'forensic-specialist'
      AND c.code = 'maidstone';`);

  it('counts Ruby under Acute as recorded, and says so', () => {
    const report = service(t).report(request());
    expect(report.basisLabel).toBe('Structure as recorded when each response was given');
    const rows = rowsByName(report.table);
    expect(figures(rows.get('Acute'))).toEqual([21, '7 5 4 2 1 2', 57, 14]);
    expect(rows.has('Forensic and Specialist')).toBe(false);
  });

  it('counts Ruby where it is now on the current structure, recomputing every level', () => {
    const report = service(t).report(request({ basis: 'current' }));
    expect(report.basisLabel).toBe('Current structure (teams counted where they are today)');
    const rows = rowsByName(report.table);
    expect(figures(rows.get('Acute'))).toEqual([13, '5 3 2 1 0 2', 62, 8]);
    expect(figures(rows.get('Forensic and Specialist'))).toEqual([8, '2 2 2 1 1 0', 50, 25]);
    expect(figures(rows.get('Kent and Medway NHS and Social Care Partnership Trust'))).toEqual([
      27,
      '7 10 4 2 1 3',
      63,
      11,
    ]);
    const forensic = service(t).report(
      request({ basis: 'current', scope: { level: 'directorate', code: 'forensic-specialist' } }),
    );
    expect(forensic.headline.current.total).toBe(8);
    const acuteRecorded = service(t).report(request({ scope: { level: 'directorate', code: 'acute' } }));
    expect(acuteRecorded.headline.current.total).toBe(21);
  });

  it('breaks a directorate down by mode and role from the responses recorded there, or the teams placed there now', () => {
    const sum = (rows: { current: { total: number } }[]) => rows.reduce((n, row) => n + row.current.total, 0);
    const forensicNow = service(t).report(
      request({ basis: 'current', scope: { level: 'directorate', code: 'forensic-specialist' } }),
    );
    expect([sum(forensicNow.byMode), sum(forensicNow.byRole)]).toEqual([8, 8]);
    const acuteRecorded = service(t).report(request({ scope: { level: 'directorate', code: 'acute' } }));
    expect([sum(acuteRecorded.byMode), sum(acuteRecorded.byRole)]).toEqual([21, 21]);
    const acuteNow = service(t).report(
      request({ basis: 'current', scope: { level: 'directorate', code: 'acute' } }),
    );
    expect([sum(acuteNow.byMode), sum(acuteNow.byRole)]).toEqual([13, 13]);
  });

  it("reads the current structure on the clock's date (before the move, Ruby is still in Acute)", () => {
    const beforeTheMove = createReportService({
      reports: createReportRepository(t.deps.db),
      clock: fixedClock('2026-10-31T10:00:00Z'),
      trustName: 'Trust',
    });
    const rows = rowsByName(beforeTheMove.report(request({ basis: 'current' })).table);
    expect(rows.get('Acute')?.total).toBe(21);
    expect(rows.has('Forensic and Specialist')).toBe(false);
  });
});

describe('PREM and carers items: % agree by item code', () => {
  it('excludes "Does not apply" from the denominator and stars small counts when suppressed', () => {
    const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
    const write = responseWriter(t.deps.db);
    const answer = (value: string, extra: Record<string, string> = {}) =>
      write({ team: 'amberwood', fft: 1, answers: { kindness: value, ...extra } });
    answer('strongly_agree', { listened_to: 'agree' });
    answer('strongly_agree', { listened_to: 'agree' });
    answer('agree', { listened_to: 'agree' });
    answer('disagree', { listened_to: 'neither' });
    answer('not_applicable', { listened_to: 'strongly_disagree' });
    answer('not_applicable');
    const unsuppressed = service(t).report(request());
    expect(unsuppressed.agreement).toEqual([
      { itemCode: 'kindness', agree: 3, counted: 4, notApplicable: 2, percentAgree: 75 },
      { itemCode: 'listened_to', agree: 3, counted: 5, notApplicable: 0, percentAgree: 60 },
    ]);
    const suppressed = service(t).report(request({ suppress: true }));
    expect(suppressed.agreement.map((a) => a.percentAgree)).toEqual(['*', 60]);
  });

  it('gives the same % agree from the trust roll-up and from the by-place roll-up, in either structure', () => {
    const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
    const write = responseWriter(t.deps.db);
    write({ team: 'amberwood', fft: 1, answers: { kindness: 'agree' } });
    write({ team: 'amberwood', fft: 2, answers: { kindness: 'disagree' } });
    write({ team: 'ruby', fft: 1, answers: { kindness: 'strongly_agree' } });
    const percent = (overrides: Partial<ReportRequest>) =>
      service(t)
        .report(request(overrides))
        .agreement.map((a) => [a.itemCode, a.agree, a.counted]);
    expect(percent({})).toEqual([['kindness', 2, 3]]);
    expect(percent({ basis: 'current' })).toEqual([['kindness', 2, 3]]);
    expect(percent({ scope: { level: 'team', code: 'amberwood' } })).toEqual([['kindness', 1, 2]]);
    expect(percent({ scope: { level: 'team', code: 'ruby' }, basis: 'current' })).toEqual([
      ['kindness', 1, 1],
    ]);
  });
});
