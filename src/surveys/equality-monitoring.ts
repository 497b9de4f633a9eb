import type { TeamSetting } from '../organisation/organisation-repository';

/**
 * The equality-monitoring questions. Their codes and answer values are national or trust standards, so they live
 * here rather than in each survey file: a survey chooses which questions to ask, never their codes. Every question
 * is optional and offers "Prefer not to say". Stored item codes are `eq_<question>`.
 *
 * Value sets (NHS Data Dictionary):
 * - gender identity: 1 Male (including trans man), 2 Female (including trans woman), 3 Non-binary, 4 Other (not
 *   listed), Z Not stated (asked but declined: "Prefer not to say"). X (not known) is for records where the
 *   question was not asked, so the form never offers it; a person who skips the question stores no row.
 * - ethnic category: A to S, Z Not stated ("Prefer not to say"); 99 (not known) likewise never offered.
 * - sexual orientation: 1 Heterosexual or straight, 2 Gay or lesbian, 3 Bisexual, 4 Other, U Not sure,
 *   Z Not stated ("Prefer not to say").
 * - the rest use plain slugs, with `prefer_not_to_say`.
 */
export const equalityQuestionNames = [
  'age_band',
  'gender_identity',
  'ethnic_category',
  'sexual_orientation',
  'disability',
  'religion',
  'carer',
  'veteran',
  'detention_status',
] as const;
export type EqualityQuestionName = (typeof equalityQuestionNames)[number];

export const EQUALITY_PREFIX = 'eq_';

export interface EqualityQuestion {
  name: EqualityQuestionName;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  /** Asked only in these settings (detained or informal applies to inpatient and secure wards). */
  settings?: TeamSetting[];
}

const PREFER_NOT = 'Prefer not to say';
const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'prefer_not_to_say', label: PREFER_NOT },
];

export const EQUALITY_QUESTIONS: Record<EqualityQuestionName, EqualityQuestion> = {
  age_band: {
    name: 'age_band',
    label: 'How old are you?',
    options: [
      { value: 'under_18', label: 'Under 18' },
      { value: '18_24', label: '18 to 24' },
      { value: '25_34', label: '25 to 34' },
      { value: '35_44', label: '35 to 44' },
      { value: '45_54', label: '45 to 54' },
      { value: '55_64', label: '55 to 64' },
      { value: '65_74', label: '65 to 74' },
      { value: '75_plus', label: '75 or over' },
      { value: 'prefer_not_to_say', label: PREFER_NOT },
    ],
  },
  gender_identity: {
    name: 'gender_identity',
    label: 'What is your gender?',
    options: [
      { value: '1', label: 'Male (including trans man)' },
      { value: '2', label: 'Female (including trans woman)' },
      { value: '3', label: 'Non-binary' },
      { value: '4', label: 'Other' },
      { value: 'Z', label: PREFER_NOT },
    ],
  },
  ethnic_category: {
    name: 'ethnic_category',
    label: 'What is your ethnic group?',
    options: [
      { value: 'A', label: 'White: British' },
      { value: 'B', label: 'White: Irish' },
      { value: 'C', label: 'White: any other White background' },
      { value: 'D', label: 'Mixed: White and Black Caribbean' },
      { value: 'E', label: 'Mixed: White and Black African' },
      { value: 'F', label: 'Mixed: White and Asian' },
      { value: 'G', label: 'Mixed: any other mixed background' },
      { value: 'H', label: 'Asian or Asian British: Indian' },
      { value: 'J', label: 'Asian or Asian British: Pakistani' },
      { value: 'K', label: 'Asian or Asian British: Bangladeshi' },
      { value: 'L', label: 'Asian or Asian British: any other Asian background' },
      { value: 'M', label: 'Black or Black British: Caribbean' },
      { value: 'N', label: 'Black or Black British: African' },
      { value: 'P', label: 'Black or Black British: any other Black background' },
      { value: 'R', label: 'Other ethnic group: Chinese' },
      { value: 'S', label: 'Other ethnic group: any other ethnic group' },
      { value: 'Z', label: PREFER_NOT },
    ],
  },
  sexual_orientation: {
    name: 'sexual_orientation',
    label: 'Which of these best describes your sexual orientation?',
    options: [
      { value: '1', label: 'Heterosexual or straight' },
      { value: '2', label: 'Gay or lesbian' },
      { value: '3', label: 'Bisexual' },
      { value: '4', label: 'Other' },
      { value: 'U', label: 'I am not sure' },
      { value: 'Z', label: PREFER_NOT },
    ],
  },
  disability: {
    name: 'disability',
    label: 'Do you have a disability or a long-term health condition?',
    options: yesNo,
  },
  religion: {
    name: 'religion',
    label: 'What is your religion or belief?',
    options: [
      { value: 'none', label: 'No religion' },
      { value: 'buddhist', label: 'Buddhist' },
      { value: 'christian', label: 'Christian' },
      { value: 'hindu', label: 'Hindu' },
      { value: 'jewish', label: 'Jewish' },
      { value: 'muslim', label: 'Muslim' },
      { value: 'sikh', label: 'Sikh' },
      { value: 'other', label: 'Another religion or belief' },
      { value: 'prefer_not_to_say', label: PREFER_NOT },
    ],
  },
  carer: {
    name: 'carer',
    label: 'Do you look after someone who needs help because of their health or age?',
    options: yesNo,
  },
  veteran: {
    name: 'veteran',
    label: 'Have you served in the armed forces?',
    options: yesNo,
  },
  detention_status: {
    name: 'detention_status',
    label: 'Are you in hospital under the Mental Health Act?',
    hint: 'This is sometimes called being sectioned.',
    options: [
      { value: 'detained', label: 'Yes, I am detained (sectioned)' },
      { value: 'informal', label: 'No, I am here by choice (informal)' },
      { value: 'not_sure', label: 'I am not sure' },
      { value: 'prefer_not_to_say', label: PREFER_NOT },
    ],
    settings: ['inpatient', 'forensic'],
  },
};
