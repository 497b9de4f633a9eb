import { pChart, RUN_LENGTH } from '../../src/reports/p-chart';
import { addMonths, monthsBetween, periodOf, previousPeriod } from '../../src/reports/report-period';

describe('reporting periods', () => {
  it.each([
    ['month', '2026-10', undefined, '2026-10', '2026-10', 'October 2026', '2026-09', '2026-09'],
    [
      'quarter',
      '2026-05',
      undefined,
      '2026-04',
      '2026-06',
      'Q1 2026/27 (April 2026 to June 2026)',
      '2026-01',
      '2026-03',
    ],
    [
      'quarter',
      '2027-02',
      undefined,
      '2027-01',
      '2027-03',
      'Q4 2026/27 (January 2027 to March 2027)',
      '2026-10',
      '2026-12',
    ],
    [
      'quarter',
      '2026-12',
      undefined,
      '2026-10',
      '2026-12',
      'Q3 2026/27 (October 2026 to December 2026)',
      '2026-07',
      '2026-09',
    ],
    [
      'financial_year',
      '2027-03',
      undefined,
      '2026-04',
      '2027-03',
      '2026/27 (April 2026 to March 2027)',
      '2025-04',
      '2026-03',
    ],
    [
      'financial_year',
      '2026-04',
      undefined,
      '2026-04',
      '2027-03',
      '2026/27 (April 2026 to March 2027)',
      '2025-04',
      '2026-03',
    ],
    ['custom', '2026-06', '2026-10', '2026-06', '2026-10', 'June 2026 to October 2026', '2026-01', '2026-05'],
  ] as const)('%s containing %s', (kind, month, to, from, last, label, previousFrom, previousTo) => {
    const period = periodOf(kind, month, to);
    expect(period).toMatchObject({ fromMonth: from, toMonth: last, label });
    expect(previousPeriod(period)).toMatchObject({ fromMonth: previousFrom, toMonth: previousTo });
  });

  it.each([['2026-13'], ['26-01'], ['2026-1'], ['']])('refuses the month %p', (month) => {
    expect(() => periodOf('month', month)).toThrow(RangeError);
  });

  it('refuses a custom range that ends before it starts', () => {
    expect(() => periodOf('custom', '2026-10', '2026-09')).toThrow(RangeError);
  });

  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-10', -12, '2025-10'],
    ['2026-10', -22, '2024-12'],
  ])('%s plus %i months is %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it('lists the months of a range', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('p-chart of % positive', () => {
  it('puts the centre line at summed positives over summed responses and limits at 3 sigma, clipped', () => {
    const chart = pChart([
      { month: '2026-01', positive: 80, total: 100 },
      { month: '2026-02', positive: 40, total: 100 },
      { month: '2026-03', positive: 0, total: 0 },
      { month: '2026-04', positive: 5, total: 5 },
    ]);
    expect(chart.centreLine).toBeCloseTo(125 / 205, 12);
    const p = 125 / 205;
    const [jan, feb, mar, apr] = chart.points;
    expect(jan?.upperLimit).toBeCloseTo(p + 3 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(jan?.lowerLimit).toBeCloseTo(p - 3 * Math.sqrt((p * (1 - p)) / 100), 12);
    expect(jan?.signal).toBe('above_limit');
    expect(feb?.signal).toBe('below_limit');
    expect(mar).toMatchObject({ proportion: null, upperLimit: null, signal: 'none', percentPositive: 'NA' });
    expect(apr?.upperLimit).toBe(1);
    expect(apr?.signal).toBe('none');
  });

  it('marks a run of 8 months on one side of the centre line, but not a run of 7', () => {
    const months = (pattern: number[]) =>
      pattern.map((positive, i) => ({
        month: `2026-${String(i + 1).padStart(2, '0')}`,
        positive,
        total: 100,
      }));
    // 8 months at 52% then 4 at 40%: centre ~48%, all inside +-15% limits.
    const eight = pChart(months([52, 52, 52, 52, 52, 52, 52, 52, 40, 40, 40, 40]));
    expect(eight.points.slice(0, RUN_LENGTH).every((p) => p.signal === 'run_above')).toBe(true);
    expect(eight.points.slice(RUN_LENGTH).every((p) => p.signal === 'none')).toBe(true);
    const seven = pChart(months([52, 52, 52, 52, 52, 52, 52, 40, 40, 40, 40, 52]));
    expect(seven.points.every((p) => p.signal === 'none')).toBe(true);
  });

  it('has no centre line when nobody answered', () => {
    expect(pChart([{ month: '2026-01', positive: 0, total: 0 }]).centreLine).toBeNull();
  });
});
