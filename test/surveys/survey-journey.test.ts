import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { checkAnswers } from '../../src/surveys/survey-answers';
import { readSurveyFiles } from '../../src/surveys/survey-catalogue';
import {
  parseSurveyDefinition,
  SurveyDefinitionError,
  type SurveyDefinitionInput,
} from '../../src/surveys/survey-definition';
import {
  allVisibleQuestions,
  buildSteps,
  nextStep,
  progressOf,
  questionsOf,
  type Question,
} from '../../src/surveys/survey-journey';

const fft = { code: 'fft', kind: 'fft', theme: 'overall' } as const;
const comment = {
  code: 'comment',
  kind: 'free_text',
  theme: 'overall',
  commentType: 'nonspecific',
  label: { en: 'Tell us more' },
  maxLength: 20,
} as const;
const agreement = (code: string, extra: object = {}) => ({
  code,
  kind: 'agreement',
  theme: 'kindness',
  label: { en: `${code}?` },
  ...extra,
});

function survey(pages: unknown[][], extra: Partial<SurveyDefinitionInput> = {}) {
  return parseSurveyDefinition('test.json', {
    code: 'test-survey',
    version: 3,
    title: { en: 'Test' },
    pages: pages.map((items) => ({ items })),
    ...extra,
  });
}

const shipped = readSurveyFiles(path.join(projectRoot, 'data', 'surveys'));
const shippedSurvey = (code: string) => shipped.find((f) => f.definition.code === code)!.definition;

describe('survey definitions: item kinds and rules', () => {
  it('accepts every item kind, with settings and a condition on an earlier page', () => {
    const definition = survey([
      [fft, comment],
      [
        {
          code: 'detained',
          kind: 'yes_no',
          theme: 'mha',
          label: { en: 'Detained?' },
          settings: ['inpatient'],
        },
        {
          code: 'colour',
          kind: 'single_choice',
          theme: 'tt',
          label: { en: 'Colour?' },
          options: [
            { value: 'red', label: { en: 'Red' } },
            { value: 'blue', label: { en: 'Blue' } },
          ],
        },
        {
          code: 'pets',
          kind: 'multiple_choice',
          theme: 'tt',
          label: { en: 'Pets?' },
          options: [
            { value: 'cat', label: { en: 'Cat' } },
            { value: 'dog', label: { en: 'Dog' } },
          ],
        },
      ],
      [agreement('rights', { showIf: { item: 'detained', anyOf: ['yes'] } })],
      [
        {
          code: 'equality',
          kind: 'equality',
          theme: 'equality',
          questions: ['age_band', 'detention_status'],
        },
      ],
    ]);
    expect(definition.pages).toHaveLength(4);
    expect(definition.languages).toEqual(['en']);
  });

  it.each([
    [
      'a condition on a question on the same page',
      [[fft, comment, { ...agreement('a'), showIf: { item: 'fft', anyOf: ['1'] } }]],
      /pages\.0\.items\.2\.showIf\.item \[item a\]: .*earlier page/,
    ],
    [
      'a condition on a later question',
      [[fft, comment], [agreement('a', { showIf: { item: 'b', anyOf: ['agree'] } })], [agreement('b')]],
      /\[item a\].*earlier closed question, not "b"/,
    ],
    [
      'a condition on free text',
      [[fft, comment], [agreement('a', { showIf: { item: 'comment', anyOf: ['x'] } })]],
      /\[item a\].*earlier closed question/,
    ],
    [
      'a condition on a value the question does not have',
      [[fft, comment], [agreement('a', { showIf: { item: 'fft', anyOf: ['7'] } })]],
      /\[item a\].*"7" is not an answer to "fft"/,
    ],
    ['an unknown setting', [[fft, comment, agreement('a', { settings: ['prison'] })]], /\[item a\]/],
    [
      'an unknown equality question',
      [[fft, comment, { code: 'eq', kind: 'equality', theme: 'equality', questions: ['shoe_size'] }]],
      /\[item eq\]/,
    ],
    [
      'an item code taking the equality prefix',
      [[fft, comment, agreement('eq_age_band')]],
      /kept for equality/,
    ],
    [
      'an equality question asked twice',
      [
        [fft, comment],
        [{ code: 'e1', kind: 'equality', theme: 'equality', questions: ['age_band'] }],
        [{ code: 'e2', kind: 'equality', theme: 'equality', questions: ['age_band'] }],
      ],
      /\[item e2\].*"eq_age_band" is used twice/,
    ],
    ['a free-text limit over 10,000', [[fft, { ...comment, maxLength: 10_001 }]], /\[item comment\]/],
    [
      'an agreement item without a label',
      [[fft, comment, { code: 'a', kind: 'agreement', theme: 'tt' }]],
      /\[item a\]/,
    ],
    ['no pages', [], /pages/],
    [
      'an FFT question limited to a setting',
      [[{ ...fft, settings: ['inpatient'] }, comment]],
      /\[item fft\]: the FFT question is asked in every setting/,
    ],
  ])('refuses %s, naming the survey, version and item', (_label, pages, message) => {
    expect(() => survey(pages)).toThrow(SurveyDefinitionError);
    expect(() => survey(pages)).toThrow(/test\.json \(test-survey version 3\)/);
    expect(() => survey(pages)).toThrow(message);
  });

  it.each([
    ['languages without English', { languages: ['cy'] }, /languages: must include "en"/],
    ['a language tag in capitals', { languages: ['en', 'CY'] }, /languages\.1/],
    ['a reserved survey code', { code: 'thank-you' }, /code: is reserved/],
  ])('refuses %s', (_label, extra, message) => {
    expect(() => survey([[fft, comment]], extra as Partial<SurveyDefinitionInput>)).toThrow(message);
  });
});

