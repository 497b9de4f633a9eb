import type { Request, Response } from 'express';
import { readCookie, setCookie } from '../../middleware/cookies';
import { HttpError } from '../../middleware/http-errors';
import { readFormFields } from '../../middleware/form-body';
import { CSRF_FIELD } from '../../middleware/csrf';
import type { FeedbackService, StepOutcome, SurveyContext } from '../../responses/feedback-service';
import type { CollectionMode } from '../../responses/submission-token';
import {
  fieldNamesOf,
  nextStep,
  previousStep,
  progressOf,
  visibleQuestions,
  type RawAnswers,
  type Step,
} from '../../surveys/survey-journey';
import type { FieldError } from '../../surveys/survey-answers';
import type { PlacedTeam } from '../../organisation/organisation-repository';
import type { YouSaidWeDidEntry } from '../../pals/publication-service';
import {
  buildCheckAnswersViewModel,
  buildStartViewModel,
  buildStepViewModel,
  buildThankYouViewModel,
  stepHref,
  type JourneyPlace,
} from './survey-view-model';
import { draftIdCookie, journeyQuery, stepParam, surveyCodeParam, teamCodeParam } from './survey-schema';
import type { BlankPageCache } from './blank-page-cache';
import type { SubmissionStore } from '../../responses/submission-store';

const TOKEN_FIELD = 'token';
const SKIP_FIELD = 'skip';
/** The session-only cookie naming the person's draft (kiosks clear it on reset). */
export const DRAFT_COOKIE = 'survey_draft';

/** How the person reached the survey: the team, the address its pages live under, the mode and collection point. */
export interface JourneyChannel {
  team: PlacedTeam;
  /** /t/<team>, /q/<team>, /c/<point> or /kiosk: every link and form action of the journey starts here. */
  base: string;
  mode: CollectionMode;
  collectionPointId: number | null;
  /** The surveys this channel offers (a collection point's list); all the team's offers when undefined. */
  surveyCodes?: string[];
  /** The day the feedback was given, when staff key it in later (paper, telephone). */
  submittedOn?: string;
}

export interface JourneyOptions {
  /** Where each post's writes go (a group commit, here or on the store worker); answered once they are on the disk. */
  store: SubmissionStore;
  mode: CollectionMode;
  /** One question per page (kiosks); otherwise the survey's pages of a few questions (phones). */
  oneQuestionPerPage: boolean;
  secureCookie: boolean;
  /** The address prefix for the default channel (the team code follows it): '/t' unless given. */
  prefix?: string;
  /** Where the journey comes from when it is not a team address (a collection point, an enrolled kiosk). */
  channelFrom?: (req: Request) => JourneyChannel;
  /** Kiosks keep unsent answers briefly. */
  draftTtlMs?: number;
  /**
   * Written in the same transaction as the response, never for a duplicate: staff entry records who keyed it in.
   * When it throws, nothing is stored.
   */
  recordWithResponse?: (req: Request, res: Response, ctx: SurveyContext) => void;
  /** Rotates the cookies when a response is stored (kiosks: the back/forward cache must not restore a page). */
  rotateCookiesOnFinish?: boolean;
  /** The team's latest public "You said, we did" entries, shown on the thank-you page (none when not given). */
  latestChanges?: LatestChanges;
  /**
   * Keeps pages shown before anything is answered and fills in each request's tokens. Only where nothing but
   * the journey and the CSRF token varies a page (the public /t addresses: no kiosk or staff page furniture).
   */
  blankPages?: BlankPageCache;
}

export type LatestChanges = (team: PlacedTeam) => YouSaidWeDidEntry[];

