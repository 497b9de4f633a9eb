import { shortMonthLabel } from '../../reports/report-period';
import type { TrendPoint } from '../../reports/report-service';

/**
 * Geometry for the server-rendered SVG trend charts: the template only draws what is computed here.
 * Meaning never rests on colour alone: special-cause months are drawn as larger diamonds with a text marker
 * and are named in the data table beside each chart.
 */
export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
}

export interface PChartView extends ChartGeometry {
  centreLine: { y: number; label: string } | null;
  line: string;
  upperLimit: string;
  lowerLimit: string;
  points: { x: number; y: number; special: boolean; marker: string; diamond: string; title: string }[];
}

export interface BarChartView extends ChartGeometry {
  bars: { x: number; y: number; width: number; height: number; title: string }[];
}

const WIDTH = 640;
const HEIGHT = 280;
const plot = { left: 48, top: 16, right: WIDTH - 16, bottom: HEIGHT - 48 };

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Month positions, inset from the axes so the first and last bars stay inside the plot. */
function xPositions(count: number): number[] {
  const inset = 24;
  const left = plot.left + inset;
  const right = plot.right - inset;
  const step = count > 1 ? (right - left) / (count - 1) : 0;
  return Array.from({ length: count }, (_, i) => round1(count > 1 ? left + i * step : (left + right) / 2));
}

const yOfProportion = (p: number) => round1(plot.bottom - p * (plot.bottom - plot.top));

/** A path through the points that have a value; a gap (no responses) starts a new segment. */
function path(xs: number[], values: (number | null)[]): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${xs[i] ?? 0} ${yOfProportion(v)} `;
    pen = true;
  });
  return d.trim();
}

const xLabels = (xs: number[], points: TrendPoint[]) =>
  points.map((p, i) => ({ x: xs[i] ?? 0, label: shortMonthLabel(p.month) }));

export const signalText: Record<TrendPoint['signal'], string> = {
  none: '',
  above_limit: 'Special cause: above the upper limit',
  below_limit: 'Special cause: below the lower limit',
  run_above: 'Special cause: run of 8 or more months above the centre line',
  run_below: 'Special cause: run of 8 or more months below the centre line',
};

/** % positive with the centre line and the 3-sigma limits; suppressed or empty months are left out. */
export function pChartView(points: TrendPoint[], centreLine: number | null): PChartView {
  const xs = xPositions(points.length);
  const shown = points.map((p) =>
    typeof p.percentPositive === 'number' && p.total > 0 ? p.positive / p.total : null,
  );
  return {
    width: WIDTH,
    height: HEIGHT,
    plot,
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((p) => ({ y: yOfProportion(p), label: `${p * 100}%` })),
    xLabels: xLabels(xs, points),
    centreLine:
      centreLine === null
        ? null
        : { y: yOfProportion(centreLine), label: `Centre line ${Math.round(centreLine * 1000) / 10}%` },
    line: path(xs, shown),
    upperLimit: path(
      xs,
      points.map((p, i) => (shown[i] === null ? null : p.upperLimit)),
    ),
    lowerLimit: path(
      xs,
      points.map((p, i) => (shown[i] === null ? null : p.lowerLimit)),
    ),
    points: points.flatMap((p, i) => {
      const value = shown[i];
      if (value === null || value === undefined) return [];
      const x = xs[i] ?? 0;
      const y = yOfProportion(value);
      const special = p.signal !== 'none';
      const r = special ? 7 : 4;
      return [
        {
          x,
          y,
          special,
          marker: special ? '!' : '',
          diamond: `M${x} ${round1(y - r)} L${round1(x + r)} ${y} L${x} ${round1(y + r)} L${round1(x - r)} ${y} Z`,
          title: `${shortMonthLabel(p.month)}: ${String(p.percentPositive)}% positive${special ? `. ${signalText[p.signal]}` : ''}`,
        },
      ];
    }),
  };
}

/** Responses per month as bars, on a scale rounded up to a tidy maximum. */
export function responsesChartView(points: TrendPoint[]): BarChartView {
  const xs = xPositions(points.length);
  const max = Math.max(1, ...points.map((p) => p.total));
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const top = Math.ceil(max / magnitude) * magnitude;
  const slot = points.length > 1 ? (plot.right - plot.left - 48) / (points.length - 1) : 48;
  const barWidth = round1(Math.min(40, Math.max(4, slot * 0.6)));
  const yOf = (n: number) => round1(plot.bottom - (n / top) * (plot.bottom - plot.top));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot,
    yTicks: [0, 0.5, 1].map((f) => ({ y: yOf(top * f), label: String(top * f) })),
    xLabels: xLabels(xs, points),
    bars: points.map((p, i) => ({
      x: round1((xs[i] ?? 0) - barWidth / 2),
      y: yOf(p.total),
      width: barWidth,
      height: round1(plot.bottom - yOf(p.total)),
      title: `${shortMonthLabel(p.month)}: ${p.total} responses`,
    })),
  };
}
