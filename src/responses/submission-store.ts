import type { GroupCommit } from '../db/group-commit';
import type { PlacedTeam } from '../organisation/organisation-repository';
import type { FieldError } from '../surveys/survey-answers';
import type { SurveyCatalogue } from '../surveys/survey-catalogue';
import type { RawAnswers, Step } from '../surveys/survey-journey';
import type { FeedbackService, StepInput, StepOutcome, SurveyContext } from './feedback-service';

export type DraftInput = Omit<StepInput, 'fields' | 'skip'>;

/**
 * Where a survey post is stored: in this thread's group commits, or by the store worker on its own connection
 * (docs/decisions/0006-store-worker.md). Either way the promise settles once the post's writes are committed
 * (synchronous=FULL) or refused, so the page is answered only then.
 */
export interface SubmissionStore {
  saveStep(ctx: SurveyContext, stepNumber: number, input: StepInput): Promise<StepOutcome>;
  submitDraft(ctx: SurveyContext, input: DraftInput): Promise<StepOutcome>;
  /** Waits for the store's work to finish and releases it (a worker exits). */
  close(): Promise<void>;
}

/** Posts stored in this thread: each one a unit of the next group commit. */
export function inProcessStore(feedback: FeedbackService, commits: GroupCommit): SubmissionStore {
  return {
    saveStep: (ctx, stepNumber, input) => commits.run(() => feedback.saveStep(ctx, stepNumber, input)),
    submitDraft: (ctx, input) => commits.run(() => feedback.submitDraft(ctx, input)),
    close: () => Promise.resolve(),
  };
}

/**
 * A survey context as it crosses to the worker: the placed team as data, the survey by code and version (the
 * worker reads the same published catalogue). A context with a function in it (staff entry's audit row written
 * with the response) never crosses: the client stores those posts in this thread.
 */
interface WireContext {
  team: PlacedTeam;
  surveyCode: string;
  surveyVersionId: number;
  mode: SurveyContext['mode'];
  oneQuestionPerPage: boolean;
  collectionPointId: number | null;
  submittedOn: string | undefined;
  draftTtlMs: number | undefined;
}

export type StoreRequest =
  | { id: number; op: 'saveStep'; ctx: WireContext; stepNumber: number; input: StepInput }
  | { id: number; op: 'submitDraft'; ctx: WireContext; input: DraftInput };

/** The outcome with the page to show again named by its number: the worker's Step objects stay there. */
type WireOutcome =
  | Exclude<StepOutcome, { kind: 'invalid' }>
  | { kind: 'invalid'; stepNumber: number; errors: FieldError[]; values: RawAnswers };

export type StoreReply =
  | { id: number; ok: true; outcome: WireOutcome }
  | { id: number; ok: false; error: { name: string; message: string; code: string | undefined } };

/** What both ends talk through: a Worker and its parentPort, or the two ends of a MessageChannel in tests. */
export interface StorePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

const wireContext = (ctx: SurveyContext): WireContext => ({
  team: ctx.team,
  surveyCode: ctx.survey.code,
  surveyVersionId: ctx.survey.versionId,
  mode: ctx.mode,
  oneQuestionPerPage: ctx.oneQuestionPerPage,
  collectionPointId: ctx.collectionPointId ?? null,
  submittedOn: ctx.submittedOn,
  draftTtlMs: ctx.draftTtlMs,
});

/**
 * The worker's end: hands each request to `store` (the in-process store on the worker's own connection) and replies
 * with its outcome.
 */
