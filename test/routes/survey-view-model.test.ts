import type { PlacedTeam } from '../../src/organisation/organisation-repository';
import {
  buildCheckAnswersViewModel,
  buildStartViewModel,
  buildStepViewModel,
  languageLinks,
  queryOf,
  type StepViewInput,
} from '../../src/routes/public-survey/survey-view-model';
import { parseSurveyDefinition } from '../../src/surveys/survey-definition';
import { buildSteps } from '../../src/surveys/survey-journey';
import type { PublishedSurvey } from '../../src/surveys/survey-repository';

const team = { teamId: 1, code: 'amberwood', name: 'Amberwood Ward', setting: 'inpatient' } as PlacedTeam;

const definition = parseSurveyDefinition('test.json', {
  code: 'test-survey',
  version: 1,
  title: { en: 'Your care', 'en-x-easyread': 'Your care (easy)' },
  intro: { en: 'Intro' },
  languages: ['en', 'en-x-easyread'],
  checkAnswers: true,
  offer: { settings: ['inpatient'], order: 1, label: { en: 'Give feedback' } },
  pages: [
    {
      items: [
        { code: 'fft', kind: 'fft', theme: 'overall' },
        {
          code: 'comment',
          kind: 'free_text',
          theme: 'overall',
          commentType: 'nonspecific',
          label: { en: 'Tell us more', 'en-x-easyread': 'Tell us why' },
          maxLength: 100,
        },
      ],
    },
    {
      title: { en: 'How staff treated you' },
      items: [
        { code: 'kindness', kind: 'agreement', theme: 'kindness', label: { en: 'Staff were kind.' } },
        { code: 'named', kind: 'yes_no', theme: 'named', label: { en: 'Named contact?' } },
      ],
    },
  ],
});
const survey: PublishedSurvey = { versionId: 7, code: 'test-survey', version: 1, definition };
const steps = buildSteps(definition, { setting: 'inpatient', oneQuestionPerPage: false });

function stepInput(overrides: Partial<StepViewInput> = {}): StepViewInput {
  const step = overrides.step ?? steps[0]!;
  return {
    place: { team, survey, language: 'en' },
    step,
    shown: step.questions,
    progress: { first: 1, last: 2, total: 4 },
    isLast: false,
    backHref: '/t/amberwood',
    token: 'token',
    returnToCheck: false,
    values: {},
    errors: [],
    ...overrides,
  };
}

describe('the survey page view model', () => {
  it.each([
    [{ first: 1, last: 2, total: 4 }, 'Questions 1 to 2 of 4'],
    [{ first: 3, last: 3, total: 12 }, 'Question 3 of 12'],
  ])('shows progress %j as "%s"', (progress, text) => {
    expect(buildStepViewModel(stepInput({ progress })).progress).toBe(text);
  });

  it.each([
    [{ first: 2, last: 2, total: 5 }, 'Question 2 of 5: Your care - Amberwood Ward'],
    [{ first: 3, last: 3, total: 5 }, 'Question 3 of 5: Your care - Amberwood Ward'],
    [{ first: 1, last: 2, total: 4 }, 'Questions 1 to 2 of 4: Your care - Amberwood Ward'],
  ])('titles the page with its place in the survey %j (WCAG 2.4.2)', (progress, title) => {
    expect(buildStepViewModel(stepInput({ progress })).pageTitle).toBe(title);
  });

  it('puts the urgent-help card before the first free-text question, and offers no skip on the FFT page', () => {
    const model = buildStepViewModel(stepInput());
    expect(model.blocks.map((b) => b.kind)).toEqual(['radios', 'urgent-help', 'character-count']);
    expect(model.skipText).toBeUndefined();
    expect(model.buttonText).toBe('Continue');
  });

  it('offers one-tap skip on a page of optional questions, with the page title as heading', () => {
    const model = buildStepViewModel(stepInput({ step: steps[1]!, shown: steps[1]!.questions }));
    expect(model.skipText).toBe('Skip these questions');
    expect(model.heading).toEqual({ text: 'How staff treated you' });
    expect(model.action).toBe('/t/amberwood/test-survey/2');
  });

  it('marks texts that fall back to English, and keeps the language in the form action and switch', () => {
    const model = buildStepViewModel(stepInput({ place: { team, survey, language: 'en-x-easyread' } }));
    expect(model.htmlLang).toBe('en-x-easyread');
    expect(model.heading).toEqual({ text: 'Your care (easy)' });
    expect(model.intro).toEqual({ text: 'Intro', lang: 'en' });
    expect(model.action).toBe('/t/amberwood/test-survey?lang=en-x-easyread');
    expect(model.languages).toEqual([
      { text: 'English', href: '/t/amberwood/test-survey?lang=en', current: false },
      { text: 'Easy read', href: '/t/amberwood/test-survey?lang=en-x-easyread', current: true },
    ]);
  });

  it('prefixes the title with "Error: " and links each error to its field', () => {
    const model = buildStepViewModel(
      stepInput({ errors: [{ field: 'fft', message: 'Select how your experience of our service was' }] }),
    );
    expect(model.pageTitle).toBe('Error: Questions 1 to 2 of 4: Your care - Amberwood Ward');
    expect(model.errorList).toEqual([
      { text: 'Select how your experience of our service was', href: '#fft' },
    ]);
  });
});

describe('the check your answers view model', () => {
  it('lists every question shown with its answer and a change link back to its page', () => {
    const model = buildCheckAnswersViewModel({
      place: { team, survey, language: 'en' },
      steps,
      values: { fft: '2', kindness: 'not_applicable' },
      token: 't',
      backHref: '/back',
    });
    expect(model.rows.map((r) => [r.key.text, r.value, r.changeHref])).toEqual([
      ['Overall, how was your experience of our service?', 'Good', '/t/amberwood/test-survey?return=check'],
      ['Tell us more', 'Not answered', '/t/amberwood/test-survey?return=check'],
      ['Staff were kind.', 'Does not apply to me', '/t/amberwood/test-survey/2?return=check'],
      ['Named contact?', 'Not answered', '/t/amberwood/test-survey/2?return=check'],
    ]);
  });
});

describe('links', () => {
  it.each([
    ['en', {}, ''],
    ['en-x-easyread', {}, '?lang=en-x-easyread'],
    ['en', { return: 'check' }, '?return=check'],
  ])('keeps language %s and %j as "%s"', (language, extra, query) => {
    expect(queryOf(language, extra)).toBe(query);
  });

  it('has no language switch for a survey in English only', () => {
    expect(languageLinks(['en'], 'en', '/t/x/y')).toEqual([]);
  });

  it('starts with the first offered survey as the main choice', () => {
    const model = buildStartViewModel(team, [survey], 'en');
    expect(model.primary).toEqual({
      text: 'Give feedback',
      description: undefined,
      href: '/t/amberwood/test-survey',
    });
    expect(model.others).toEqual([]);
  });
});
