import type { PlacedTeam } from '../../src/organisation/organisation-repository';
import type { CollectionMode } from '../../src/responses/submission-token';
import type { CommentType, NewResponse, RespondentRole } from '../../src/responses/response-repository';
import { EQUALITY_PREFIX, EQUALITY_QUESTIONS } from '../../src/surveys/equality-monitoring';
import type { SurveyItem } from '../../src/surveys/survey-definition';
import type { PublishedSurvey } from '../../src/surveys/survey-repository';

/**
 * Deterministic demo data: the same seed and arguments give the same responses, byte for byte. Pure: the seed
 * script (scripts/seed-demo.ts) stores what this generates through the real response repository.
 */

/** mulberry32: a small, fast, seedable PRNG (32-bit state). Good enough for demo data, never for secrets. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

/** Picks a value by weight. */
export function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('weighted() needs at least one entry');
  return last[0];
}

const pick = <T>(random: Random, list: readonly T[]): T => {
  const value = list[Math.floor(random() * list.length)];
  if (value === undefined) throw new Error('pick() needs a non-empty list');
  return value;
};

/** What each team is like: its share of positive answers and how much it is used, drawn once per team. */
export interface TeamProfile {
  team: PlacedTeam;
  positiveRate: number;
  volume: number;
}

export function profileTeams(teams: readonly PlacedTeam[], seed: number): TeamProfile[] {
  const random = createRandom(seed ^ 0x7ea5);
  return teams.map((team) => ({
    team,
    // Between 78% and 96% positive: the national mental health FFT runs at about 85-90%.
    positiveRate: 0.78 + random() * 0.18,
    // Wards collect more on kiosks; crisis and specialist services fewer.
    volume: (team.kind === 'ward' ? 1.4 : 1) * (0.5 + random()),
  }));
}

const modesBySetting: Record<PlacedTeam['setting'], readonly (readonly [CollectionMode, number])[]> = {
  inpatient: [
    ['kiosk_tablet', 55],
    ['online_qr', 15],
    ['paper', 20],
    ['online_link', 5],
    ['other', 5],
  ],
  forensic: [
    ['kiosk_tablet', 45],
    ['paper', 40],
    ['online_qr', 5],
    ['other', 10],
  ],
  community: [
    ['online_qr', 30],
    ['online_link', 20],
    ['sms', 20],
    ['paper', 15],
    ['telephone', 8],
    ['kiosk_tablet', 5],
    ['other', 2],
  ],
};

/** PREM and carers' agreement items: people who rated the service well mostly agree, others less so. */
const agreementIfPositive = [
  ['strongly_agree', 45],
  ['agree', 38],
  ['neither', 8],
  ['disagree', 3],
  ['strongly_disagree', 1],
  ['not_applicable', 5],
] as const;
const agreementIfNegative = [
  ['strongly_agree', 8],
  ['agree', 22],
  ['neither', 22],
  ['disagree', 25],
  ['strongly_disagree', 15],
  ['not_applicable', 8],
] as const;

/**
 * Answers to the closed questions other than the FFT and the role, as people give them: most answer, some skip
 * (every question but the FFT is optional); the equality questions are answered less often, "Prefer not to say"
 * sometimes, and only those asked in the team's setting.
 */
function closedAnswers(
  random: Random,
  item: SurveyItem,
  positive: boolean,
  setting: PlacedTeam['setting'],
): NewResponse['answers'] {
  switch (item.kind) {
    case 'agreement':
      if (random() >= 0.88) return [];
      return [
        {
          itemCode: item.code,
          value: weighted(random, positive ? agreementIfPositive : agreementIfNegative),
        },
      ];
    case 'yes_no':
      if (random() >= 0.8) return [];
      return [{ itemCode: item.code, value: random() < (positive ? 0.85 : 0.45) ? 'yes' : 'no' }];
    case 'single_choice':
      if (random() >= 0.8) return [];
      return [{ itemCode: item.code, value: pick(random, item.options).value }];
    case 'multiple_choice': {
      if (random() >= 0.7) return [];
      const first = pick(random, item.options).value;
      const second = pick(random, item.options).value;
      return [...new Set([first, second])].map((value) => ({ itemCode: item.code, value }));
    }
    case 'equality':
      return item.questions.flatMap((name) => {
        const question = EQUALITY_QUESTIONS[name];
        if (question.settings && !question.settings.includes(setting)) return [];
        if (random() >= 0.6) return [];
        const value = weighted(
          random,
          question.options.map((o) => [o.value, o.value === 'prefer_not_to_say' ? 1 : 6] as const),
        );
        return [{ itemCode: EQUALITY_PREFIX + name, value }];
      });
    default:
      return [];
  }
}

const roles: readonly (readonly [RespondentRole | null, number])[] = [
  ['service_user', 58],
  ['helped_by_other', 10],
  ['carer_on_behalf', 12],
  ['carer_own_experience', 9],
  [null, 11],
];

const goodComments = [
  'Staff listened to me and took time to explain things.',
  'The nurses were kind and patient, even on a difficult day.',
  'My care coordinator always called back when she said she would.',
  'I felt safe on the ward and the activities helped me.',
  'Being involved in my care plan made a real difference.',
  'Nurse Sarah was lovely and made me feel welcome.',
  'They helped me with housing and benefits, not just my medication.',
  'The food was good and the ward was clean.',
  'Quick appointment after my GP referral.',
  'My family were kept informed and treated with respect.',
  'Everything.',
  'Dr Patel explained my medication clearly.',
];

