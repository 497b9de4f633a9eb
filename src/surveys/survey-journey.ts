import { fftWording } from '../fft/fft-variants';
import type { TeamSetting } from '../organisation/organisation-repository';
import { EQUALITY_PREFIX, EQUALITY_QUESTIONS } from './equality-monitoring';
import {
  AGREEMENT_VALUES,
  type ItemCondition,
  type LocalisedText,
  type SurveyDefinition,
  type SurveyItem,
} from './survey-definition';

export type QuestionKind =
  'fft' | 'agreement' | 'single_choice' | 'multiple_choice' | 'yes_no' | 'free_text' | 'respondent_role';

/** One question as a respondent sees it: an item, or one question of the equality block. */
export interface Question {
  /** The stored item code (equality questions: eq_<name>). Also the form field name and error link. */
  code: string;
  theme: string;
  kind: QuestionKind;
  label: LocalisedText;
  hint?: LocalisedText;
  options: { value: string; label: LocalisedText }[];
  required: boolean;
  commentType?: 'what_good' | 'could_improve' | 'nonspecific';
  maxLength?: number;
  showIf?: ItemCondition;
  /** FFT answers with decorative faces (always in Easy Read). */
  pictures: boolean;
}

export interface Step {
  /** 1-based position in the journey; the page address. */
  number: number;
  title?: LocalisedText;
  intro?: LocalisedText;
  questions: Question[];
}

export interface JourneyOptions {
  /** The team's setting: items limited to other settings are left out. */
  setting: TeamSetting;
  /** Kiosks show one question per page; phones show the survey's pages of a few questions. */
  oneQuestionPerPage: boolean;
}

/** Answers as posted: field name to value. A multiple-choice option is a field `<code>-<value>` set to "yes". */
export type RawAnswers = Record<string, string>;

const AGREEMENT_LABELS: Record<(typeof AGREEMENT_VALUES)[number], string> = {
  strongly_agree: 'Strongly agree',
  agree: 'Agree',
  neither: 'Neither agree nor disagree',
  disagree: 'Disagree',
  strongly_disagree: 'Strongly disagree',
  not_applicable: 'Does not apply to me',
};

const en = (text: string): LocalisedText => ({ en: text });

function appliesTo(settings: readonly TeamSetting[] | undefined, setting: TeamSetting): boolean {
  return settings === undefined || settings.includes(setting);
}

/** The questions an item asks in a setting. */
export function questionsOf(item: SurveyItem, setting: TeamSetting): Question[] {
  if (!appliesTo(item.settings, setting)) return [];
  const base = { theme: item.theme, showIf: item.showIf, pictures: false };
  switch (item.kind) {
    case 'fft': {
      const wording = fftWording(item.variant);
      const pictures = item.pictures || item.variant === 'easy_read';
      return [
        {
          ...base,
          code: item.code,
          kind: 'fft',
          label: wording.question,
          options: wording.answers.map((a) => ({ value: String(a.code), label: a.label })),
          required: true,
          pictures,
        },
      ];
    }
    case 'agreement':
      return [
        {
          ...base,
          code: item.code,
          kind: 'agreement',
          label: item.label,
          hint: item.hint,
          options: AGREEMENT_VALUES.map((value) => ({ value, label: en(AGREEMENT_LABELS[value]) })),
          required: false,
        },
      ];
    case 'yes_no':
      return [
        {
          ...base,
          code: item.code,
          kind: 'yes_no',
          label: item.label,
          hint: item.hint,
          options: [
            { value: 'yes', label: en('Yes') },
            { value: 'no', label: en('No') },
          ],
          required: false,
        },
      ];
    case 'single_choice':
    case 'multiple_choice':
    case 'respondent_role':
      return [
        {
          ...base,
          code: item.code,
          kind: item.kind,
          label: item.label,
          hint: item.hint,
          options: item.options,
          required: false,
        },
      ];
    case 'free_text':
      return [
        {
          ...base,
          code: item.code,
          kind: 'free_text',
          label: item.label,
          hint: item.hint,
          options: [],
          required: false,
          commentType: item.commentType,
          maxLength: item.maxLength,
        },
      ];
    case 'equality':
      return item.questions
        .map((name) => EQUALITY_QUESTIONS[name])
        .filter((q) => appliesTo(q.settings, setting))
        .map((q) => ({
          ...base,
          code: EQUALITY_PREFIX + q.name,
          theme: 'equality',
          kind: 'single_choice',
          label: en(q.label),
          hint: en(q.hint ?? 'Optional.'),
          options: q.options.map((o) => ({ value: o.value, label: en(o.label) })),
          required: false,
        }));
  }
}

