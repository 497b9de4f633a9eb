import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../clock';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { createOrganisationRepository } from '../organisation/organisation-repository';
import { createAuditService } from '../staff/audit-service';
import { readSurveyCatalogue } from '../surveys/survey-catalogue';
import { createSurveyOfferRepository } from '../surveys/survey-offer-repository';
import { createSurveyRepository } from '../surveys/survey-repository';
import { createSubmissionServices } from './submission-services';
import { inProcessStore, serveStore, type StorePort } from './submission-store';

/**
 * The store worker's thread (src/responses/store-worker.ts starts it): its own connection to the database the main
 * thread has already opened, migrated and seeded, the same submission services, and the requests the main thread
 * posts. It writes; it never migrates or publishes.
 */
const { config, secretKey } = workerData as { config: Config; secretKey: Uint8Array };
const port = parentPort as unknown as StorePort & { close(): void };
const db = openDatabase(config.DATABASE_PATH);
const clock = systemClock;
const surveys = readSurveyCatalogue(createSurveyRepository(db));
const { feedback, commits } = createSubmissionServices(db, {
  config,
  clock,
  logger: createLogger(config.LOG_LEVEL),
  secretKey: Buffer.from(secretKey),
  audit: createAuditService(db, clock),
  organisation: createOrganisationRepository(db),
  surveys,
  offers: createSurveyOfferRepository(db),
});
const served = serveStore(port, { store: inProcessStore(feedback, commits), surveys });

port.on('message', (message) => {
  if ((message as { op?: unknown }).op !== 'close') return;
  void served.idle().then(() => {
    db.close();
    port.close();
  });
});
