import { randomToken } from '../security/random-token';
import type { Clock } from '../clock';
import { londonDateOf } from '../clock';
import type { OrganisationRepository, PlacedTeam } from '../organisation/organisation-repository';
import { checkAnswers, type FieldError } from '../surveys/survey-answers';
import type { SurveyCatalogue } from '../surveys/survey-catalogue';
import {
  allVisibleQuestions,
  buildSteps,
  fieldNamesOf,
  nextStep,
  visibleQuestions,
  type RawAnswers,
  type Step,
} from '../surveys/survey-journey';
import type { SurveyOfferRepository } from '../surveys/survey-offer-repository';
import type { PublishedSurvey } from '../surveys/survey-repository';
import type { Draft, DraftRepository } from './draft-repository';
import type { ResponseRepository } from './response-repository';
import { checkSubmissionToken, issueSubmissionToken, type CollectionMode } from './submission-token';

/** One person's journey through one survey for one team, as the collection point presents it. */
export interface SurveyContext {
  team: PlacedTeam;
  survey: PublishedSurvey;
  mode: CollectionMode;
  /** Kiosks ask one question per page; phones get the survey's pages. A parameter, never a fork of the code. */
  oneQuestionPerPage: boolean;
  /** The collection point it came through (kiosk, QR code, link); stored on the response. */
  collectionPointId?: number | null;
  /** The day the feedback was given, when staff key in a paper or telephone response later (YYYY-MM-DD). */
  submittedOn?: string;
  /** How long this journey's unsent answers are kept; kiosks keep them briefly (the next person must not see them). */
  draftTtlMs?: number;
  /**
   * Written in the same transaction as the response (staff entry's audit row of who keyed it in): when it throws,
   * nothing is stored. Not called for a duplicate.
   */
  recordWithResponse?: (responseId: number) => void;
}

export type StepOutcome =
  | { kind: 'continue'; draftId: string; to: number | 'check' }
  | { kind: 'stored' }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; step: Step; errors: FieldError[]; values: RawAnswers }
  | { kind: 'draft_expired' }
  | { kind: 'token_expired' }
  | { kind: 'token_refused' };

export interface StepInput {
  token: string;
  draftId: string | undefined;
  fields: RawAnswers;
  /** "Skip this question": move on without keeping this page's answers (only where every question is optional). */
  skip: boolean;
  language: string;
}

export interface FeedbackServiceDeps {
  clock: Clock;
  secretKey: Buffer;
  tokenTtlMs: number;
  draftTtlMs: number;
  organisation: OrganisationRepository;
  surveys: SurveyCatalogue;
  offers: SurveyOfferRepository;
  drafts: DraftRepository;
  responses: ResponseRepository;
}

