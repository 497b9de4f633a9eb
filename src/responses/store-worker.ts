import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { FeedbackService } from './feedback-service';
import { createStoreClient, type SubmissionStore } from './submission-store';

/** How long close() waits for the worker to finish and exit before stopping it. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the store worker: a thread with its own connection that stores survey posts in its own group commits,
 * so the main thread keeps serving pages while a group is written and flushed (docs/decisions/0006-store-worker.md).
 *
 * If the worker fails (it cannot open the database, or throws outside a post), the error is logged and every post
 * from then on is stored on the main thread by `local`, the ones waiting included: nothing is lost, only speed.
 */
export function startStoreWorker(options: {
  config: Config;
  secretKey: Buffer;
  feedback: FeedbackService;
  local: SubmissionStore;
  logger: Logger;
}): SubmissionStore {
  const { config, logger } = options;
  const worker = new Worker(path.join(__dirname, 'store-thread.js'), {
    workerData: { config, secretKey: options.secretKey },
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let closing = false;
  let failure = '';

  const client = createStoreClient(worker, {
    feedback: options.feedback,
    local: options.local,
    close: async () => {
      closing = true;
      worker.postMessage({ op: 'close' });
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  });
  worker.on('error', (error) => {
    failure = error.message;
  });
  void exited.then((code) => {
    if (closing) return;
    logger.error('store worker stopped: survey posts are stored on the main thread from now on', {
      code,
      detail: failure,
    });
    client.portFailed();
  });
  return client;
}
