import { FFT_ANSWERS, FFT_QUESTION } from '../../fft/fft-question';
import type { FeedbackForm } from '../../responses/feedback-service';
import type { FieldError, RawAnswers } from '../../surveys/survey-answers';
import { textIn } from '../../surveys/survey-definition';

interface RadiosField {
  kind: 'radios';
  params: {
    name: string;
    idPrefix: string;
    fieldset: { legend: { text: string; classes: string } };
    hint?: { text: string };
    errorMessage?: { text: string };
    items: { value: string; text: string; checked: boolean }[];
  };
}

interface CharacterCountField {
  kind: 'character-count';
  params: {
    name: string;
    id: string;
    label: { text: string; classes: string };
    hint?: { text: string };
    errorMessage?: { text: string };
    maxlength: number;
    value: string;
    rows: number;
    autocomplete: string;
  };
}

interface UrgentHelpBlock {
  kind: 'urgent-help';
}

export type SurveyBlock = RadiosField | CharacterCountField | UrgentHelpBlock;

export interface SurveyViewModel {
  pageTitle: string;
  heading: string;
  teamName: string;
  intro: string | undefined;
  action: string;
  token: string;
  errorList: { text: string; href: string }[];
  blocks: SurveyBlock[];
}

const optional = (hint: string | undefined) => (hint ? { hint: { text: hint } } : {});

/**
 * Everything the survey page shows, display-ready. The urgent-help card comes before the first free-text
 * question, because people may write about risk in a form nobody reads in real time.
 */
export function buildSurveyViewModel(
  form: FeedbackForm,
  values: RawAnswers = {},
  errors: FieldError[] = [],
  language = 'en',
): SurveyViewModel {
  const definition = form.survey.definition;
  const errorFor = (field: string) => {
    const error = errors.find((e) => e.field === field);
    return error ? { errorMessage: { text: error.message } } : {};
  };
  const blocks: SurveyBlock[] = [];
  let helpShown = false;

  for (const item of definition.items) {
    const value = values[item.code] ?? '';
    switch (item.kind) {
      case 'fft':
        blocks.push({
          kind: 'radios',
          params: {
            name: item.code,
            idPrefix: item.code,
            fieldset: { legend: { text: FFT_QUESTION, classes: 'nhsuk-fieldset__legend--m' } },
            ...errorFor(item.code),
            items: FFT_ANSWERS.map((answer) => ({
              value: String(answer.code),
              text: answer.label,
              checked: value === String(answer.code),
            })),
          },
        });
        break;
      case 'free_text':
        if (!helpShown) {
          blocks.push({ kind: 'urgent-help' });
          helpShown = true;
        }
        blocks.push({
          kind: 'character-count',
          params: {
            name: item.code,
            id: item.code,
            label: { text: textIn(item.label, language), classes: 'nhsuk-label--m' },
            ...optional(item.hint && textIn(item.hint, language)),
            ...errorFor(item.code),
            maxlength: item.maxLength,
            value,
            rows: 5,
            // Comments are not the person's own details: browsers should neither offer nor keep them.
            autocomplete: 'off',
          },
        });
        break;
      case 'respondent_role':
        blocks.push({
          kind: 'radios',
          params: {
            name: item.code,
            idPrefix: item.code,
            fieldset: {
              legend: { text: textIn(item.label, language), classes: 'nhsuk-fieldset__legend--m' },
            },
            ...optional(item.hint && textIn(item.hint, language)),
            ...errorFor(item.code),
            items: item.options.map((option) => ({
              value: option.value,
              text: textIn(option.label, language),
              checked: value === option.value,
            })),
          },
        });
        break;
    }
  }

  const heading = textIn(definition.title, language);
  const title = `${heading} - ${form.team.name}`;
  return {
    pageTitle: errors.length > 0 ? `Error: ${title}` : title,
    heading,
    teamName: form.team.name,
    intro: definition.intro && textIn(definition.intro, language),
    action: `/t/${form.team.code}`,
    token: form.token,
    errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })),
    blocks,
  };
}

export function buildThankYouViewModel(teamName: string, teamCode: string) {
  return {
    pageTitle: `Thank you for your feedback - ${teamName}`,
    teamName,
    againHref: `/t/${teamCode}`,
  };
}
