import fs from 'node:fs';
import { z } from 'zod';

/**
 * Flags comments that may disclose risk (self-harm, harm to others, abuse, sexual safety, restraint, medication,
 * absconding, feeling unsafe) for same-day review. Phrase lists are configuration (data/risk-phrases.json).
 *
 * Negation-aware: a phrase does not flag when a negation ("not", "never", "wouldn't" ...) stands within the few
 * words before it in the same clause ("I would never hurt myself"), unless the negation is part of the phrase
 * itself ("I don't want to live"). Clauses split at sentence ends and at "and", "but", "so", "because", so a
 * negation in one clause does not hide a disclosure in the next ("staff never listened and I want to die").
 * It errs towards flagging: a person reads every flag, and a missed disclosure costs more than a false alarm.
 */
export const riskPhraseFileSchema = z
  .object({
    $comment: z.string().optional(),
    categories: z
      .array(
        z
          .object({
            code: z.string().regex(/^[a-z_]+$/),
            label: z.string().min(1),
            phrases: z
              .array(z.string().regex(/^[a-z0-9 '*-]+$/, 'use lower case letters, digits, spaces, - and *'))
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type RiskPhraseFile = z.infer<typeof riskPhraseFileSchema>;

export interface RiskMatch {
  category: string;
  label: string;
  phrase: string;
}

const NEGATIONS = new Set([
  'not',
  'never',
  'no',
  'nobody',
  'none',
  'nothing',
  'neither',
  'nor',
  'without',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'nt',
]);
const NEGATION_WINDOW = 5;
const CLAUSE_BREAK = /[.!?;:\n\r]+|,|\b(?:and|but|so|because|although|though|however|yet)\b/;

/** Lower case, straight apostrophes removed (don't -> dont), other punctuation kept for clause breaks. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc`']/g, '')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

function phrasePattern(phrase: string): RegExp {
  const words = normalise(phrase)
    .trim()
    .split(/\s+/)
    .map((word) =>
      word.replace(/[.*+?^${}()|[\]\\]/g, (ch) => (ch === '*' ? '*' : `\\${ch}`)).replace(/\*/g, '[a-z]*'),
    );
  return new RegExp(`(?<![a-z0-9])${words.join('[\\s-]+')}(?![a-z0-9])`, 'g');
}

export function createRiskDetector(file: RiskPhraseFile) {
  const patterns = file.categories.flatMap((category) =>
    category.phrases.map((phrase) => ({
      category: category.code,
      label: category.label,
      phrase,
      regex: phrasePattern(phrase),
    })),
  );

  // Every phrase in one expression: a clause none of them matches (most clauses of most comments) is passed over
  // with one test instead of one search per phrase. A clause it matches is searched phrase by phrase as before.
  const anyPhrase = new RegExp(patterns.map((pattern) => `(?:${pattern.regex.source})`).join('|'));

  const labels: Record<string, string> = Object.fromEntries(file.categories.map((c) => [c.code, c.label]));

  return {
    /** The label of each category, by code ("Self-harm or suicide"). */
    labels: () => labels,

    /** Every category the text discloses, once each, in the order of the phrase list. */
    detect(text: string): RiskMatch[] {
      const clauses = normalise(text).split(CLAUSE_BREAK);
      const found = new Map<string, RiskMatch>();
      for (const clause of clauses) {
        if (!clause || !anyPhrase.test(clause)) continue;
        for (const pattern of patterns) {
          if (found.has(pattern.category)) continue;
          pattern.regex.lastIndex = 0;
          for (let match = pattern.regex.exec(clause); match; match = pattern.regex.exec(clause)) {
            const before = clause
              .slice(0, match.index)
              .split(/[^a-z0-9]+/)
              .filter(Boolean)
              .slice(-NEGATION_WINDOW);
            if (!before.some((word) => NEGATIONS.has(word))) {
              found.set(pattern.category, {
                category: pattern.category,
                label: pattern.label,
                phrase: pattern.phrase,
              });
              break;
            }
          }
        }
      }
      return [...found.values()];
    },
  };
}

export type RiskDetector = ReturnType<typeof createRiskDetector>;

export function readRiskPhraseFile(file: string): RiskPhraseFile {
  const result = riskPhraseFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    throw new Error(
      `The risk phrase file ${file} is not valid:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return result.data;
}
