import type { Clock } from './clock';
import type { Config } from './config';
import { checkIntegrity, openDatabase, type Db } from './db/database';
import { migrate, readMigrations } from './db/migrate';
import type { Logger } from './logger';
import { readOrganisationFile } from './organisation/organisation-file';
import { createOrganisationRepository } from './organisation/organisation-repository';
import { createFeedbackService } from './responses/feedback-service';
import { createResponseRepository } from './responses/response-repository';
import { readReturnMapping } from './reports/report-exports';
import { createReportRepository } from './reports/report-repository';
import { createReportService } from './reports/report-service';
import { loadSecretKey } from './security/secrets';
import { publishSurveys, readSurveyFiles } from './surveys/survey-catalogue';
import { createSurveyRepository } from './surveys/survey-repository';
import { migrationsDir } from './paths';
import type { AppDeps } from './app';

/**
 * Opens and prepares the database (pragmas, integrity, migrations, first-start organisation, surveys) and builds
 * the repositories and services. Shared by server.ts, the scripts and the tests, so all run the same start-up.
 */
export function bootstrap(
  config: Config,
  clock: Clock,
  logger: Logger,
  db: Db = openDatabase(config.DATABASE_PATH),
): AppDeps {
  checkIntegrity(db, 'quick');
  const applied = migrate(db, readMigrations(migrationsDir), () => clock.now());
  if (applied.length > 0) logger.info('database migrated', { applied: applied.join(',') });

  const organisation = createOrganisationRepository(db);
  if (organisation.isEmpty()) {
    organisation.seed(readOrganisationFile(config.ORGANISATION_FILE), clock.now().toISOString());
    logger.info('organisation loaded from seed file', { file: config.ORGANISATION_FILE });
  }
  const surveys = publishSurveys(
    createSurveyRepository(db),
    readSurveyFiles(config.SURVEYS_DIR),
    clock.now().toISOString(),
  );
  const secretKey = loadSecretKey(db, config.SECRET_KEY);

  const feedback = createFeedbackService({
    clock,
    secretKey,
    tokenTtlMs: config.SUBMISSION_TOKEN_TTL_HOURS * 3_600_000,
    organisation,
    surveys,
    responses: createResponseRepository(db),
  });
  // Reports (docs/reporting.md). reportRoutes and reportExportRoutes are to be mounted behind staff roles.
  const reportRepository = createReportRepository(db);
  const reports = createReportService({ reports: reportRepository, clock, trustName: config.TRUST_NAME });
  const fftReturnMapping = readReturnMapping(config.FFT_RETURN_MAPPING_FILE);

  return {
    config,
    clock,
    logger,
    db,
    secretKey,
    services: { feedback, organisation, reports, reportRepository },
    fftReturnMapping,
  };
}
