import type { Writable } from 'node:stream';
import type { PublishedRow, Shown } from '../fft/fft-suppression';
import { FFT_ANSWERS } from '../fft/fft-question';
import type { EqualityResult } from './report-service';
import { writeCsv } from './report-exports';

/**
 * Responses shown for an equality row: never a group under 5 (domain rules), and never a total that would let a
 * starred neighbour be worked out by subtraction, so any row whose counts are starred has its total starred too.
 */
export const equalityTotal = (row: PublishedRow): Shown => (row.reason === 'none' ? row.total : '*');

/**
 * The equality breakdowns as CSV: one row per question (everyone who answered it) and per answer, with the same
 * suppressed figures as the page and a column saying so. UTF-8 with a byte-order mark, formula neutralisation on
 * every cell (as every export: docs/reporting.md).
 */
export async function exportEquality(result: EqualityResult, out: Writable): Promise<{ rows: number }> {
  const rows = result.questions.flatMap((question) =>
    [question.answered, ...question.rows].map((row, i) => ({
      period: result.period.label,
      scope: result.scope.name,
      structure: result.basisLabel,
      suppression: 'Suppressed (NHS England small-number rules; groups under 5 not shown)',
      question: question.label,
      answer: i === 0 ? 'All who answered' : row.name,
      ...Object.fromEntries(row.counts.map((c, j) => [`c${j + 1}`, c])),
      total: equalityTotal(row),
      percentPositive: row.percentPositive,
      percentNegative: row.percentNegative,
      suppressedBecause: row.reason === 'none' ? '' : row.reason,
    })),
  );
  await writeCsv(
    out,
    [
      { key: 'period', header: 'Period' },
      { key: 'scope', header: 'Scope' },
      { key: 'structure', header: 'Structure' },
      { key: 'suppression', header: 'Suppression' },
      { key: 'question', header: 'Question' },
      { key: 'answer', header: 'Answer' },
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
