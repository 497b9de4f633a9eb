import type { FftCode } from './fft-question';

/** Counts of the six FFT answers, indexed by code: c1 Very good ... c6 Don't know. */
export interface FftCounts {
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
}

export const emptyCounts = (): FftCounts => ({ c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, c6: 0 });

export const countKeys = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'] as const satisfies readonly (keyof FftCounts)[];

export function countKey(code: FftCode): keyof FftCounts {
  return `c${code}`;
}

/** All six answers, "Neither" and "Don't know" included: the NHS England denominator. */
export function totalOf(counts: FftCounts): number {
  return counts.c1 + counts.c2 + counts.c3 + counts.c4 + counts.c5 + counts.c6;
}

/** Sums counts field by field: every level is recomputed from summed counts, never from percentages. */
export function addCounts(a: FftCounts, b: FftCounts): FftCounts {
  return {
    c1: a.c1 + b.c1,
    c2: a.c2 + b.c2,
    c3: a.c3 + b.c3,
    c4: a.c4 + b.c4,
    c5: a.c5 + b.c5,
    c6: a.c6 + b.c6,
  };
}

export function sumCounts(all: Iterable<FftCounts>): FftCounts {
  let sum = emptyCounts();
  for (const c of all) sum = addCounts(sum, c);
  return sum;
}

/** A published percentage: a whole number, or 'NA' when nobody answered. */
export type Percentage = number | 'NA';

/**
 * k out of n as a whole-number percentage, rounded half up on the exact fraction: floor((200k + n) / (2n)).
 * Integer arithmetic, so 23/40 is 58 (floating-point Math.round(23 / 40 * 100) gives 57).
 */
export function roundedPercentage(k: number, n: number): Percentage {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError('a percentage needs whole counts with 0 <= k <= n');
  }
  if (n === 0) return 'NA';
  return Math.floor((200 * k + n) / (2 * n));
}

export interface FftFigures {
  counts: FftCounts;
  total: number;
  positive: number;
  negative: number;
  percentPositive: Percentage;
  percentNegative: Percentage;
}

/** % positive = (Very good + Good) / all six; % negative = (Poor + Very poor) / all six. */
export function fftFigures(counts: FftCounts): FftFigures {
  const total = totalOf(counts);
  const positive = counts.c1 + counts.c2;
  const negative = counts.c4 + counts.c5;
  return {
    counts,
    total,
    positive,
    negative,
    percentPositive: roundedPercentage(positive, total),
    percentNegative: roundedPercentage(negative, total),
  };
}
