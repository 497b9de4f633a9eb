import type { AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { createGroupCommit } from '../db/group-commit';
import type { Logger } from '../logger';
import type { OrganisationRepository } from '../organisation/organisation-repository';
import { createPalsRepository } from '../pals/pals-repository';
import { createPalsService, logNotifier } from '../pals/pals-service';
import { createRiskDetector, readRiskPhraseFile } from '../pals/risk-detector';
import type { SurveyCatalogue } from '../surveys/survey-catalogue';
import type { SurveyOfferRepository } from '../surveys/survey-offer-repository';
import { createDraftRepository } from './draft-repository';
import { createFeedbackService } from './feedback-service';
import { createResponseRepository } from './response-repository';

export interface SubmissionServiceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  audit: AuditSink;
  organisation: OrganisationRepository;
  surveys: SurveyCatalogue;
  offers: SurveyOfferRepository;
}

/**
 * What storing a survey post takes, on one connection: the feedback service, the group commits its posts go into,
 * and PALS intake in the same transaction as each response. Built by bootstrap on the main connection and by the
 * store worker on its own (src/responses/store-worker.ts), so both store a response the same way.
 */
export function createSubmissionServices(db: Db, deps: SubmissionServiceDeps) {
  const { config, clock, logger } = deps;
  const pals = createPalsService({
    db,
    clock,
    repository: createPalsRepository(db),
    detector: createRiskDetector(readRiskPhraseFile(config.RISK_PHRASES_FILE)),
    audit: deps.audit,
    notifier: logNotifier((msg, fields) => logger.warn(msg, fields)),
    flagLink: (flagId) => new URL(`/staff/pals/flags/${flagId}`, config.PUBLIC_BASE_URL).toString(),
  });
  // A comment's review row and risk flags are written in the same transaction as the response; notifications go
  // out once it has committed, and not at all if it was undone.
  const commits = createGroupCommit(db);
  const responses = createResponseRepository(db, {
    count: (upsert, key) => commits.count(upsert, key),
    onStored: (responseId) => {
      const raised = pals.intake(responseId);
      if (raised.length > 0) commits.afterCommit(() => pals.notify(raised));
    },
  });
  const feedback = createFeedbackService({
    clock,
    secretKey: deps.secretKey,
    tokenTtlMs: config.SUBMISSION_TOKEN_TTL_HOURS * 3_600_000,
    draftTtlMs: config.DRAFT_TTL_MINUTES * 60_000,
    organisation: deps.organisation,
    surveys: deps.surveys,
    offers: deps.offers,
    drafts: createDraftRepository(db),
    responses,
  });
  return { pals, commits, feedback };
}