describe('the shipped surveys', () => {
  it('publish Friends, Family and Carers v2 with an optional publication consent after the comments (v1 unchanged)', () => {
    const versions = shipped.filter((f) => f.definition.code === 'friends-family-carers');
    expect(versions.map((f) => f.definition.version).sort()).toEqual([1, 2]);
    const codesOf = (version: number) =>
      versions.find((f) => f.definition.version === version)!.definition.pages[0]!.items.map((i) => i.code);
    expect(codesOf(1)).not.toContain('publish_consent');
    expect(codesOf(2)).toEqual(['fft', 'what_good', 'could_improve', 'publish_consent', 'respondent_role']);
    const consent = versions
      .find((f) => f.definition.version === 2)!
      .definition.pages[0]!.items.find((i) => i.code === 'publish_consent')!;
    expect(consent.kind).toBe('yes_no');
  });

  it('ship five surveys, each starting with the FFT question', () => {
    expect([...new Set(shipped.map((f) => f.definition.code))].sort()).toEqual([
      'carers-questionnaire',
      'easy-read-fft',
      'friends-family-carers',
      'service-user-prem',
      'young-person-fft',
    ]);
  });

  it('the PREM has about 15 agreement items with stable codes and themes, by setting', () => {
    const prem = shippedSurvey('service-user-prem');
    const agreementItems = prem.pages.flatMap((p) => p.items).filter((i) => i.kind === 'agreement');
    expect(agreementItems.length).toBeGreaterThanOrEqual(15);
    const codesIn = (setting: 'community' | 'inpatient' | 'forensic') =>
      prem.pages
        .flatMap((p) => p.items)
        .flatMap((item) => questionsOf(item, setting))
        .map((q) => q.code);
    expect(codesIn('community')).toEqual(expect.arrayContaining(['crisis_contacts', 'access_waiting']));
    expect(codesIn('community')).not.toEqual(expect.arrayContaining(['ward_activities']));
    expect(codesIn('forensic')).toEqual(expect.arrayContaining(['ward_activities', 'mha_rights']));
    expect(codesIn('inpatient')).not.toContain('crisis_contacts');
  });

  it("the carers' questionnaire covers the Triangle of Care themes", () => {
    const themes = new Set(
      shippedSurvey('carers-questionnaire')
        .pages.flatMap((p) => p.items)
        .map((i) => i.theme),
    );
    for (const theme of [
      'carer_identified',
      'partner_in_care',
      'confidentiality',
      'named_contact',
      'information',
      'carer_support',
      'listened_in_planning',
      'crisis_plan',
      'respect',
      'carer_wellbeing',
      'confidence_in_care',
    ]) {
      expect(themes).toContain(theme);
    }
  });

  it('the equality block asks about detention only in inpatient and forensic settings', () => {
    const ffc = shippedSurvey('friends-family-carers');
    const codes = (setting: 'community' | 'inpatient') =>
      allVisibleQuestions(buildSteps(ffc, { setting, oneQuestionPerPage: false }), {}).map((q) => q.code);
    expect(codes('inpatient')).toContain('eq_detention_status');
    expect(codes('community')).not.toContain('eq_detention_status');
    expect(codes('community').filter((c) => c.startsWith('eq_'))).toEqual([
      'eq_age_band',
      'eq_gender_identity',
      'eq_ethnic_category',
      'eq_sexual_orientation',
      'eq_disability',
      'eq_religion',
      'eq_carer',
      'eq_veteran',
    ]);
  });
});

