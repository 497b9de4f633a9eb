import type { CommentType, RespondentRole } from '../responses/response-repository';
import { localised } from './survey-definition';
import { chosenValues, type Question, type RawAnswers } from './survey-journey';

export type { RawAnswers } from './survey-journey';

export interface FieldError {
  /** The question code, which is also the field's id the error summary links to. */
  field: string;
  message: string;
}

export interface ValidAnswers {
  /** Null when the questions checked do not include the FFT question (a later page). */
  fftCode: number | null;
  respondentRole: RespondentRole | null;
  answers: { itemCode: string; value: string }[];
  comments: { itemCode: string; commentType: CommentType; body: string }[];
}

export type AnswerCheck = { ok: true; value: ValidAnswers } | { ok: false; errors: FieldError[] };

/** Length as a person counts characters: an emoji is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}

/** A free-text answer that is only white space counts as no answer. */
function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

const questionName = (question: Question, language: string) =>
  localised(question.label, language).text.replace(/\?$/, '');

/**
 * Checks answers to the questions shown. Messages follow the NHS content style and name the question.
 * Free text is kept verbatim (no trimming or stripping): PALS read exactly what was written.
 */
export function checkAnswers(questions: Question[], raw: RawAnswers, language: string): AnswerCheck {
  const errors: FieldError[] = [];
  const value: ValidAnswers = { fftCode: null, respondentRole: null, answers: [], comments: [] };

  for (const question of questions) {
    if (question.kind === 'free_text') {
      const text = raw[question.code] ?? '';
      if (isBlank(text)) continue;
      const limit = question.maxLength ?? 10_000;
      if (characterCount(text) > limit) {
        errors.push({
          field: question.code,
          message: `${questionName(question, language)}: your answer must be ${limit.toLocaleString('en-GB')} characters or fewer`,
        });
      } else {
        value.comments.push({
          itemCode: question.code,
          commentType: question.commentType ?? 'nonspecific',
          body: text,
        });
      }
      continue;
    }

    const chosen = chosenValues(question, raw);
    const allowed = question.options.map((o) => o.value);
    if (question.kind === 'fft') {
      const code = chosen[0];
      if (code === undefined || !allowed.includes(code)) {
        errors.push({ field: question.code, message: 'Select how your experience of our service was' });
      } else {
        value.fftCode = Number(code);
        value.answers.push({ itemCode: question.code, value: code });
      }
      continue;
    }
    if (chosen.length === 0) continue;
    if (chosen.some((v) => !allowed.includes(v))) {
      errors.push({
        field: question.code,
        message:
          question.kind === 'respondent_role'
            ? 'Select who is answering, or leave this question blank'
            : `${questionName(question, language)}: select an answer from the list, or leave it blank`,
      });
      continue;
    }
    for (const v of chosen) value.answers.push({ itemCode: question.code, value: v });
    if (question.kind === 'respondent_role') value.respondentRole = chosen[0] as RespondentRole;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value };
}
