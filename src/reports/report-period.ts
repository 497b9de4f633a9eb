/**
 * Reporting periods are whole calendar months (YYYY-MM of the Europe/London submission date). A quarter is a
 * financial quarter (Q1 = April to June) and a financial year runs April to March.
 */
export type PeriodKind = 'month' | 'quarter' | 'financial_year' | 'custom';

export interface Period {
  kind: PeriodKind;
  fromMonth: string;
  toMonth: string;
  label: string;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parts(month: string): { year: number; index: number } {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  return { year: Number(match[1]), index: Number(match[2]) - 1 };
}

function format(year: number, index: number): string {
  return `${String(year).padStart(4, '0')}-${String(index + 1).padStart(2, '0')}`;
}

/** The month n months after (or before, when negative) a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const { year, index } = parts(month);
  const absolute = year * 12 + index + n;
  return format(Math.floor(absolute / 12), ((absolute % 12) + 12) % 12);
}

export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const months: string[] = [];
  for (let m = fromMonth; m <= toMonth; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** "October 2026". */
export function monthLabel(month: string): string {
  const { year, index } = parts(month);
  return `${monthNames[index] ?? ''} ${year}`;
}

/** "Oct 2026", for chart axes. */
export function shortMonthLabel(month: string): string {
  const { year, index } = parts(month);
  return `${(monthNames[index] ?? '').slice(0, 3)} ${year}`;
}

const financialYearOf = (month: string) => {
  const { year, index } = parts(month);
  return index >= 3 ? year : year - 1;
};

const fyLabel = (startYear: number) => `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

function label(kind: PeriodKind, fromMonth: string, toMonth: string): string {
  const range =
    fromMonth === toMonth ? monthLabel(fromMonth) : `${monthLabel(fromMonth)} to ${monthLabel(toMonth)}`;
  if (kind === 'month') return monthLabel(fromMonth);
  if (kind === 'quarter') {
    const quarter = Math.floor(((parts(fromMonth).index + 9) % 12) / 3) + 1;
    return `Q${quarter} ${fyLabel(financialYearOf(fromMonth))} (${range})`;
  }
  if (kind === 'financial_year') return `${fyLabel(financialYearOf(fromMonth))} (${range})`;
  return range;
}

/**
 * The period of a kind that contains `month` (for custom: `month` to `toMonth`).
 * Throws RangeError on a malformed month or a custom range that ends before it starts.
 */
export function periodOf(kind: PeriodKind, month: string, toMonth?: string): Period {
  const { year, index } = parts(month);
  let fromMonth = month;
  let lastMonth = month;
  if (kind === 'quarter') {
    fromMonth = format(year, index - ((((index - 3) % 3) + 3) % 3));
    lastMonth = addMonths(fromMonth, 2);
  } else if (kind === 'financial_year') {
    fromMonth = format(financialYearOf(month), 3);
    lastMonth = addMonths(fromMonth, 11);
  } else if (kind === 'custom') {
    lastMonth = toMonth ?? month;
    parts(lastMonth);
    if (lastMonth < fromMonth) throw new RangeError('a custom range must end on or after its start');
  }
  return { kind, fromMonth, toMonth: lastMonth, label: label(kind, fromMonth, lastMonth) };
}

/** The period of the same length immediately before. */
export function previousPeriod(period: Period): Period {
  const length = monthsBetween(period.fromMonth, period.toMonth).length;
  const fromMonth = addMonths(period.fromMonth, -length);
  const toMonth = addMonths(period.toMonth, -length);
  return { kind: period.kind, fromMonth, toMonth, label: label(period.kind, fromMonth, toMonth) };
}