describe('the journey', () => {
  const definition = survey([
    [fft, comment],
    [{ code: 'detained', kind: 'yes_no', theme: 'mha', label: { en: 'Detained?' }, settings: ['inpatient'] }],
    [agreement('rights', { showIf: { item: 'detained', anyOf: ['yes'] } }), agreement('kindness')],
  ]);

  it('shows the survey pages on a phone, and one question per page on a kiosk', () => {
    const phone = buildSteps(definition, { setting: 'inpatient', oneQuestionPerPage: false });
    expect(phone.map((s) => s.questions.map((q) => q.code))).toEqual([
      ['fft', 'comment'],
      ['detained'],
      ['rights', 'kindness'],
    ]);
    const kiosk = buildSteps(definition, { setting: 'inpatient', oneQuestionPerPage: true });
    expect(kiosk.map((s) => s.questions.map((q) => q.code))).toEqual([
      ['fft'],
      ['comment'],
      ['detained'],
      ['rights'],
      ['kindness'],
    ]);
    expect(kiosk.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops items limited to other settings, and pages left empty', () => {
    const steps = buildSteps(definition, { setting: 'community', oneQuestionPerPage: false });
    expect(steps.map((s) => s.questions.map((q) => q.code))).toEqual([
      ['fft', 'comment'],
      ['rights', 'kindness'],
    ]);
    // The condition's question is never asked in the community, so its follow-up never shows.
    expect(allVisibleQuestions(steps, { detained: 'yes' }).map((q) => q.code)).toEqual([
      'fft',
      'comment',
      'kindness',
    ]);
  });

  it.each([
    [{}, ['fft', 'comment', 'detained', 'kindness'], 'Question 3 of 4'],
    [{ detained: 'no' }, ['fft', 'comment', 'detained', 'kindness'], 'Question 3 of 4'],
    [{ detained: 'yes' }, ['fft', 'comment', 'detained', 'rights', 'kindness'], 'Question 3 of 5'],
  ])('with answers %j shows %j, progress on the kiosk %s', (answers, shown, progress) => {
    const steps = buildSteps(definition, { setting: 'inpatient', oneQuestionPerPage: true });
    expect(allVisibleQuestions(steps, answers).map((q) => q.code)).toEqual(shown);
    const { first, total } = progressOf(steps, steps[2]!, answers);
    expect(`Question ${first} of ${total}`).toBe(progress);
    expect(nextStep(steps, 3, answers)?.questions[0]?.code).toBe(shown[3]);
  });
});

describe('checking answers: the stored value contract', () => {
  const steps = buildSteps(
    survey([
      [fft, comment],
      [
        agreement('kindness'),
        { code: 'named', kind: 'yes_no', theme: 'tt', label: { en: 'Named?' } },
        {
          code: 'pets',
          kind: 'multiple_choice',
          theme: 'tt',
          label: { en: 'Pets?' },
          options: [
            { value: 'cat', label: { en: 'Cat' } },
            { value: 'dog', label: { en: 'Dog' } },
          ],
        },
        {
          code: 'equality',
          kind: 'equality',
          theme: 'equality',
          questions: ['gender_identity', 'ethnic_category'],
        },
      ],
    ]),
    { setting: 'inpatient', oneQuestionPerPage: false },
  );
  const questions: Question[] = allVisibleQuestions(steps, {});

  it.each([
    [{ fft: '6' }, [{ itemCode: 'fft', value: '6' }]],
    [
      { fft: '1', kindness: 'not_applicable' },
      [
        { itemCode: 'fft', value: '1' },
        { itemCode: 'kindness', value: 'not_applicable' },
      ],
    ],
    [
      { fft: '1', named: 'no' },
      [
        { itemCode: 'fft', value: '1' },
        { itemCode: 'named', value: 'no' },
      ],
    ],
    [
      { fft: '2', 'pets-cat': 'yes', 'pets-dog': 'yes' },
      [
        { itemCode: 'fft', value: '2' },
        { itemCode: 'pets', value: 'cat' },
        { itemCode: 'pets', value: 'dog' },
      ],
    ],
    [
      { fft: '3', eq_gender_identity: 'Z', eq_ethnic_category: 'A' },
      [
        { itemCode: 'fft', value: '3' },
        { itemCode: 'eq_gender_identity', value: 'Z' },
        { itemCode: 'eq_ethnic_category', value: 'A' },
      ],
    ],
  ])('answers %j are stored as %j', (raw, answers) => {
    const check = checkAnswers(questions, raw, 'en');
    expect(check).toEqual({ ok: true, value: expect.objectContaining({ answers }) as unknown });
  });

  it.each([
    [{ fft: '0' }, 'fft', 'Select how your experience of our service was'],
    [
      { fft: '1', kindness: 'yes' },
      'kindness',
      'kindness: select an answer from the list, or leave it blank',
    ],
    [{ fft: '1', named: 'maybe' }, 'named', 'Named: select an answer from the list, or leave it blank'],
    [
      { fft: '1', eq_gender_identity: 'X' },
      'eq_gender_identity',
      'What is your gender: select an answer from the list, or leave it blank',
    ],
    [
      { fft: '1', comment: 'x'.repeat(21) },
      'comment',
      'Tell us more: your answer must be 20 characters or fewer',
    ],
  ])('refuses %j with an error on %s', (raw, field, message) => {
    expect(checkAnswers(questions, raw, 'en')).toEqual({ ok: false, errors: [{ field, message }] });
  });

  it('keeps free text verbatim as a comment with its type', () => {
    const check = checkAnswers(questions, { fft: '1', comment: '  hi\r\n' }, 'en');
    expect(check.ok && check.value.comments).toEqual([
      { itemCode: 'comment', commentType: 'nonspecific', body: '  hi\r\n' },
    ]);
  });
});
