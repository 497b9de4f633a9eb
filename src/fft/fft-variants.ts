import { FFT_ANSWERS, FFT_QUESTION } from './fft-question';

/**
 * Accessible wordings of the FFT question. NHS England allows variants (easy read, children and young people) as
 * long as each answer still maps to the same six codes. The national wording stays the default.
 */
export const fftVariants = ['standard', 'easy_read', 'young_person'] as const;
export type FftVariant = (typeof fftVariants)[number];

/** The language tag of the Easy Read variant of English (a BCP 47 private-use subtag). */
export const EASY_READ = 'en-x-easyread';

interface FftWording {
  question: string;
  answers: Record<1 | 2 | 3 | 4 | 5 | 6, string>;
}

const national: FftWording = {
  question: FFT_QUESTION,
  answers: Object.fromEntries(FFT_ANSWERS.map((a) => [a.code, a.label])) as FftWording['answers'],
};

const easyRead: FftWording = {
  question: 'What did you think of our service?',
  answers: {
    1: 'Very good',
    2: 'Good',
    3: 'Not good and not bad',
    4: 'Bad',
    5: 'Very bad',
    6: 'I do not know',
  },
};

const youngPerson: FftWording = {
  question: 'Overall, how was your time with us?',
  answers: {
    1: 'Really good',
    2: 'Good',
    3: 'Not good or bad',
    4: 'Bad',
    5: 'Really bad',
    6: "I'm not sure",
  },
};

const wordings: Record<FftVariant, FftWording> = {
  standard: national,
  easy_read: easyRead,
  young_person: youngPerson,
};

/**
 * The wording of a variant as text keyed by language. The standard question read in Easy Read uses the
 * Easy Read wording, so the language switch works on the FFT too.
 */
export function fftWording(variant: FftVariant): {
  question: TextByLanguage;
  answers: { code: number; label: TextByLanguage }[];
} {
  const main = wordings[variant];
  const text = (english: string, easy: string): TextByLanguage => {
    const byLanguage: TextByLanguage = { en: english };
    if (variant === 'standard') byLanguage[EASY_READ] = easy;
    return byLanguage;
  };
  return {
    question: text(main.question, easyRead.question),
    answers: FFT_ANSWERS.map(({ code }) => ({
      code,
      label: text(main.answers[code], easyRead.answers[code]),
    })),
  };
}

type TextByLanguage = { en: string } & Record<string, string>;

/** The decorative face shown beside each answer in the picture-supported version (the text carries the meaning). */
export function fftPicture(code: number): string {
  return `/assets/images/fft-${code}.svg`;
}
