import {
  addCounts,
  fftFigures,
  roundedPercentage,
  sumCounts,
  type FftCounts,
} from '../../src/fft/fft-percentages';

const counts = (c1: number, c2: number, c3: number, c4: number, c5: number, c6: number): FftCounts => ({
  c1,
  c2,
  c3,
  c4,
  c5,
  c6,
});

describe('a whole-number percentage, rounded half up on the exact fraction', () => {
  it.each([
    [23, 40, 58],
    [1, 8, 13],
    [1, 200, 1],
    [1, 3, 33],
    [2, 3, 67],
    [1, 2, 50],
    [0, 5, 0],
    [5, 5, 100],
    [7, 1000, 1],
    [5, 1000, 1],
    [4, 1000, 0],
    [29, 200, 15],
  ])('%i of %i is %i%%', (k, n, expected) => {
    expect(roundedPercentage(k, n)).toBe(expected);
  });

  it('is NA when nobody answered', () => {
    expect(roundedPercentage(0, 0)).toBe('NA');
  });

  it.each([
    [-1, 5],
    [6, 5],
    [1.5, 5],
  ])('refuses %p of %p', (k, n) => {
    expect(() => roundedPercentage(k, n)).toThrow(RangeError);
  });

  it('agrees with exact rational rounding for every k/n up to 400', () => {
    const mismatches: string[] = [];
    for (let n = 1; n <= 400; n++) {
      for (let k = 0; k <= n; k++) {
        const exact = Number(BigInt(200 * k + n) / BigInt(2 * n));
        if (roundedPercentage(k, n) !== exact) mismatches.push(`${k}/${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('FFT figures from the six counts', () => {
  it.each<[FftCounts, number, number | 'NA', number | 'NA', string]>([
    // c1..c6, total, %pos, %neg
    [counts(10, 13, 0, 0, 0, 17), 40, 58, 0, "Don't know in the denominator"],
    [counts(5, 5, 5, 3, 2, 0), 20, 50, 25, 'Neither in the denominator'],
    [counts(1, 1, 1, 1, 1, 1), 6, 33, 33, 'one of each'],
    [counts(0, 0, 0, 0, 0, 0), 0, 'NA', 'NA', 'no responses'],
    [counts(0, 0, 3, 0, 0, 4), 7, 0, 0, "only Neither and Don't know"],
    [counts(0, 0, 0, 1, 1, 0), 2, 0, 100, 'only negative'],
  ])('%o gives total %i, %p positive, %p negative (%s)', (c, total, pos, neg) => {
    const figures = fftFigures(c);
    expect(figures.total).toBe(total);
    expect(figures.percentPositive).toBe(pos);
    expect(figures.percentNegative).toBe(neg);
  });

  it('recomputes a parent from summed counts, not by averaging the children', () => {
    const a = counts(1, 0, 0, 0, 0, 0); // 100%
    const b = counts(1, 0, 0, 0, 0, 3); // 25%
    expect(fftFigures(addCounts(a, b)).percentPositive).toBe(40); // 2/5, not (100+25)/2
    expect(sumCounts([a, b, counts(0, 0, 0, 0, 0, 0)])).toEqual(counts(2, 0, 0, 0, 0, 3));
  });
});
