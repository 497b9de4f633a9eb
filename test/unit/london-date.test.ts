import { londonDateOf } from '../../src/clock';

describe('londonDateOf (remembered for the minute it was asked in)', () => {
  it.each([
    ['2026-06-30T22:59:59.999Z', '2026-06-30'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01'],
    ['2026-06-30T23:00:30.000Z', '2026-07-01'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01'],
    ['2026-03-29T00:59:00.000Z', '2026-03-29'],
    ['2026-10-24T22:59:59.000Z', '2026-10-24'],
    ['2026-10-24T23:00:00.000Z', '2026-10-25'],
  ])('gives the London calendar date of %s as %s, asked in turn', (instant, date) => {
    expect(londonDateOf(new Date(instant))).toBe(date);
  });
});