export function createFeedbackService(deps: FeedbackServiceDeps) {
  const { clock, secretKey, tokenTtlMs, draftTtlMs, organisation, surveys, offers, drafts, responses } = deps;

  /** The team taking feedback today under this code; undefined when unknown or retired. */
  function activeTeam(code: string): PlacedTeam | undefined {
    const today = londonDateOf(clock.now());
    const team = organisation.findTeamOn(code, today);
    if (!team || (team.retiredOn !== null && team.retiredOn <= today)) return undefined;
    return team;
  }

  /** The newest version of each survey the team offers, in start-page order. */
  function offeredSurveys(team: PlacedTeam): PublishedSurvey[] {
    return offers
      .listForTeam(team.teamId)
      .map((offer) => surveys.latest(offer.surveyCode))
      .filter((survey): survey is PublishedSurvey => survey !== undefined);
  }

  const tokenContext = (ctx: SurveyContext) => ({
    surveyVersionId: ctx.survey.versionId,
    teamId: ctx.team.teamId,
    mode: ctx.mode,
  });

  /**
   * The journey's pages, built once per survey definition, setting and page style: every request reads them and
   * a published definition never changes (a new version is a new object). Shared, so never modified.
   */
  const builtSteps = new WeakMap<object, Map<string, Step[]>>();
  const stepsOf = (ctx: SurveyContext): Step[] => {
    const { definition } = ctx.survey;
    let bySetting = builtSteps.get(definition);
    if (!bySetting) {
      bySetting = new Map();
      builtSteps.set(definition, bySetting);
    }
    const key = `${ctx.team.setting} ${ctx.oneQuestionPerPage}`;
    let steps = bySetting.get(key);
    if (!steps) {
      steps = buildSteps(definition, {
        setting: ctx.team.setting,
        oneQuestionPerPage: ctx.oneQuestionPerPage,
      });
      bySetting.set(key, steps);
    }
    return steps;
  };

  const belongsTo = (draft: Draft | undefined, ctx: SurveyContext): Draft | undefined =>
    draft &&
    draft.teamId === ctx.team.teamId &&
    draft.surveyVersionId === ctx.survey.versionId &&
    draft.mode === ctx.mode
      ? draft
      : undefined;

  /** Checks the whole journey's answers and stores the response once, deleting the draft with it. */
  function store(ctx: SurveyContext, nonce: string, answers: RawAnswers, language: string, draftId?: string) {
    const steps = stepsOf(ctx);
    const check = checkAnswers(allVisibleQuestions(steps, answers), answers, language);
    if (!check.ok) {
      const first = check.errors[0]?.field;
      const step = steps.find((s) => s.questions.some((q) => q.code === first)) ?? steps[0]!;
      return { kind: 'invalid', step, errors: check.errors, values: answers } as const;
    }
    // The schema makes the FFT question first and always asked, and checkAnswers requires its answer.
    const { fftCode } = check.value;
    if (fftCode === null) throw new Error(`Survey ${ctx.survey.code} has no FFT question`);
    const now = clock.now();
    const result = responses.insert(
      {
        submissionToken: nonce,
        surveyVersionId: ctx.survey.versionId,
        teamId: ctx.team.teamId,
        siteId: ctx.team.siteId,
        directorateId: ctx.team.directorateId,
        communityId: ctx.team.communityId,
        mode: ctx.mode,
        collectionPointId: ctx.collectionPointId ?? null,
        language,
        submittedAt: now.toISOString(),
        submittedOn: ctx.submittedOn ?? londonDateOf(now),
        ...check.value,
        fftCode,
      },
      draftId,
      ctx.recordWithResponse,
    );
    return result.stored ? ({ kind: 'stored' } as const) : ({ kind: 'duplicate' } as const);
  }

  /** The token check, then the draft this form belongs to (by cookie, else by the token's nonce). */
  function openDraft(
    ctx: SurveyContext,
    token: string,
    draftId: string | undefined,
  ):
    { kind: 'token_expired' | 'token_refused' | 'duplicate' } | { kind: 'ok'; nonce: string; draft?: Draft } {
    const now = clock.now();
    const check = checkSubmissionToken(secretKey, token, tokenContext(ctx), now, tokenTtlMs);
    if (!check.ok) return { kind: check.reason === 'expired' ? 'token_expired' : 'token_refused' };
    if (responses.isStored(check.nonce)) return { kind: 'duplicate' };
    const iso = now.toISOString();
    const byCookie = draftId === undefined ? undefined : belongsTo(drafts.find(draftId, iso), ctx);
    const draft =
      byCookie?.submissionNonce === check.nonce
        ? byCookie
        : belongsTo(drafts.findByNonce(check.nonce, iso), ctx);
    return { kind: 'ok', nonce: check.nonce, draft };
  }

  return {
    activeTeam,
    offeredSurveys,

    /** A survey the team offers, by code; undefined when it does not offer it. */
    offeredSurvey(team: PlacedTeam, code: string): PublishedSurvey | undefined {
      return offeredSurveys(team).find((survey) => survey.code === code);
    },

    steps: stepsOf,

    /** A new single-use submission token for a form. Writes nothing (GET pages stay read-only). */
    issueToken(ctx: SurveyContext): string {
      return issueSubmissionToken(secretKey, tokenContext(ctx), clock.now());
    },

    /** The person's draft for this survey if the cookie names a live one. Read-only. */
    readDraft(ctx: SurveyContext, draftId: string | undefined): Draft | undefined {
      if (draftId === undefined) return undefined;
      return belongsTo(drafts.find(draftId, clock.now().toISOString()), ctx);
    },

    /**
     * Saves one page's answers and says where to go next. The first page's post creates the draft; the last page
     * stores the response (or leads to check your answers). A token already used reports a duplicate, so a double
     * tap on the last page stores one response and the person still sees "thank you".
     */
    saveStep(ctx: SurveyContext, stepNumber: number, input: StepInput): StepOutcome {
      const opened = openDraft(ctx, input.token, input.draftId);
      if (opened.kind !== 'ok') return opened;
      const { nonce, draft } = opened;
      if (!draft && stepNumber > 1) return { kind: 'draft_expired' };

      const steps = stepsOf(ctx);
      const step = steps.find((s) => s.number === stepNumber);
      if (!step) return { kind: 'token_refused' };
      const answers: RawAnswers = { ...draft?.answers };
      const fieldNames = step.questions.flatMap(fieldNamesOf);
      for (const name of fieldNames) delete answers[name];
      const skip = input.skip && step.questions.every((q) => !q.required);
      if (!skip) {
        for (const name of fieldNames) {
          const value = input.fields[name];
          if (value !== undefined && value !== '') answers[name] = value;
        }
      }
      const shown = visibleQuestions(step, answers, steps);
      for (const hidden of step.questions.filter((q) => !shown.includes(q)).flatMap(fieldNamesOf)) {
        delete answers[hidden];
      }
      const check = checkAnswers(shown, answers, input.language);
      if (!check.ok) return { kind: 'invalid', step, errors: check.errors, values: answers };

      const next = nextStep(steps, stepNumber, answers);
      if (!next && !ctx.survey.definition.checkAnswers) {
        return store(ctx, nonce, answers, input.language, draft?.id);
      }
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + (ctx.draftTtlMs ?? draftTtlMs)).toISOString();
      let draftId = draft?.id;
      if (draftId === undefined) {
        draftId = randomToken(16);
        drafts.create(
          {
            id: draftId,
            submissionNonce: nonce,
            submissionToken: input.token,
            surveyVersionId: ctx.survey.versionId,
            teamId: ctx.team.teamId,
            mode: ctx.mode,
            answers,
            expiresAt,
          },
          now.toISOString(),
        );
      } else {
        drafts.save(draftId, answers, expiresAt);
      }
      return { kind: 'continue', draftId, to: next ? next.number : 'check' };
    },

    /** Sends the answers from the check-your-answers page. */
    submitDraft(ctx: SurveyContext, input: Omit<StepInput, 'fields' | 'skip'>): StepOutcome {
      const opened = openDraft(ctx, input.token, input.draftId);
      if (opened.kind !== 'ok') return opened;
      if (!opened.draft) return { kind: 'draft_expired' };
      return store(ctx, opened.nonce, opened.draft.answers, input.language, opened.draft.id);
    },

    /** Discards a person's unsent answers at once (a kiosk's inactivity reset). */
    discardDraft(draftId: string | undefined): void {
      if (draftId !== undefined) drafts.delete(draftId);
    },

    /** Deletes drafts past their expiry (also done whenever a draft is created). */
    purgeExpiredDrafts(): number {
      return drafts.purgeExpired(clock.now().toISOString());
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