export function createSurveyController(feedback: FeedbackService, options: JourneyOptions) {
  /** The team named in the address, or the friendly "cannot find that team" 404. */
  function teamChannel(req: Request): JourneyChannel {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'unknown team');
    return {
      team,
      base: `${options.prefix ?? '/t'}/${team.code}`,
      mode: options.mode,
      collectionPointId: null,
    };
  }
  const channelFrom = options.channelFrom ?? teamChannel;

  const surveysFor = (channel: JourneyChannel) =>
    feedback
      .offeredSurveys(channel.team)
      .filter((survey) => channel.surveyCodes === undefined || channel.surveyCodes.includes(survey.code));

  /** The team, the survey it offers under this code, the language asked for, and the journey. */
  function contextFrom(req: Request) {
    const channel = channelFrom(req);
    const { team } = channel;
    const code = surveyCodeParam.safeParse(req.params.surveyCode);
    const survey = code.success ? surveysFor(channel).find((s) => s.code === code.data) : undefined;
    if (!survey) throw new HttpError(404, 'errors/not-found', 'survey not offered');
    const query = journeyQuery.parse(req.query);
    const language = query.lang && survey.definition.languages.includes(query.lang) ? query.lang : 'en';
    const ctx: SurveyContext = {
      team,
      survey,
      mode: channel.mode,
      oneQuestionPerPage: options.oneQuestionPerPage,
      collectionPointId: channel.collectionPointId,
      ...(channel.submittedOn !== undefined ? { submittedOn: channel.submittedOn } : {}),
      ...(options.draftTtlMs !== undefined ? { draftTtlMs: options.draftTtlMs } : {}),
    };
    const record = options.recordWithResponse;
    if (record) ctx.recordWithResponse = () => record(req, req.res!, ctx);
    const place: JourneyPlace = { team, survey, language, base: channel.base };
    return { ctx, place, steps: feedback.steps(ctx), returnToCheck: query.return === 'check' };
  }

  function stepFrom(req: Request, steps: Step[]): Step {
    if (req.params.step === undefined) return steps[0]!;
    const number = stepParam.safeParse(req.params.step);
    const step = number.success ? steps.find((s) => s.number === number.data) : undefined;
    if (!step) throw new HttpError(404, 'errors/not-found', 'no such page');
    return step;
  }

  function draftIdFrom(req: Request): string | undefined {
    const parsed = draftIdCookie.safeParse(readCookie(req, DRAFT_COOKIE));
    return parsed.success ? parsed.data : undefined;
  }

  /** What a page shows apart from the person's answers on it: its questions, progress, and where back leads. */
  function stepLayout(journey: ReturnType<typeof contextFrom>, step: Step, values: RawAnswers) {
    const { place, steps } = journey;
    const previous = previousStep(steps, step.number, values);
    return {
      shown: visibleQuestions(step, values, steps),
      progress: progressOf(steps, step, values),
      isLast: nextStep(steps, step.number, values) === undefined,
      backHref: journey.returnToCheck
        ? stepHref(place, 'check')
        : previous
          ? stepHref(place, previous.number)
          : (place.base ?? `/t/${place.team.code}`),
    };
  }

  function renderStep(
    res: Response,
    status: number,
    journey: ReturnType<typeof contextFrom>,
    step: Step,
    values: RawAnswers,
    token: string,
    errors: FieldError[] = [],
  ) {
    res.status(status).render(
      'pages/survey-step',
      buildStepViewModel({
        place: journey.place,
        step,
        ...stepLayout(journey, step, values),
        token,
        returnToCheck: journey.returnToCheck,
        values,
        errors,
      }),
    );
  }

  /**
   * A page none of whose questions is answered yet (every page on the way forward): the same for everyone with
   * the same layout, so it comes from the blank-page cache, rendered with marks and kept the first time.
   * A page showing answers is rendered as usual.
   */
  function sendStep(
    req: Request,
    res: Response,
    pages: BlankPageCache,
    journey: ReturnType<typeof contextFrom>,
    step: Step,
    values: RawAnswers,
    token: string,
  ) {
    const layout = stepLayout(journey, step, values);
    if (layout.shown.flatMap(fieldNamesOf).some((name) => values[name])) {
      renderStep(res, 200, journey, step, values, token);
      return;
    }
    const { survey } = journey.ctx;
    const { first, last, total } = layout.progress;
    const key = [
      journey.place.base,
      survey.versionId,
      step.number,
      journey.place.language,
      journey.returnToCheck,
      layout.shown.map((q) => q.code).join(','),
      `${first}-${last}/${total}`,
      layout.isLast,
      layout.backHref,
    ].join('|');
    sendKept(req, res, pages, { team: journey.ctx.team, key, token }, 'pages/survey-step', () =>
      buildStepViewModel({
        place: journey.place,
        step,
        ...layout,
        token: pages.marks.token,
        returnToCheck: journey.returnToCheck,
        values: {},
        errors: [],
      }),
    );
  }

  /**
   * Sends the page kept for this team and key with this request's tokens filled in, rendering and keeping it the
   * first time (with the cache's marks in place of the tokens). The key also gets what the layout shows from
   * res.locals: the large-text class and the address its text-size control returns to (src/routes/text-size).
   */
  function sendKept(
    req: Request,
    res: Response,
    pages: BlankPageCache,
    kept: { team: PlacedTeam; key: string; token: string },
    view: string,
    model: () => object,
  ) {
    const key = [kept.key, res.locals.largeText === true, String(res.locals.textSizeReturn ?? '')].join('|');
    const tokens = { csrf: String(res.locals.csrfToken ?? ''), token: kept.token };
    const page = pages.page(kept.team, key, tokens);
    if (page !== undefined) {
      res.type('html').send(page);
      return;
    }
    res.render(view, { ...model(), csrfToken: pages.marks.csrf }, (error, html) => {
      if (error) return void req.next?.(error);
      res.type('html').send(pages.keep(kept.team, key, html, tokens));
    });
  }

  function follow(
    req: Request,
    res: Response,
    journey: ReturnType<typeof contextFrom>,
    token: string,
    outcome: StepOutcome,
  ) {
    const { place } = journey;
    const base = place.base ?? `/t/${place.team.code}`;
    switch (outcome.kind) {
      case 'continue':
        setCookie(res, DRAFT_COOKIE, outcome.draftId, { secure: options.secureCookie });
        res.redirect(
          303,
          stepHref(place, journey.returnToCheck && outcome.to !== 'check' ? 'check' : outcome.to),
        );
        return;
      case 'stored':
      case 'duplicate':
        setCookie(res, DRAFT_COOKIE, '', { secure: options.secureCookie, maxAgeSeconds: 0 });
        if (options.rotateCookiesOnFinish) (res.locals.rotateCsrf as (() => void) | undefined)?.();
        res.redirect(303, `${base}/thank-you`);
        return;
      case 'invalid':
        // The same token goes back in the form, so fixing the errors still stores exactly one response.
        renderStep(res, 400, journey, outcome.step, outcome.values, token, outcome.errors);
        return;
      case 'draft_expired':
      case 'token_expired':
        throw new HttpError(400, 'pages/survey-expired', `survey ${outcome.kind.replace('_', ' ')}`, {
          startAgainHref: base,
        });
      case 'token_refused':
        throw new HttpError(400, 'errors/bad-request', 'submission token refused');
    }
  }

  return {
    /** The team's start page: the surveys it offers, the quick FFT first. One survey goes straight to it. */
    start: (req: Request, res: Response): void => {
      const channel = channelFrom(req);
      const surveys = surveysFor(channel);
      if (surveys.length === 1) {
        res.redirect(303, `${channel.base}/${surveys[0]!.code}`);
        return;
      }
      const model = () => buildStartViewModel(channel.team, surveys, 'en', channel.base);
      // The page a poster's QR code opens: the same for everyone but the CSRF token of its text-size control.
      if (options.blankPages) {
        const kept = { team: channel.team, key: `start|${channel.base}`, token: '' };
        sendKept(req, res, options.blankPages, kept, 'pages/survey-start', model);
      } else res.render('pages/survey-start', model());
    },

    /** A page of the survey. Never writes: the draft is created by the first page's post. */
    showStep: (req: Request, res: Response): void => {
      const journey = contextFrom(req);
      const step = stepFrom(req, journey.steps);
      const draft = feedback.readDraft(journey.ctx, draftIdFrom(req));
      if (!draft && step.number > 1) {
        res.redirect(303, stepHref(journey.place, 1));
        return;
      }
      const values = draft?.answers ?? {};
      if (visibleQuestions(step, values, journey.steps).length === 0) {
        const next = nextStep(journey.steps, step.number, values);
        res.redirect(303, stepHref(journey.place, next ? next.number : 'check'));
        return;
      }
      const token = draft?.submissionToken ?? feedback.issueToken(journey.ctx);
      if (options.blankPages) sendStep(req, res, options.blankPages, journey, step, values, token);
      else renderStep(res, 200, journey, step, values, token);
    },

    saveStep: async (req: Request, res: Response): Promise<void> => {
      const journey = contextFrom(req);
      const step = stepFrom(req, journey.steps);
      const names = step.questions.flatMap(fieldNamesOf);
      const fields = readFormFields(req.body, [...names, TOKEN_FIELD, SKIP_FIELD, CSRF_FIELD]);
      const token = fields[TOKEN_FIELD] ?? '';
      const input = {
        token,
        draftId: draftIdFrom(req),
        fields,
        skip: fields[SKIP_FIELD] === 'yes',
        language: journey.place.language,
      };
      const outcome = await options.store.saveStep(journey.ctx, step.number, input);
      follow(req, res, journey, token, outcome);
    },

    showCheck: (req: Request, res: Response): void => {
      const journey = contextFrom(req);
      const draft = feedback.readDraft(journey.ctx, draftIdFrom(req));
      if (!draft || !journey.ctx.survey.definition.checkAnswers) {
        res.redirect(303, stepHref(journey.place, 1));
        return;
      }
      const last = previousStep(journey.steps, Number.MAX_SAFE_INTEGER, draft.answers);
      res.render(
        'pages/check-answers',
        buildCheckAnswersViewModel({
          place: journey.place,
          steps: journey.steps,
          values: draft.answers,
          token: draft.submissionToken,
          backHref: stepHref(journey.place, last?.number ?? 1),
        }),
      );
    },

    submitCheck: async (req: Request, res: Response): Promise<void> => {
      const journey = contextFrom(req);
      const fields = readFormFields(req.body, [TOKEN_FIELD, CSRF_FIELD]);
      const token = fields[TOKEN_FIELD] ?? '';
      const input = { token, draftId: draftIdFrom(req), language: journey.place.language };
      const outcome = await options.store.submitDraft(journey.ctx, input);
      follow(req, res, journey, token, outcome);
    },

    thankYou: (req: Request, res: Response): void => {
      const { team, base } = channelFrom(req);
      res.render(
        'pages/thank-you',
        buildThankYouViewModel(team.name, team.code, base, options.latestChanges?.(team) ?? []),
      );
    },
  };
}
