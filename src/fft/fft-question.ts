/**
 * The Friends and Family Test question as NHS England mandates it (guidance in force since April 2020):
 * exact wording, six answers in this order, coded 1 to 6.
 */
export const FFT_QUESTION = 'Overall, how was your experience of our service?';

export const FFT_ANSWERS = [
  { code: 1, label: 'Very good' },
  { code: 2, label: 'Good' },
  { code: 3, label: 'Neither good nor poor' },
  { code: 4, label: 'Poor' },
  { code: 5, label: 'Very poor' },
  { code: 6, label: "Don't know" },
] as const;

export type FftCode = (typeof FFT_ANSWERS)[number]['code'];

export function isFftCode(value: number): value is FftCode {
  return Number.isInteger(value) && value >= 1 && value <= 6;
}
