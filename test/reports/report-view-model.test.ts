import { publishTree } from '../../src/fft/fft-suppression';
import type { TrendPoint } from '../../src/reports/report-service';
import { pChartView, responsesChartView } from '../../src/routes/reports/report-charts';
import { buildReportViewModel, percentText } from '../../src/routes/reports/report-view-model';

describe('percentages for display', () => {
  it.each([
    [58, '58%'],
    [0, '0%'],
    ['NA', 'NA'],
    ['*', '*'],
  ] as const)('%p is shown as %p', (value, text) => {
    expect(percentText(value)).toBe(text);
  });
});

const point = (
  month: string,
  positive: number,
  total: number,
  signal: TrendPoint['signal'] = 'none',
): TrendPoint => ({
  month,
  positive,
  total,
  percentPositive: total === 0 ? 'NA' : Math.floor((200 * positive + total) / (2 * total)),
  signal,
  lowerLimit: total === 0 ? null : 0.4,
  upperLimit: total === 0 ? null : 0.9,
});

describe('trend chart geometry', () => {
  it('breaks the line at a month with no responses and marks special causes with a shape and a text marker', () => {
    const view = pChartView(
      [point('2026-01', 5, 10), point('2026-02', 0, 0), point('2026-03', 10, 10, 'above_limit')],
      0.75,
    );
    expect(view.line.match(/M/g)).toHaveLength(2);
    expect(view.points).toHaveLength(2);
    expect(view.points[1]).toMatchObject({ special: true, marker: '!' });
    expect(view.points[1]?.title).toBe('Mar 2026: 100% positive. Special cause: above the upper limit');
    expect(view.centreLine?.label).toBe('Centre line 75%');
  });

  it.each([1, 2, 13, 36])('keeps every one of %i bars inside the plot area', (count) => {
    const points = Array.from({ length: count }, (_, i) =>
      point(`20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 1, 5 + i),
    );
    const view = responsesChartView(points);
    for (const bar of view.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(view.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(view.plot.right);
    }
  });

  it('scales bars to a tidy maximum', () => {
    const view = responsesChartView([point('2026-01', 1, 37), point('2026-02', 1, 12)]);
    expect(view.yTicks.map((t) => t.label)).toEqual(['0', '20', '40']);
    expect(view.bars[0]!.height).toBeGreaterThan(view.bars[1]!.height);
  });
});

describe('the report view model', () => {
  it('shows percentages with their counts, or only the percentage when counts are starred', () => {
    const tree = publishTree(
      {
        key: 'trust',
        name: 'Trust',
        counts: { c1: 9, c2: 2, c3: 0, c4: 1, c5: 0, c6: 0 },
        children: [
          {
            key: 'trust/team:1',
            name: 'A',
            counts: { c1: 1, c2: 1, c3: 0, c4: 0, c5: 0, c6: 0 },
            children: [],
          },
          {
            key: 'trust/team:2',
            name: 'B',
            counts: { c1: 8, c2: 1, c3: 0, c4: 1, c5: 0, c6: 0 },
            children: [],
          },
        ],
      },
      { suppress: true },
    );
    const compared = (i: number) => ({ key: 'x', label: 'x', current: tree.children[i]!, previous: tree });
    const vm = buildReportViewModel({
      query: {},
      defaults: { month: '2026-10' },
      scopes: [{ level: 'trust', code: null, name: 'Trust' }],
      mayUnsuppress: false,
      errors: [],
      result: {
        period: { kind: 'month', fromMonth: '2026-10', toMonth: '2026-10', label: 'October 2026' },
        previousPeriod: { kind: 'month', fromMonth: '2026-09', toMonth: '2026-09', label: 'September 2026' },
        basis: 'as_recorded',
        basisLabel: 'As recorded',
        scope: { level: 'trust', code: null, name: 'Trust' },
        suppressed: true,
        themes: [
          { code: 'food', label: 'Food and drink', current: 12, previous: '*' },
          { code: 'access', label: 'Access to services and waiting', current: '*', previous: 0 },
        ],
        headline: { current: tree, previous: tree },
        byRole: [compared(0), compared(1)],
        combined: compared(1),
        byMode: [],
        table: tree,
        trend: { centreLine: null, points: [] },
        agreement: [{ itemCode: 'kindness', agree: 2, counted: 3, notApplicable: 1, percentAgree: '*' }],
      },
    });
    expect(vm.report?.headline[1]).toEqual({
      label: 'Positive (very good or good)',
      current: '92% (11 of 12)',
      previous: '92% (11 of 12)',
    });
    expect(vm.report?.roles.map((r) => r.positive)).toEqual(['*', '90%', '90%']);
    expect(vm.report?.breakdown.map((r) => [r.name, r.nameClass, r.note])).toEqual([
      ['Trust', 'nhsuk-u-font-weight-bold', ''],
      ['A', 'nhsuk-u-padding-left-2', 'Fewer than 5 responses: figures suppressed'],
      ['B', 'nhsuk-u-padding-left-2', 'Counts suppressed so a smaller group cannot be worked out'],
    ]);
    expect(vm.report?.agreement[0]).toMatchObject({ agree: '*', counted: '*', percentAgree: '*' });
    expect(vm.form.suppressions).toBeNull();
    expect(vm.form.month).toBe('2026-10');
    expect(vm.report?.themes).toEqual([
      { label: 'Food and drink', current: '12', previous: '*' },
      { label: 'Access to services and waiting', current: '*', previous: '0' },
    ]);
    expect(vm.report?.equalityHref).toBe('/staff/reports/equality');
  });

  it('prefixes the title with Error: and links each error to its field', () => {
    const vm = buildReportViewModel({
      query: { month: '2026-13' },
      defaults: { month: '2026-10' },
      scopes: [],
      mayUnsuppress: true,
      errors: [{ field: 'month', message: 'Enter a month as a year and month, like 2026-10' }],
      result: null,
    });
    expect(vm.pageTitle).toBe('Error: Reports');
    expect(vm.errorList).toEqual([
      { text: 'Enter a month as a year and month, like 2026-10', href: '#month' },
    ]);
    expect(vm.fieldErrors).toEqual({ month: 'Enter a month as a year and month, like 2026-10' });
    expect(vm.form.month).toBe('2026-13');
    expect(vm.form.suppressions).not.toBeNull();
  });
});
