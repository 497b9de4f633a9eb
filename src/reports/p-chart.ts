import { roundedPercentage, type Percentage } from '../fft/fft-percentages';

export interface MonthProportion {
  month: string;
  positive: number;
  total: number;
}

export interface PChartPoint extends MonthProportion {
  percentPositive: Percentage;
  /** Proportions (0 to 1); null when the month has no responses. */
  proportion: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  signal: 'none' | 'above_limit' | 'below_limit' | 'run_above' | 'run_below';
}

export interface PChart {
  /** p-bar = sum of positives / sum of responses over the months; null when there are none. */
  centreLine: number | null;
  points: PChartPoint[];
}

/** Runs of this many months in a row on one side of the centre line are marked as special cause. */
export const RUN_LENGTH = 8;

/**
 * A p-chart of % positive: centre line p-bar over all months; each month's limits p-bar +- 3 * sqrt(p-bar *
 * (1 - p-bar) / n_i), clipped to [0, 1]. A month outside its limits is special cause; so is each month of a run
 * of 8 or more months in a row strictly above (or below) the centre line. Months with no responses have no
 * limits and break a run.
 */
export function pChart(months: MonthProportion[]): PChart {
  const positives = months.reduce((n, m) => n + m.positive, 0);
  const total = months.reduce((n, m) => n + m.total, 0);
  const centreLine = total === 0 ? null : positives / total;

  const points: PChartPoint[] = months.map((m) => {
    const percentPositive = roundedPercentage(m.positive, m.total);
    if (m.total === 0 || centreLine === null) {
      return { ...m, percentPositive, proportion: null, lowerLimit: null, upperLimit: null, signal: 'none' };
    }
    const sigma = Math.sqrt((centreLine * (1 - centreLine)) / m.total);
    const lowerLimit = Math.max(0, centreLine - 3 * sigma);
    const upperLimit = Math.min(1, centreLine + 3 * sigma);
    const proportion = m.positive / m.total;
    const signal = proportion > upperLimit ? 'above_limit' : proportion < lowerLimit ? 'below_limit' : 'none';
    return { ...m, percentPositive, proportion, lowerLimit, upperLimit, signal };
  });

  if (centreLine !== null) markRuns(points, centreLine);
  return { centreLine, points };
}

function markRuns(points: PChartPoint[], centreLine: number): void {
  let start = 0;
  const side = (p: PChartPoint) =>
    p.proportion === null ? 0 : p.proportion > centreLine ? 1 : p.proportion < centreLine ? -1 : 0;
  for (let i = 1; i <= points.length; i++) {
    const previous = points[i - 1];
    const current = points[i];
    const runSide = previous ? side(previous) : 0;
    if (current && side(current) === runSide && runSide !== 0) continue;
    if (runSide !== 0 && i - start >= RUN_LENGTH) {
      for (let j = start; j < i; j++) {
        const p = points[j];
        if (p && p.signal === 'none') p.signal = runSide > 0 ? 'run_above' : 'run_below';
      }
    }
    start = i;
  }
}
