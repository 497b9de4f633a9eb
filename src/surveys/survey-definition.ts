import { z } from 'zod';

/**
 * A survey is data: one JSON file per published version in data/surveys/, validated here at start-up.
 * Texts are keyed by language tag so a version can carry translations; English ("en") is required.
 */
export const localisedText = z
  .object({ en: z.string().min(1) })
  .catchall(z.string().min(1))
  .describe('text keyed by language tag');

export type LocalisedText = z.infer<typeof localisedText>;

const itemCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a lowercase code of letters, digits and underscores');

const itemBase = {
  code: itemCode,
  /** The reporting theme, stable across versions. */
  theme: z.string().min(1),
};

const fftItem = z
  .object({
    ...itemBase,
    kind: z.literal('fft'),
  })
  .strict();

const freeTextItem = z
  .object({
    ...itemBase,
    kind: z.literal('free_text'),
    commentType: z.enum(['what_good', 'could_improve', 'nonspecific']),
    label: localisedText,
    hint: localisedText.optional(),
    maxLength: z.number().int().min(1).max(10_000),
  })
  .strict();

const respondentRoleItem = z
  .object({
    ...itemBase,
    kind: z.literal('respondent_role'),
    label: localisedText,
    hint: localisedText.optional(),
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

export const surveyItem = z.discriminatedUnion('kind', [fftItem, freeTextItem, respondentRoleItem]);
export type SurveyItem = z.infer<typeof surveyItem>;
export type FreeTextItem = z.infer<typeof freeTextItem>;
export type RespondentRoleItem = z.infer<typeof respondentRoleItem>;

export const surveyDefinitionSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a lowercase slug'),
    version: z.number().int().min(1),
    title: localisedText,
    intro: localisedText.optional(),
    items: z.array(surveyItem).min(2),
  })
  .strict()
  .superRefine((survey, ctx) => {
    if (survey.items[0]?.kind !== 'fft') {
      ctx.addIssue({
        code: 'custom',
        path: ['items', 0],
        message: 'the first item must be the FFT question',
      });
    }
    if (!survey.items.some((item) => item.kind === 'free_text')) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'the FFT question must be followed by at least one free-text question',
      });
    }
    const seen = new Set<string>();
    survey.items.forEach((item, index) => {
      if (seen.has(item.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'code'],
          message: `item code "${item.code}" is used twice`,
        });
      }
      seen.add(item.code);
      if (item.kind === 'fft' && index > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index],
          message: 'there can be only one FFT question',
        });
      }
    });
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

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
  const raw = json as { code?: unknown; version?: unknown; items?: { code?: unknown }[] } | null;
  const shown = (value: unknown, fallback: string | number) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : String(fallback);
  const label =
    raw && typeof raw === 'object' ? `${shown(raw.code, '?')} version ${shown(raw.version, '?')}` : '?';
  throw new SurveyDefinitionError(
    `${source} (${label})`,
    result.error.issues.map((issue) => {
      const [first, index] = issue.path;
      const itemCodeAt =
        first === 'items' && typeof index === 'number' && Array.isArray(raw?.items)
          ? ` [item ${shown(raw.items[index]?.code, index)}]`
          : '';
      return `${issue.path.join('.')}${itemCodeAt}: ${issue.message}`;
    }),
  );
}

/** The text in the requested language, falling back to English. */
export function textIn(text: LocalisedText, language: string): string {
  return text[language] ?? text.en;
}
