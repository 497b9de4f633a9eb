import type { Percentage } from '../../fft/fft-percentages';
import { FFT_ANSWERS } from '../../fft/fft-question';
import { flattenRows, type PublishedRow, type Shown } from '../../fft/fft-suppression';
import { monthLabel } from '../../reports/report-period';
import type { ScopeLevel } from '../../reports/report-repository';
import type { ComparedRow, ReportResult } from '../../reports/report-service';
import {
  pChartView,
  responsesChartView,
  signalText,
  type BarChartView,
  type PChartView,
} from './report-charts';
import type { ReportQuery } from './report-schema';

export interface Option {
  value: string;
  text: string;
  selected: boolean;
}

export interface ComparisonRowView {
  label: string;
  responses: string;
  positive: string;
  negative: string;
  previousResponses: string;
  previousPositive: string;
  previousNegative: string;
}

export interface BreakdownRowView {
  name: string;
  level: string;
  depth: number;
  /** Indentation by depth (utility classes: the CSP forbids style attributes). */
  nameClass: string;
  total: string;
  counts: string[];
  positive: string;
  negative: string;
  note: string;
}

export interface ReportDashboardViewModel {
  pageTitle: string;
  errorList: { text: string; href: string }[];
  /** The message beside each field in error, keyed by the field's name (the same as its id). */
  fieldErrors: Record<string, string>;
  form: {
    action: string;
    periods: Option[];
    month: string;
    to: string;
    scopes: { label: string; options: Option[] }[];
    bases: Option[];
    groupings: Option[];
    suppressions: Option[] | null;
  };
  report: null | {
    heading: string;
    caption: string;
    periodLabel: string;
    previousLabel: string;
    basisLabel: string;
    suppressionLabel: string;
    headline: { label: string; current: string; previous: string }[];
    roles: ComparisonRowView[];
    modes: ComparisonRowView[];
    answerHeadings: string[];
    breakdown: BreakdownRowView[];
    pChart: PChartView;
    responsesChart: BarChartView;
    trendRows: { month: string; responses: string; positive: string; limits: string; signal: string }[];
    agreement: {
      itemCode: string;
      agree: string;
      counted: string;
      notApplicable: string;
      percentAgree: string;
    }[];
    downloads: { text: string; href: string }[];
    /** Top themes from PALS tagging: comments per theme, this period and last. */
    themes: { label: string; current: string; previous: string }[];
    /** The equality breakdowns page for the same filters. */
    equalityHref: string;
  };
}

export const percentText = (p: Percentage | '*'): string => (typeof p === 'number' ? `${p}%` : p);

const countText = (c: Shown): string => String(c);

/** "63% (17 of 27)", or just the percentage when the counts are starred. */
export function withCounts(row: PublishedRow, which: 'positive' | 'negative'): string {
  const pct = which === 'positive' ? row.percentPositive : row.percentNegative;
  const [c1, c2, , c4, c5] = row.counts;
  const parts = which === 'positive' ? [c1, c2] : [c4, c5];
  if (typeof pct !== 'number' || parts.some((c) => typeof c !== 'number')) return percentText(pct);
  const k = parts.reduce<number>((n, c) => n + (c as number), 0);
  return `${pct}% (${k} of ${row.total})`;
}

const comparisonRow = (r: ComparedRow): ComparisonRowView => ({
  label: r.label,
  responses: String(r.current.total),
  positive: withCounts(r.current, 'positive'),
  negative: withCounts(r.current, 'negative'),
  previousResponses: String(r.previous.total),
  previousPositive: withCounts(r.previous, 'positive'),
  previousNegative: withCounts(r.previous, 'negative'),
});

export const reasonNote: Record<PublishedRow['reason'], string> = {
  none: '',
  first_level: 'Fewer than 5 responses: figures suppressed',
  second_level: 'Counts suppressed so a smaller group cannot be worked out',
  cascade: 'Counts suppressed because a larger group was suppressed',
};

const levelNames: Record<string, string> = {
  trust: 'Trust',
  community: 'Community of Excellence',
  directorate: 'Directorate',
  site: 'Site',
  team: 'Team',
};

function levelOfKey(key: string): string {
  const last = key.split('/').pop() ?? 'trust';
  return levelNames[last.split(':')[0] ?? 'trust'] ?? '';
}

const nameClasses = [
  'nhsuk-u-font-weight-bold',
  'nhsuk-u-padding-left-2',
  'nhsuk-u-padding-left-4',
  'nhsuk-u-padding-left-6',
] as const;

const options = (values: readonly (readonly [string, string])[], selected: string): Option[] =>
  values.map(([value, text]) => ({ value, text, selected: value === selected }));

