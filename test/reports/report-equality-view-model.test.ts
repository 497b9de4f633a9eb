import { publishTree } from '../../src/fft/fft-suppression';
import type { EqualityResult } from '../../src/reports/report-service';
import { buildEqualityViewModel } from '../../src/routes/reports/report-equality-view-model';

const counts = (c1: number, c2: number, c3: number, c4: number, c5: number, c6: number) => ({
  c1,
  c2,
  c3,
  c4,
  c5,
  c6,
});

function result(): EqualityResult {
  const answered = publishTree(
    {
      key: 'veteran',
      name: 'Served in the armed forces',
      counts: counts(8, 4, 0, 1, 0, 1),
      children: [
        { key: 'veteran:yes', name: 'Yes', counts: counts(1, 1, 0, 1, 0, 0), children: [] },
        { key: 'veteran:no', name: 'No', counts: counts(7, 3, 0, 0, 0, 1), children: [] },
        {
          key: 'veteran:prefer_not_to_say',
          name: 'Prefer not to say',
          counts: counts(0, 0, 0, 0, 0, 0),
          children: [],
        },
      ],
    },
    { suppress: true },
  );
  return {
    period: { kind: 'month', fromMonth: '2026-10', toMonth: '2026-10', label: 'October 2026' },
    basis: 'as_recorded',
    basisLabel: 'As recorded',
    scope: { level: 'team', code: 'ruby', name: 'Ruby Ward' },
    suppressed: true,
    questions: [{ name: 'veteran', label: 'Served in the armed forces', answered, rows: answered.children }],
  };
}

describe('equality breakdowns view model', () => {
  it('shows everyone who answered, then each answer, starring the total of any starred row', () => {
    const vm = buildEqualityViewModel({
      result: result(),
      filterQuery: 'month=2026-10&scope=team%3Aruby',
      mayExport: true,
    });
    expect(vm.pageTitle).toBe('Equality breakdowns: Ruby Ward, October 2026');
    expect(vm.dashboardHref).toBe('/staff/reports?month=2026-10&scope=team%3Aruby');
    expect(vm.downloadHref).toBe('/staff/reports/export/equality.csv?month=2026-10&scope=team%3Aruby');
    expect(
      vm.questions[0]!.rows.map((r) => [r.answer, r.responses, r.positive, r.negative, r.nameClass]),
    ).toEqual([
      ['Everyone who answered', '14', '86% (12 of 14)', '7% (1 of 14)', 'nhsuk-u-font-weight-bold'],
      ['Yes', '*', '*', '*', 'nhsuk-u-padding-left-2'],
      ['No', '*', '91%', '0%', 'nhsuk-u-padding-left-2'],
      ['Prefer not to say', '0', 'NA', 'NA', 'nhsuk-u-padding-left-2'],
    ]);
    expect(vm.questions[0]!.rows[2]!.note).toBe('Counts suppressed so a smaller group cannot be worked out');
  });

  it('offers no download without export rights, and links to the dashboard with no filters', () => {
    const vm = buildEqualityViewModel({ result: result(), filterQuery: '', mayExport: false });
    expect(vm.downloadHref).toBeNull();
    expect(vm.dashboardHref).toBe('/staff/reports');
  });
});