const improveComments = [
  'The wait for my first appointment was far too long.',
  'I was not told about my rights under the Mental Health Act until my third day.',
  'It was hard to get through on the phone.',
  'More activities at weekends, the days are very long.',
  'Discharge felt rushed and nobody told my carer.',
  'Staff seemed too busy to talk to me.',
  'Please stop changing my care coordinator.',
  'The ward was noisy at night and I could not sleep.',
  'Nothing, it was fine.',
  'Let carers know what is happening without us having to chase.',
  '=HYPERLINK("http://example.com","click") is what your website needs',
  'Too many agency staff who did not know me.',
];

/** Comments that should trip a risk detector, and negated ones that should not (or should, with less weight). */
const riskComments = [
  'I want to end it all and nobody here listens.',
  'Some nights I think about killing myself.',
  'A member of staff shoved me during restraint.',
  'I was given the wrong tablets twice this week.',
  'Another patient keeps coming into my room at night and I do not feel safe.',
];
const negatedRiskComments = [
  'I would never hurt myself but I was scared before I came here.',
  'I no longer want to end it all, thanks to this team.',
  'Nobody was restrained while I was there and it felt calm.',
];

export interface DemoOptions {
  seed: number;
  /** The instant the demo period ends (the newest response), and how many months it spans before that. */
  end: Date;
  months: number;
}

export interface DemoGenerator {
  /** The i-th response (0-based) of the run: deterministic for a given seed, options, teams and surveys. */
  response(index: number): NewResponse;
}

const DAY_MS = 86_400_000;

/**
 * The hour of day a response is given, weighted to the day (kiosks on wards, phones in the evening).
 * Returns minutes past midnight UTC; the London date is computed by the caller's `londonDate`.
 */
function minuteOfDay(random: Random): number {
  const hour = weighted(random, [
    [8, 2],
    [9, 5],
    [10, 9],
    [11, 10],
    [12, 9],
    [13, 8],
    [14, 10],
    [15, 10],
    [16, 8],
    [17, 6],
    [18, 6],
    [19, 6],
    [20, 5],
    [21, 3],
    [22, 2],
    [2, 1],
  ]);
  return hour * 60 + Math.floor(random() * 60);
}

export function createDemoGenerator(
  profiles: readonly TeamProfile[],
  surveys: readonly PublishedSurvey[],
  options: DemoOptions,
  londonDate: (instant: Date) => string,
): DemoGenerator {
  if (profiles.length === 0) throw new Error('There are no active teams to give feedback to');
  if (surveys.length === 0) throw new Error('There are no published surveys');
  const teamTable = profiles.map((p) => [p, p.volume] as const);
  const endMs = options.end.getTime();
  const spanDays = Math.max(1, Math.round(options.months * 30.44));
  const startDayMs = Math.floor(endMs / DAY_MS) * DAY_MS - (spanDays - 1) * DAY_MS;

  return {
    response(index) {
      // One stream per response, so any response can be regenerated on its own and batches stay independent.
      const random = createRandom(Math.imul(options.seed ^ 0x5eed, 0x9e3779b1) ^ index);
      random();
      const { team, positiveRate } = weighted(random, teamTable);
      const survey = pick(random, surveys);
      const mode = weighted(random, modesBySetting[team.setting]);
      const day = Math.floor(random() * spanDays);
      const at = new Date(Math.min(endMs, startDayMs + day * DAY_MS + minuteOfDay(random) * 60_000));

      const positive = random() < positiveRate;
      const fftCode = positive
        ? weighted(random, [
            [1, 68],
            [2, 32],
          ])
        : weighted(random, [
            [3, 35],
            [4, 25],
            [5, 20],
            [6, 20],
          ]);
      const role = weighted(random, roles);

      const answers: NewResponse['answers'] = [];
      const comments: NewResponse['comments'] = [];
      let respondentRole: RespondentRole | null = null;
      for (const item of survey.definition.pages.flatMap((page) => page.items)) {
        switch (item.kind) {
          case 'fft':
            answers.push({ itemCode: item.code, value: String(fftCode) });
            break;
          case 'respondent_role':
            if (role !== null && item.options.some((o) => o.value === role)) {
              respondentRole = role;
              answers.push({ itemCode: item.code, value: role });
            }
            break;
          case 'free_text': {
            const body = commentFor(random, item.commentType, positive);
            if (body !== undefined)
              comments.push({ itemCode: item.code, commentType: item.commentType, body });
            break;
          }
          default:
            answers.push(...closedAnswers(random, item, positive, team.setting));
        }
      }

      return {
        submissionToken: demoToken(options.seed, index),
        surveyVersionId: survey.versionId,
        teamId: team.teamId,
        siteId: team.siteId,
        directorateId: team.directorateId,
        communityId: team.communityId,
        mode,
        fftCode,
        respondentRole,
        language: 'en',
        submittedAt: at.toISOString(),
        submittedOn: londonDate(at),
        answers,
        comments,
      };
    },
  };
}

function commentFor(random: Random, type: CommentType, positive: boolean): string | undefined {
  const roll = random();
  if (roll < 0.002) return pick(random, riskComments);
  if (roll < 0.003) return pick(random, negatedRiskComments);
  if (type === 'could_improve') {
    if (roll > (positive ? 0.3 : 0.75)) return undefined;
    return pick(random, improveComments);
  }
  if (roll > (positive ? 0.55 : 0.2)) return undefined;
  return pick(random, goodComments);
}

/**
 * A submission nonce of the same shape the app issues (22 characters of base64url), unique per seed and index, so
 * seeding the same seed again stores nothing twice, and two seeds never collide.
 */
export function demoToken(seed: number, index: number): string {
  return `d${(seed >>> 0).toString(36)}x${index.toString(36)}`.padEnd(22, '_');
}