export function buildReportViewModel(input: {
  query: ReportQuery;
  defaults: { month: string };
  scopes: { level: ScopeLevel; code: string | null; name: string }[];
  mayUnsuppress: boolean;
  /** Whether to offer the CSV downloads (quality); defaults to mayUnsuppress. */
  mayExport?: boolean;
  errors: { field: string; message: string }[];
  result: ReportResult | null;
}): ReportDashboardViewModel {
  const { query, result } = input;
  const scopeValue = query.scope ?? 'trust';
  const groupLabels: Record<ScopeLevel, string> = {
    trust: 'Trust',
    community: 'Communities of Excellence',
    directorate: 'Directorates',
    site: 'Sites',
    team: 'Teams',
  };
  const scopeGroups = (['trust', 'community', 'directorate', 'site', 'team'] as const).map((level) => ({
    label: groupLabels[level],
    options: input.scopes
      .filter((s) => s.level === level)
      .map((s) => {
        const value = s.code === null ? 'trust' : `${s.level}:${s.code}`;
        return { value, text: s.name, selected: value === scopeValue };
      }),
  }));

  const form: ReportDashboardViewModel['form'] = {
    action: '/staff/reports',
    periods: options(
      [
        ['month', 'Month'],
        ['quarter', 'Quarter (financial)'],
        ['financial_year', 'Financial year (April to March)'],
        ['custom', 'Range of months'],
      ],
      query.period ?? 'month',
    ),
    month: query.month ?? input.defaults.month,
    to: query.to ?? '',
    scopes: scopeGroups,
    bases: options(
      [
        ['as_recorded', 'As recorded when each response was given'],
        ['current', 'Current structure'],
      ],
      query.basis ?? 'as_recorded',
    ),
    groupings: options(
      [
        ['directorate', 'Directorates'],
        ['community', 'Communities of Excellence'],
      ],
      query.grouping ?? 'directorate',
    ),
    suppressions: input.mayUnsuppress
      ? options(
          [
            ['applied', 'Suppress small numbers (for publication)'],
            ['none', 'Show all figures (internal use only)'],
          ],
          query.suppression ?? 'applied',
        )
      : null,
  };

  const errorList = input.errors.map((e) => ({ text: e.message, href: `#${e.field}` }));
  const fieldErrors = Object.fromEntries(input.errors.map((e) => [e.field, e.message]));
  if (!result) {
    return {
      pageTitle: `${errorList.length > 0 ? 'Error: ' : ''}Reports`,
      errorList,
      fieldErrors,
      form,
      report: null,
    };
  }

  const head = result.headline;
  const filterQuery = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0),
  ).toString();
  const download = (file: string) => `/staff/reports/export/${file}${filterQuery ? `?${filterQuery}` : ''}`;
  return {
    pageTitle: `Reports: ${result.scope.name}, ${result.period.label}`,
    errorList,
    fieldErrors,
    form,
    report: {
      heading: result.scope.name,
      caption: result.period.label,
      periodLabel: result.period.label,
      previousLabel: result.previousPeriod.label,
      basisLabel: result.basisLabel,
      suppressionLabel: result.suppressed
        ? 'Small numbers suppressed using NHS England rules: counts of 1 to 4 and the next smallest group are shown as *.'
        : 'Unsuppressed figures: for internal use only. Do not publish or share outside the trust.',
      headline: [
        { label: 'Responses', current: String(head.current.total), previous: String(head.previous.total) },
        {
          label: 'Positive (very good or good)',
          current: withCounts(head.current, 'positive'),
          previous: withCounts(head.previous, 'positive'),
        },
        {
          label: 'Negative (poor or very poor)',
          current: withCounts(head.current, 'negative'),
          previous: withCounts(head.previous, 'negative'),
        },
      ],
      roles: [...result.byRole, result.combined].map(comparisonRow),
      modes: result.byMode.map(comparisonRow),
      answerHeadings: FFT_ANSWERS.map((a) => a.label),
      breakdown: flattenRows(result.table).map(({ row, depth }) => ({
        name: row.name,
        level: levelOfKey(row.key),
        depth: Math.min(depth, 3),
        nameClass: nameClasses[Math.min(depth, 3)] ?? '',
        total: String(row.total),
        counts: row.counts.map(countText),
        positive: percentText(row.percentPositive),
        negative: percentText(row.percentNegative),
        note: reasonNote[row.reason],
      })),
      pChart: pChartView(result.trend.points, result.trend.centreLine),
      responsesChart: responsesChartView(result.trend.points),
      trendRows: result.trend.points.map((p) => ({
        month: monthLabel(p.month),
        responses: String(p.total),
        positive: percentText(p.percentPositive),
        limits:
          p.lowerLimit === null || p.upperLimit === null || p.percentPositive === '*'
            ? '-'
            : `${Math.round(p.lowerLimit * 1000) / 10}% to ${Math.round(p.upperLimit * 1000) / 10}%`,
        signal: p.percentPositive === '*' ? '' : signalText[p.signal],
      })),
      agreement: result.agreement.map((a) => {
        const hidden = a.percentAgree === '*';
        return {
          itemCode: a.itemCode,
          agree: hidden ? '*' : String(a.agree),
          counted: hidden ? '*' : String(a.counted),
          notApplicable: String(a.notApplicable),
          percentAgree: percentText(a.percentAgree),
        };
      }),
      themes: result.themes.map((t) => ({
        label: t.label,
        current: countText(t.current),
        previous: countText(t.previous),
      })),
      equalityHref: `/staff/reports/equality${filterQuery ? `?${filterQuery}` : ''}`,
      downloads: !(input.mayExport ?? input.mayUnsuppress)
        ? []
        : [
            {
              text: `This table as a spreadsheet (CSV, ${result.suppressed ? 'suppressed' : 'unsuppressed'})`,
              href: download('aggregates.csv'),
            },
            { text: 'Responses, one row each (CSV)', href: download('responses.csv') },
            {
              text: `NHS England FFT monthly return for ${monthLabel(result.period.toMonth)} (CSV)`,
              href: download('fft-return.csv'),
            },
          ],
    },
  };
}
