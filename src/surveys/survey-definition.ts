import { z } from 'zod';
import { fftVariants } from '../fft/fft-variants';
import { EQUALITY_PREFIX, EQUALITY_QUESTIONS, equalityQuestionNames } from './equality-monitoring';

/**
 * A survey is data: one JSON file per published version in data/surveys/, validated here at start-up.
 * Texts are keyed by language tag so a version can carry translations; English ("en") is required, and a
 * missing translation falls back to English (shown with lang="en").
 */
const languageTag = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/, 'must be a lowercase language tag');

export const localisedText = z
  .object({ en: z.string().min(1) })
  .catchall(z.string().min(1))
  .describe('text keyed by language tag');

export type LocalisedText = z.infer<typeof localisedText>;

const itemCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a lowercase code of letters, digits and underscores');
const optionValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'must be a lowercase value of letters, digits and underscores');

export const teamSettings = ['community', 'inpatient', 'forensic'] as const;
const setting = z.enum(teamSettings);

/** Show an item only when an earlier closed question was answered with one of these values. */
const condition = z
  .object({
    item: itemCode,
    anyOf: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type ItemCondition = z.infer<typeof condition>;

const itemBase = {
  code: itemCode,
  /** The reporting theme, stable across versions. */
  theme: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a lowercase theme code'),
  /** Ask only in teams with one of these settings; all settings when absent. */
  settings: z.array(setting).min(1).optional(),
  showIf: condition.optional(),
};

const questionText = {
  label: localisedText,
  hint: localisedText.optional(),
};

const option = z.object({ value: optionValue, label: localisedText }).strict();

const fftItem = z
  .object({
    ...itemBase,
    kind: z.literal('fft'),
    /** National wording by default; accessible variants map to the same six codes. */
    variant: z.enum(fftVariants).default('standard'),
    /** Show a decorative face beside each answer (the words carry the meaning). */
    pictures: z.boolean().default(false),
  })
  .strict();

const agreementItem = z.object({ ...itemBase, ...questionText, kind: z.literal('agreement') }).strict();
const yesNoItem = z.object({ ...itemBase, ...questionText, kind: z.literal('yes_no') }).strict();

const singleChoiceItem = z
  .object({ ...itemBase, ...questionText, kind: z.literal('single_choice'), options: z.array(option).min(2) })
  .strict();

const multipleChoiceItem = z
  .object({
    ...itemBase,
    ...questionText,
    kind: z.literal('multiple_choice'),
    options: z.array(option).min(2),
  })
  .strict();

const freeTextItem = z
  .object({
    ...itemBase,
    ...questionText,
    kind: z.literal('free_text'),
    commentType: z.enum(['what_good', 'could_improve', 'nonspecific']),
    maxLength: z.number().int().min(1).max(10_000),
  })
  .strict();

const respondentRoleItem = z
  .object({
    ...itemBase,
    ...questionText,
    kind: z.literal('respondent_role'),
    options: z
      .array(
        z
          .object({
            value: z.enum(['service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience']),
            label: localisedText,
          })
          .strict(),
      )
      .min(2),
  })
  .strict();

/** The equality-monitoring block: the survey picks the questions, their wording and codes are national. */
const equalityItem = z
  .object({
    ...itemBase,
    kind: z.literal('equality'),
    questions: z.array(z.enum(equalityQuestionNames)).min(1),
  })
  .strict();

export const surveyItem = z.discriminatedUnion('kind', [
  fftItem,
  agreementItem,
  singleChoiceItem,
  multipleChoiceItem,
  yesNoItem,
  freeTextItem,
  respondentRoleItem,
  equalityItem,
]);
export type SurveyItem = z.infer<typeof surveyItem>;
export type FreeTextItem = z.infer<typeof freeTextItem>;
export type RespondentRoleItem = z.infer<typeof respondentRoleItem>;

const page = z
  .object({
    /** A heading for the page; the survey title when absent. */
    title: localisedText.optional(),
    intro: localisedText.optional(),
    items: z.array(surveyItem).min(1),
  })
  .strict();

/** Which teams offer the survey when the database first starts (admins change it later). */
const offer = z
  .object({
    settings: z.array(setting),
    /** The choice shown on the team's start page. */
    label: localisedText,
    description: localisedText.optional(),
    order: z.number().int().min(1),
  })
  .strict();

const reservedSurveyCodes = new Set(['thank-you', 'start']);

export const surveyDefinitionSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a lowercase slug')
      .refine((code) => !reservedSurveyCodes.has(code), 'is reserved for a page address'),
    version: z.number().int().min(1),
    title: localisedText,
    intro: localisedText.optional(),
    /** Languages a respondent can switch to; every text falls back to English. */
    languages: z.array(languageTag).min(1).default(['en']),
    /** Show a check-your-answers page before sending (long surveys). */
    checkAnswers: z.boolean().default(false),
    offer: offer.optional(),
    pages: z.array(page).min(1),
  })
  .strict()
  .superRefine((survey, ctx) => {
    const items = survey.pages.flatMap((p, pageIndex) =>
      p.items.map((item, index) => ({ item, path: ['pages', pageIndex, 'items', index] })),
    );
    if (!survey.languages.includes('en')) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: 'must include "en"' });
    }
    if (items[0]?.item.kind !== 'fft') {
      ctx.addIssue({
        code: 'custom',
        path: ['pages', 0, 'items', 0],
        message: 'the first item must be the FFT question',
      });
    }
    if (!items.some(({ item }) => item.kind === 'free_text')) {
      ctx.addIssue({
        code: 'custom',
        path: ['pages'],
        message: 'the FFT question must be followed by at least one free-text question',
      });
    }
    const seen = new Map<string, SurveyItem>();
    const pageOf = new Map<string, number>();
    items.forEach(({ item, path }, index) => {
      const codes =
        item.kind === 'equality'
          ? [item.code, ...item.questions.map((q) => EQUALITY_PREFIX + q)]
          : [item.code];
      for (const code of codes) {
        if (seen.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'code'],
            message: `item code "${code}" is used twice`,
          });
        }
      }
      if (item.kind !== 'equality' && item.code.startsWith(EQUALITY_PREFIX)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'code'],
          message: `item codes starting "${EQUALITY_PREFIX}" are kept for equality monitoring`,
        });
      }
      if (item.kind === 'fft' && (item.settings || item.showIf)) {
        ctx.addIssue({ code: 'custom', path, message: 'the FFT question is asked in every setting, always' });
      }
      if (item.kind === 'fft' && index > 0) {
        ctx.addIssue({ code: 'custom', path, message: 'there can be only one FFT question' });
      }
      if (item.showIf) {
        const target = seen.get(item.showIf.item);
        const allowed = target && closedValues(target);
        if (allowed && pageOf.get(item.showIf.item) === path[1]) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf', 'item'],
            message: `the condition must refer to a question on an earlier page, not "${item.showIf.item}" on the same page`,
          });
        } else if (!allowed) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf', 'item'],
            message: `the condition must refer to an earlier closed question, not "${item.showIf.item}"`,
          });
        } else {
          for (const value of item.showIf.anyOf.filter((v) => !allowed.includes(v))) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'showIf', 'anyOf'],
              message: `"${value}" is not an answer to "${item.showIf.item}"`,
            });
          }
        }
      }
      if (item.kind === 'equality') {
        for (const name of item.questions) seen.set(EQUALITY_PREFIX + name, item);
      }
      seen.set(item.code, item);
      pageOf.set(item.code, path[1] as number);
    });
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
/** A definition as written in a file, before defaults are filled in (what tests build). */
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;

