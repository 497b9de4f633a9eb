import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/db/database';
import { createResponseRepository, type NewResponse } from '../../src/responses/response-repository';

/**
 * The export benchmark's submitter (export-side.ts starts it): a thread with its own connection that stores one
 * response for each message and replies once it is committed, as the store worker does for the app's survey posts
 * (docs/decisions/0006-store-worker.md). The thread running the export only posts and waits for the reply.
 */
const { databasePath, template } = workerData as {
  databasePath: string;
  template: Pick<NewResponse, 'surveyVersionId' | 'teamId' | 'siteId' | 'directorateId' | 'communityId'>;
};
const db = openDatabase(databasePath);
const responses = createResponseRepository(db);

parentPort?.on('message', (message: { seq: number } | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort?.close();
    return;
  }
  const now = new Date();
  responses.insert({
    ...template,
    submissionToken: `bench-export-${process.pid}-${message.seq}`,
    mode: 'kiosk_tablet',
    fftCode: 1,
    respondentRole: 'service_user',
    language: 'en',
    submittedAt: now.toISOString(),
    submittedOn: now.toISOString().slice(0, 10),
    answers: [{ itemCode: 'fft', value: '1' }],
    comments: [],
  });
  parentPort?.postMessage(message.seq);
});