export function serveStore(
  port: StorePort,
  services: { store: SubmissionStore; surveys: SurveyCatalogue },
): { idle(): Promise<void> } {
  const { store, surveys } = services;
  const inFlight = new Set<Promise<void>>();

  function contextOf(wire: WireContext): SurveyContext {
    const survey = surveys.latest(wire.surveyCode);
    // Both ends read the catalogue published at start-up; a difference means a restart is half done.
    if (!survey || survey.versionId !== wire.surveyVersionId) {
      throw new Error(`survey ${wire.surveyCode} version ${wire.surveyVersionId} is not the one published`);
    }
    return {
      team: wire.team,
      survey,
      mode: wire.mode,
      oneQuestionPerPage: wire.oneQuestionPerPage,
      collectionPointId: wire.collectionPointId,
      ...(wire.submittedOn !== undefined ? { submittedOn: wire.submittedOn } : {}),
      ...(wire.draftTtlMs !== undefined ? { draftTtlMs: wire.draftTtlMs } : {}),
    };
  }

  async function handle(request: StoreRequest): Promise<StoreReply> {
    try {
      const ctx = contextOf(request.ctx);
      const outcome =
        request.op === 'saveStep'
          ? await store.saveStep(ctx, request.stepNumber, request.input)
          : await store.submitDraft(ctx, request.input);
      return {
        id: request.id,
        ok: true,
        outcome:
          outcome.kind === 'invalid'
            ? {
                kind: 'invalid',
                stepNumber: outcome.step.number,
                errors: outcome.errors,
                values: outcome.values,
              }
            : outcome,
      };
    } catch (error) {
      const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
      return {
        id: request.id,
        ok: false,
        error: {
          name: typeof name === 'string' ? name : 'Error',
          message: typeof message === 'string' ? message : String(error),
          code: typeof code === 'string' ? code : undefined,
        },
      };
    }
  }

  port.on('message', (message) => {
    const request = message as StoreRequest;
    // The worker's own control message ('close') shares the port.
    if (!['saveStep', 'submitDraft'].includes(request.op)) return;
    const done = handle(request).then((reply) => port.postMessage(reply));
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  return {
    idle: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}

interface Pending {
  /** The same request made of `local` instead (after the worker failed). */
  again: (store: SubmissionStore) => Promise<StepOutcome>;
  /** The post's context: an "invalid" reply names its page by number, found again among this thread's steps. */
  ctx: SurveyContext;
  resolve: (outcome: StepOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * The main thread's end: posts each request and settles its promise with the worker's reply. Posts whose context
 * cannot cross (staff entry) go to `local`, and so does everything once `portFailed` is called: the requests
 * still waiting are made again there. That is safe because each post carries its single-use submission token: one
 * the worker did commit is answered as a duplicate (the person sees "thank you"), and a draft is found by its nonce.
 */
export function createStoreClient(
  port: StorePort,
  options: { feedback: FeedbackService; local: SubmissionStore; close: () => Promise<void> },
): SubmissionStore & { portFailed(): void } {
  const { feedback, local } = options;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failed = false;

  const stepOutcome = (ctx: SurveyContext, wire: WireOutcome): StepOutcome => {
    if (wire.kind !== 'invalid') return wire;
    const step: Step | undefined = feedback.steps(ctx).find((s) => s.number === wire.stepNumber);
    if (!step) throw new Error(`the store named page ${wire.stepNumber}, which this survey does not have`);
    return { kind: 'invalid', step, errors: wire.errors, values: wire.values };
  };

  port.on('message', (message) => {
    const reply = message as StoreReply;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) {
      try {
        waiting.resolve(stepOutcome(waiting.ctx, reply.outcome));
      } catch (error) {
        waiting.reject(error);
      }
      return;
    }
    const error = Object.assign(new Error(reply.error.message), { name: reply.error.name });
    if (reply.error.code !== undefined) Object.assign(error, { code: reply.error.code });
    waiting.reject(error);
  });

  function request(
    ctx: SurveyContext,
    again: (store: SubmissionStore) => Promise<StepOutcome>,
    message: (id: number) => StoreRequest,
  ): Promise<StepOutcome> {
    if (failed) return again(local);
    return new Promise<StepOutcome>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { again, ctx, resolve, reject });
      port.postMessage(message(id));
    });
  }

  return {
    saveStep: (ctx, stepNumber, input) =>
      ctx.recordWithResponse
        ? local.saveStep(ctx, stepNumber, input)
        : request(
            ctx,
            (store) => store.saveStep(ctx, stepNumber, input),
            (id) => ({ id, op: 'saveStep', ctx: wireContext(ctx), stepNumber, input }),
          ),
    submitDraft: (ctx, input) =>
      ctx.recordWithResponse
        ? local.submitDraft(ctx, input)
        : request(
            ctx,
            (store) => store.submitDraft(ctx, input),
            (id) => ({ id, op: 'submitDraft', ctx: wireContext(ctx), input }),
          ),
    close: options.close,
    portFailed() {
      failed = true;
      const waiting = [...pending.values()];
      pending.clear();
      for (const w of waiting) w.again(local).then(w.resolve, w.reject);
    },
  };
}
