import type { EqualityResult } from '../../reports/report-service';
import { equalityTotal } from '../../reports/equality-export';
import { reasonNote, withCounts } from './report-view-model';

export interface EqualityRowView {
  answer: string;
  /** Bold for everyone who answered, indented for each answer (classes: the CSP forbids style attributes). */
  nameClass: string;
  responses: string;
  positive: string;
  negative: string;
  note: string;
}

export interface EqualityViewModel {
  pageTitle: string;
  heading: string;
  caption: string;
  basisLabel: string;
  dashboardHref: string;
  downloadHref: string | null;
  /** Per question: everyone who answered it first, then each answer. */
  questions: { label: string; rows: EqualityRowView[] }[];
}

/** The equality breakdowns page: every figure as published (always suppressed), ready to print. */
export function buildEqualityViewModel(input: {
  result: EqualityResult;
  /** The dashboard's filters as a query string (already validated), for the links back and to the CSV. */
  filterQuery: string;
  mayExport: boolean;
}): EqualityViewModel {
  const { result, filterQuery } = input;
  const withQuery = (path: string) => `${path}${filterQuery ? `?${filterQuery}` : ''}`;
  const row = (
    published: EqualityResult['questions'][number]['answered'],
    answer: string,
    nameClass: string,
  ): EqualityRowView => {
    // A row whose total is starred has its counts starred too, so no "k of n" appears beside it.
    return {
      answer,
      nameClass,
      responses: String(equalityTotal(published)),
      positive: withCounts(published, 'positive'),
      negative: withCounts(published, 'negative'),
      note: reasonNote[published.reason],
    };
  };
  return {
    pageTitle: `Equality breakdowns: ${result.scope.name}, ${result.period.label}`,
    heading: `Equality breakdowns: ${result.scope.name}`,
    caption: result.period.label,
    basisLabel: result.basisLabel,
    dashboardHref: withQuery('/staff/reports'),
    downloadHref: input.mayExport ? withQuery('/staff/reports/export/equality.csv') : null,
    questions: result.questions.map((q) => ({
      label: q.label,
      rows: [
        row(q.answered, 'Everyone who answered', 'nhsuk-u-font-weight-bold'),
        ...q.rows.map((r) => row(r, r.name, 'nhsuk-u-padding-left-2')),
      ],
    })),
  };
}
