import type { Clock } from './clock';
import type { Config } from './config';
import { checkIntegrity, databaseSizeMb, openDatabase, type Db } from './db/database';
import { migrate, readMigrations } from './db/migrate';
import type { Logger } from './logger';
import { readOrganisationFile } from './organisation/organisation-file';
import { createOrganisationRepository } from './organisation/organisation-repository';
import { createFeedbackService } from './responses/feedback-service';
import { createResponseRepository } from './responses/response-repository';
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
  // quick_check reads every page (seconds on a large database): above the limit, start-up checks the structure only
  // and the backups run the full integrity_check (docs/reliability.md).
  const sizeMb = databaseSizeMb(db);
  const startupCheck = sizeMb <= config.STARTUP_QUICK_CHECK_MAX_MB ? 'quick' : 'structure';
  checkIntegrity(db, startupCheck);
  if (startupCheck === 'structure')
    logger.info('start-up integrity check: structure only', { sizeMb: Math.round(sizeMb) });
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
  return { config, clock, logger, db, secretKey, services: { feedback, organisation } };
}
