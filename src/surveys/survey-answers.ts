import { FFT_ANSWERS } from '../fft/fft-question';
import type { CommentType, RespondentRole } from '../responses/response-repository';
import { textIn, type SurveyDefinition } from './survey-definition';

/** What the person typed or chose, by item code, exactly as sent (for re-showing the form). */
export type RawAnswers = Record<string, string>;

export interface FieldError {
  /** The item code, which is also the field's name and the id the error summary links to. */
  field: string;
  message: string;
}

export interface ValidAnswers {
  fftCode: number;
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

/**
 * Checks answers against a survey definition. Messages follow the NHS content style and name the question.
 * Free text is kept verbatim (no trimming or stripping): PALS read exactly what was written.
 */
export function checkAnswers(survey: SurveyDefinition, raw: RawAnswers, language: string): AnswerCheck {
  const errors: FieldError[] = [];
  let fftCode = 0;
  let respondentRole: RespondentRole | null = null;
  const answers: ValidAnswers['answers'] = [];
  const comments: ValidAnswers['comments'] = [];

  for (const item of survey.items) {
    const value = raw[item.code] ?? '';
    switch (item.kind) {
      case 'fft': {
        const answer = FFT_ANSWERS.find((a) => String(a.code) === value);
        if (!answer) {
          errors.push({ field: item.code, message: 'Select how your experience of our service was' });
        } else {
          fftCode = answer.code;
          answers.push({ itemCode: item.code, value: String(answer.code) });
        }
        break;
      }
      case 'free_text': {
        if (isBlank(value)) break;
        if (characterCount(value) > item.maxLength) {
          errors.push({
            field: item.code,
            message: `${textIn(item.label, language).replace(/\?$/, '')}: your answer must be ${item.maxLength.toLocaleString('en-GB')} characters or fewer`,
          });
        } else {
          comments.push({ itemCode: item.code, commentType: item.commentType, body: value });
        }
        break;
      }
      case 'respondent_role': {
        if (value === '') break;
        const option = item.options.find((o) => o.value === value);
        if (!option) {
          errors.push({ field: item.code, message: 'Select who is answering, or leave this question blank' });
        } else {
          respondentRole = option.value;
          answers.push({ itemCode: item.code, value: option.value });
        }
        break;
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { fftCode, respondentRole, answers, comments } };
}
