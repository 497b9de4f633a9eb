import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { StepInput, SurveyContext } from '../../src/responses/feedback-service';
import {
  createStoreClient,
  inProcessStore,
  serveStore,
  type StorePort,
} from '../../src/responses/submission-store';
import { buildTestApp } from '../support/test-app';

/**
 * The store worker's protocol (src/responses/submission-store.ts), both ends in this thread over a MessageChannel:
 * the worker's end is the same serveStore the worker thread runs, on the same services. The real thread runs in
 * the server the fault tests start (npm run test:faults: load, kill -9, SIGTERM).
 */
function storePair(options: { dropReplies?: boolean } = {}) {
  const t = buildTestApp();
  const { feedback, commits, surveys, submissions } = t.deps.services;
  const { port1, port2 } = new MessageChannel();
  const posted: unknown[] = [];
  const workerEnd: StorePort = {
    postMessage: (message) => {
      if (!options.dropReplies) port2.postMessage(message);
    },
    on: (event, listener) => port2.on(event, listener),
  };
  serveStore(workerEnd, { store: inProcessStore(feedback, commits), surveys });
  const mainEnd: StorePort = {
    postMessage: (message) => {
      posted.push(message);
      port1.postMessage(message);
    },
    on: (event, listener) => port1.on(event, listener),
  };
  const client = createStoreClient(mainEnd, { feedback, local: submissions, close: () => Promise.resolve() });
  const team = feedback.activeTeam('amberwood')!;
  const ctx: SurveyContext = {
    team,
    survey: feedback.offeredSurvey(team, 'easy-read-fft')!,
    mode: 'online_link',
    oneQuestionPerPage: false,
  };
  const input = (fields: Record<string, string>): StepInput => ({
    token: feedback.issueToken(ctx),
    draftId: undefined,
    fields,
    skip: false,
    language: 'en',
  });
  const stored = () => (t.deps.db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  const close = () => [port1, port2].forEach((port: MessagePort) => port.close());
  return { t, client, ctx, input, stored, posted, close };
}

describe('the submission store across a message port (the store worker)', () => {
  it('stores a post once: its replay with the same token is answered as a duplicate', async () => {
    const s = storePair();
    try {
      const post = s.input({ fft: '1', tell_us_more: 'Kind staff' });
      await expect(s.client.saveStep(s.ctx, 1, post)).resolves.toEqual({ kind: 'stored' });
      await expect(s.client.saveStep(s.ctx, 1, post)).resolves.toEqual({ kind: 'duplicate' });
      expect(s.stored()).toBe(1);
      expect(s.posted).toHaveLength(2);
    } finally {
      s.close();
    }
  });

  it("answers a post with errors with this thread's own page object, the errors and what was typed", async () => {
    const s = storePair();
    try {
      const outcome = await s.client.saveStep(s.ctx, 1, s.input({ tell_us_more: 'No choice made' }));
      expect(outcome.kind).toBe('invalid');
      if (outcome.kind !== 'invalid') return;
      expect(outcome.step).toBe(s.t.deps.services.feedback.steps(s.ctx)[0]);
      expect(outcome.errors.map((e) => e.field)).toEqual(['fft']);
      expect(outcome.values).toEqual({ tell_us_more: 'No choice made' });
      expect(s.stored()).toBe(0);
    } finally {
      s.close();
    }
  });

  it('rejects with the error the worker met, and stores nothing for it', async () => {
    const s = storePair();
    try {
      const unpublished = { ...s.ctx, survey: { ...s.ctx.survey, versionId: 999 } };
      await expect(s.client.saveStep(unpublished, 1, s.input({ fft: '2' }))).rejects.toThrow(
        /version 999 is not the one published/,
      );
      expect(s.stored()).toBe(0);
    } finally {
      s.close();
    }
  });

  it('keeps a post with a function in its context (staff entry) in this thread', async () => {
    const s = storePair();
    try {
      const recorded: number[] = [];
      const ctx = { ...s.ctx, recordWithResponse: (id: number) => recorded.push(id) };
      await expect(s.client.saveStep(ctx, 1, s.input({ fft: '3' }))).resolves.toEqual({ kind: 'stored' });
      expect(s.posted).toHaveLength(0);
      expect(recorded).toHaveLength(1);
    } finally {
      s.close();
    }
  });

  it('when the worker fails, stores waiting posts in this thread: one the worker committed is a duplicate', async () => {
    // The worker's end commits but its replies never arrive (it died before answering).
    const s = storePair({ dropReplies: true });
    try {
      const committed = s.input({ fft: '1' });
      const answer = s.client.saveStep(s.ctx, 1, committed);
      while (s.stored() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      s.client.portFailed();
      await expect(answer).resolves.toEqual({ kind: 'duplicate' });
      // And from now on without the port.
      await expect(s.client.saveStep(s.ctx, 1, s.input({ fft: '4' }))).resolves.toEqual({ kind: 'stored' });
      expect(s.posted).toHaveLength(1);
      expect(s.stored()).toBe(2);
    } finally {
      s.close();
    }
  });
});