/** The pages of the journey for a team. Pages left empty by the setting filter are dropped. */
export function buildSteps(definition: SurveyDefinition, options: JourneyOptions): Step[] {
  const groups = definition.pages.flatMap((page) => {
    const questions = page.items.flatMap((item) => questionsOf(item, options.setting));
    if (questions.length === 0) return [];
    const meta = { title: page.title, intro: page.intro };
    return options.oneQuestionPerPage
      ? questions.map((q) => ({ ...meta, questions: [q] }))
      : [{ ...meta, questions }];
  });
  return groups.map((group, index) => ({ number: index + 1, ...group }));
}

/** The field names a question posts: one per option for multiple choice, else its code. */
export function fieldNamesOf(question: Question): string[] {
  return question.kind === 'multiple_choice'
    ? question.options.map((o) => `${question.code}-${o.value}`)
    : [question.code];
}

/** The values chosen for a question: none, one, or several for multiple choice. */
export function chosenValues(question: Question, raw: RawAnswers): string[] {
  if (question.kind === 'multiple_choice') {
    return question.options.filter((o) => raw[`${question.code}-${o.value}`] === 'yes').map((o) => o.value);
  }
  const value = raw[question.code];
  return value === undefined || value === '' ? [] : [value];
}

/** Whether an item's condition holds for the answers so far (an item without one is always shown). */
export function conditionMet(
  condition: ItemCondition | undefined,
  raw: RawAnswers,
  all: Question[],
): boolean {
  if (!condition) return true;
  const target = all.find((q) => q.code === condition.item);
  if (!target) return false;
  // A question hidden by its own condition counts as unanswered.
  if (!conditionMet(target.showIf, raw, all)) return false;
  return chosenValues(target, raw).some((value) => condition.anyOf.includes(value));
}

/**
 * Every question of a journey, kept per steps array: the service builds a journey's steps once per survey version
 * and setting, and a page asks for its questions once per step (progress, next, previous) on every request.
 */
const questionsOfSteps = new WeakMap<Step[], Question[]>();

function journeyQuestions(steps: Step[]): Question[] {
  let all = questionsOfSteps.get(steps);
  if (!all) {
    all = steps.flatMap((s) => s.questions);
    questionsOfSteps.set(steps, all);
  }
  return all;
}

/** The questions of a step the person sees, given their answers so far. */
export function visibleQuestions(step: Step, raw: RawAnswers, steps: Step[]): Question[] {
  const all = journeyQuestions(steps);
  return step.questions.filter((q) => conditionMet(q.showIf, raw, all));
}

/** The next step with something to show after `from`, or undefined at the end. */
export function nextStep(steps: Step[], from: number, raw: RawAnswers): Step | undefined {
  return steps.find((s) => s.number > from && visibleQuestions(s, raw, steps).length > 0);
}

/** The step with something to show before `from`, or undefined on the first. */
export function previousStep(steps: Step[], from: number, raw: RawAnswers): Step | undefined {
  return steps.findLast((s) => s.number < from && visibleQuestions(s, raw, steps).length > 0);
}

/** "Question 3 of 12" numbers: the first and last question on this step, and the total shown. */
export function progressOf(
  steps: Step[],
  step: Step,
  raw: RawAnswers,
): { first: number; last: number; total: number } {
  let before = 0;
  let total = 0;
  for (const s of steps) {
    const count = visibleQuestions(s, raw, steps).length;
    if (s.number < step.number) before += count;
    total += count;
  }
  const here = visibleQuestions(step, raw, steps).length;
  return { first: before + 1, last: before + here, total };
}

/** Every question the person sees, in order, given their answers. */
export function allVisibleQuestions(steps: Step[], raw: RawAnswers): Question[] {
  return steps.flatMap((s) => visibleQuestions(s, raw, steps));
}