/** The values a closed question stores, or undefined for free text and the equality block itself. */
export function closedValues(item: SurveyItem): string[] | undefined {
  switch (item.kind) {
    case 'fft':
      return ['1', '2', '3', '4', '5', '6'];
    case 'agreement':
      return [...AGREEMENT_VALUES];
    case 'yes_no':
      return ['yes', 'no'];
    case 'single_choice':
    case 'multiple_choice':
    case 'respondent_role':
      return item.options.map((o) => o.value);
    case 'free_text':
    case 'equality':
      return undefined;
  }
}

/** The stored values of the agreement scale (a contract with reporting: never change them). */
export const AGREEMENT_VALUES = [
  'strongly_agree',
  'agree',
  'neither',
  'disagree',
  'strongly_disagree',
  'not_applicable',
] as const;

/** Every equality question name a definition can use, with its stored item code. */
export function equalityItemCode(name: keyof typeof EQUALITY_QUESTIONS): string {
  return EQUALITY_PREFIX + name;
}

export class SurveyDefinitionError extends Error {
  constructor(source: string, problems: string[]) {
    super(`Survey definition ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SurveyDefinitionError';
  }
}

/** Validates a definition; errors name the file, the survey and version, and the item (by code) at fault. */
export function parseSurveyDefinition(source: string, json: unknown): SurveyDefinition {
  const result = surveyDefinitionSchema.safeParse(json);
  if (result.success) return result.data;
  const raw = json as {
    code?: unknown;
    version?: unknown;
    pages?: { items?: { code?: unknown }[] }[];
  } | null;
  const shown = (value: unknown, fallback: string | number) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : String(fallback);
  const label =
    raw && typeof raw === 'object' ? `${shown(raw.code, '?')} version ${shown(raw.version, '?')}` : '?';
  throw new SurveyDefinitionError(
    `${source} (${label})`,
    result.error.issues.map((issue) => {
      const [first, pageIndex, second, index] = issue.path;
      const pages = raw && typeof raw === 'object' && Array.isArray(raw.pages) ? raw.pages : [];
      const items = first === 'pages' && typeof pageIndex === 'number' ? pages[pageIndex]?.items : undefined;
      const itemCodeAt =
        second === 'items' && typeof index === 'number' && Array.isArray(items)
          ? ` [item ${shown(items[index]?.code, index)}]`
          : '';
      return `${issue.path.join('.')}${itemCodeAt}: ${issue.message}`;
    }),
  );
}

/** The text in the requested language, falling back to English. */
export function textIn(text: LocalisedText, language: string): string {
  return text[language] ?? text.en;
}

/** The text and the language it is really in, so a fallback can carry its own lang attribute. */
export function localised(text: LocalisedText, language: string): { text: string; lang: string } {
  const own = text[language];
  return own !== undefined ? { text: own, lang: language } : { text: text.en, lang: 'en' };
}
