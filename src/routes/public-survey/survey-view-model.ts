import type { YouSaidWeDidEntry } from '../../pals/publication-service';
import { publicEntry } from '../you-said-we-did/you-said-we-did-view-model';
import { EASY_READ, fftPicture } from '../../fft/fft-variants';
import type { PlacedTeam } from '../../organisation/organisation-repository';
import type { FieldError } from '../../surveys/survey-answers';
import { localised, textIn, type LocalisedText } from '../../surveys/survey-definition';
import {
  allVisibleQuestions,
  chosenValues,
  type Question,
  type RawAnswers,
  type Step,
} from '../../surveys/survey-journey';
import type { PublishedSurvey } from '../../surveys/survey-repository';

/** Display-ready text with a lang attribute only where it differs from the page's language. */
interface Text {
  text: string;
  lang?: string;
}

interface RadiosField {
  kind: 'radios';
  params: {
    name: string;
    idPrefix: string;
    classes?: string;
    fieldset: { legend: Text & { classes: string } };
    hint?: Text;
    errorMessage?: { text: string };
    items: (Text & { value: string; checked: boolean; image?: string })[];
  };
}

interface CheckboxesField {
  kind: 'checkboxes';
  params: {
    idPrefix: string;
    fieldset: { legend: Text & { classes: string } };
    hint?: Text;
    errorMessage?: { text: string };
    items: (Text & { name: string; value: string; checked: boolean })[];
  };
}

interface CharacterCountField {
  kind: 'character-count';
  params: {
    name: string;
    id: string;
    label: Text & { classes: string };
    hint?: Text;
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

export type SurveyBlock = RadiosField | CheckboxesField | CharacterCountField | UrgentHelpBlock;

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', [EASY_READ]: 'Easy read' };

export interface LanguageLink {
  text: string;
  href: string;
  current: boolean;
}

/** Where the person is: the address parts every link and form action of the journey is built from. */
export interface JourneyPlace {
  team: PlacedTeam;
  survey: PublishedSurvey;
  language: string;
  /** Where the journey's pages live: /t/<team> (default), /q/<team>, /c/<point> or /kiosk. */
  base?: string;
}

/** The query string that keeps the chosen language (and the way back to check your answers) on every link. */
export function queryOf(language: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(language === 'en' ? {} : { lang: language }), ...extra });
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function stepHref(
  place: JourneyPlace,
  step: number | 'check',
  extra: Record<string, string> = {},
): string {
  const base = `${place.base ?? `/t/${place.team.code}`}/${place.survey.code}`;
  return `${step === 1 ? base : `${base}/${step}`}${queryOf(place.language, extra)}`;
}

/** Links to this page in each language of the survey; the current one is not a link. */
export function languageLinks(
  languages: string[],
  current: string,
  path: string,
  extra: Record<string, string> = {},
) {
  if (languages.length < 2) return [];
  return languages.map((language) => ({
    text: LANGUAGE_NAMES[language] ?? language,
    href: `${path}${queryOf(language, extra) || '?lang=en'}`,
    current: language === current,
  }));
}

const texted = (text: LocalisedText, language: string): Text => {
  const shown = localised(text, language);
  return shown.lang === language ? { text: shown.text } : shown;
};

function blockFor(
  question: Question,
  values: RawAnswers,
  errors: FieldError[],
  language: string,
): SurveyBlock {
  const error = errors.find((e) => e.field === question.code);
  const errorMessage = error ? { errorMessage: { text: error.message } } : {};
  const hint = question.hint ? { hint: texted(question.hint, language) } : {};
  const legend = { ...texted(question.label, language), classes: 'nhsuk-fieldset__legend--m' };
  switch (question.kind) {
    case 'free_text':
      return {
        kind: 'character-count',
        params: {
          name: question.code,
          id: question.code,
          label: { ...texted(question.label, language), classes: 'nhsuk-label--m' },
          ...hint,
          ...errorMessage,
          maxlength: question.maxLength ?? 10_000,
          value: values[question.code] ?? '',
          rows: 5,
          // Comments are not the person's own details: browsers should neither offer nor keep them.
          autocomplete: 'off',
        },
      };
    case 'multiple_choice': {
      const chosen = chosenValues(question, values);
      return {
        kind: 'checkboxes',
        params: {
          idPrefix: question.code,
          fieldset: { legend },
          hint: question.hint ? texted(question.hint, language) : { text: 'Select all that apply.' },
          ...errorMessage,
          items: question.options.map((o) => ({
            ...texted(o.label, language),
            name: `${question.code}-${o.value}`,
            value: 'yes',
            checked: chosen.includes(o.value),
          })),
        },
      };
    }
    default: {
      const value = values[question.code] ?? '';
      const pictures = question.kind === 'fft' && (question.pictures || language === EASY_READ);
      return {
        kind: 'radios',
        params: {
          name: question.code,
          idPrefix: question.code,
          ...(pictures ? { classes: 'app-radios--pictures' } : {}),
          fieldset: { legend },
          ...hint,
          ...errorMessage,
          items: question.options.map((o) => ({
            ...texted(o.label, language),
            value: o.value,
            checked: value === o.value,
            ...(pictures ? { image: fftPicture(Number(o.value)) } : {}),
          })),
        },
      };
    }
  }
}

export interface StepViewModel {
  pageTitle: string;
  htmlLang: string;
  teamName: string;
  heading: Text;
  intro?: Text;
  progress: string;
  backHref: string;
  action: string;
  token: string;
  returnTo?: string;
  languages: LanguageLink[];
  errorList: { text: string; href: string }[];
  blocks: SurveyBlock[];
  buttonText: string;
  skipText?: string;
}

export interface StepViewInput {
  place: JourneyPlace;
  step: Step;
  shown: Question[];
  progress: { first: number; last: number; total: number };
  isLast: boolean;
  backHref: string;
  token: string;
  returnToCheck: boolean;
  values: RawAnswers;
  errors: FieldError[];
}

/**
 * One page of a survey, display-ready. The urgent-help card comes before the first free-text question of a page,
 * because people may write about risk in a form nobody reads in real time.
 */
export function buildStepViewModel(input: StepViewInput): StepViewModel {
  const { place, step, shown, progress, values, errors } = input;
  const { language } = place;
  const definition = place.survey.definition;
  const blocks: SurveyBlock[] = [];
  let helpShown = false;
  for (const question of shown) {
    if (question.kind === 'free_text' && !helpShown) {
      blocks.push({ kind: 'urgent-help' });
      helpShown = true;
    }
    blocks.push(blockFor(question, values, errors, language));
  }
  const heading = texted(step.title ?? definition.title, language);
  const progressText =
    progress.first === progress.last
      ? `Question ${progress.first} of ${progress.total}`
      : `Questions ${progress.first} to ${progress.last} of ${progress.total}`;
  // The place in the survey leads the title, so every page of a journey has its own (WCAG 2.4.2).
  const title = `${progressText}: ${heading.text} - ${place.team.name}`;
  const extra: Record<string, string> = input.returnToCheck ? { return: 'check' } : {};
  const path = stepHref({ ...place, language: 'en' }, step.number);
  const optional = shown.every((q) => !q.required);
  return {
    pageTitle: errors.length > 0 ? `Error: ${title}` : title,
    htmlLang: language,
    teamName: place.team.name,
    heading,
    ...(step.number === 1 && definition.intro ? { intro: texted(definition.intro, language) } : {}),
    ...(step.number !== 1 && step.intro ? { intro: texted(step.intro, language) } : {}),
    progress: progressText,
    backHref: input.backHref,
    action: stepHref(place, step.number, extra),
    token: input.token,
    ...(input.returnToCheck ? { returnTo: 'check' } : {}),
    languages: languageLinks(definition.languages, language, path, extra),
    errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })),
    blocks,
    buttonText: input.isLast && !definition.checkAnswers ? 'Send feedback' : 'Continue',
    ...(optional ? { skipText: shown.length === 1 ? 'Skip this question' : 'Skip these questions' } : {}),
  };
}

/** The answer as the person would read it back. */
function answerText(question: Question, values: RawAnswers, language: string): string {
  if (question.kind === 'free_text') return values[question.code] ?? '';
  const chosen = chosenValues(question, values);
  return question.options
    .filter((o) => chosen.includes(o.value))
    .map((o) => textIn(o.label, language))
    .join(', ');
}

export function buildCheckAnswersViewModel(input: {
  place: JourneyPlace;
  steps: Step[];
  values: RawAnswers;
  token: string;
  backHref: string;
}) {
  const { place, steps, values } = input;
  const stepOf = (q: Question) => steps.find((s) => s.questions.includes(q))!.number;
  const title = `Check your answers - ${place.team.name}`;
  return {
    pageTitle: title,
    htmlLang: place.language,
    teamName: place.team.name,
    backHref: input.backHref,
    action: stepHref(place, 'check'),
    token: input.token,
    languages: languageLinks(
      place.survey.definition.languages,
      place.language,
      stepHref({ ...place, language: 'en' }, 'check'),
    ),
    rows: allVisibleQuestions(steps, values).map((question) => ({
      key: texted(question.label, place.language),
      value: answerText(question, values, place.language) || 'Not answered',
      changeHref: stepHref(place, stepOf(question), { return: 'check' }),
      changeLabel: textIn(question.label, place.language),
    })),
  };
}

export function buildStartViewModel(
  team: PlacedTeam,
  surveys: PublishedSurvey[],
  language: string,
  base = `/t/${team.code}`,
) {
  const choices = surveys.map((survey) => {
    const offer = survey.definition.offer;
    return {
      ...texted(offer?.label ?? survey.definition.title, language),
      description: offer?.description ? textIn(offer.description, language) : undefined,
      href: stepHref(
        { team, survey, base, language: survey.definition.languages.includes(language) ? language : 'en' },
        1,
      ),
    };
  });
  return {
    pageTitle: `Give feedback - ${team.name}`,
    htmlLang: 'en',
    teamName: team.name,
    primary: choices[0],
    others: choices.slice(1),
  };
}

export function buildThankYouViewModel(
  teamName: string,
  teamCode: string,
  base = `/t/${teamCode}`,
  changes: YouSaidWeDidEntry[] = [],
) {
  return {
    pageTitle: `Thank you for your feedback - ${teamName}`,
    teamName,
    againHref: base,
    /** What the team (or its directorate) changed after feedback: public entries only, done or in progress. */
    changes: changes.map(publicEntry),
  };
}
