import path from 'node:path';
import { londonDateOf, type Clock } from './clock';
import type { Config } from './config';
import { checkIntegrity, databaseSizeMb, openDatabase, type Db } from './db/database';
import { migrate, readMigrations } from './db/migrate';
import type { Logger } from './logger';
import { readOrganisationFile } from './organisation/organisation-file';
import { createOrganisationRepository } from './organisation/organisation-repository';
import { readReturnMapping } from './reports/report-exports';
import { createReportRepository } from './reports/report-repository';
import { createReportService } from './reports/report-service';
import { loadSecretKey } from './security/secrets';
import { firstStartOffers, publishSurveys, readSurveyFiles } from './surveys/survey-catalogue';
import { createSurveyOfferRepository } from './surveys/survey-offer-repository';
import { createSubmissionServices } from './responses/submission-services';
import { inProcessStore } from './responses/submission-store';
import { startStoreWorker } from './responses/store-worker';
import { createSurveyRepository } from './surveys/survey-repository';
import { migrationsDir, projectRoot } from './paths';
import { createPublicationService } from './pals/publication-service';
import { createComplimentService } from './pals/compliment-service';
import { createRetentionService } from './retention/retention-service';
import { createRedactor, readFirstNames } from './pals/redaction';
import { createOrganisationChanges } from './organisation/organisation-changes';
import { createStaffAccess, reportStaffAccess } from './staff/staff-access';
import type { AppDeps } from './app';
import { createCollectionPointsRepository } from './kiosk/collection-points-repository';
import { createKioskService } from './kiosk/kiosk-service';

/**
 * Opens and prepares the database (pragmas, integrity, migrations, first-start organisation, surveys) and builds
 * the repositories and services. Shared by server.ts, the scripts and the tests, so all run the same start-up.
 */
export function bootstrap(
  config: Config,
  clock: Clock,
  logger: Logger,
  db: Db = openDatabase(config.DATABASE_PATH),
  options: { storeWorker?: boolean } = {},
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
  const offers = createSurveyOfferRepository(db);
  if (offers.isEmpty()) {
    const teams = organisation.listActiveTeamsOn(londonDateOf(clock.now()));
    offers.seed(firstStartOffers(surveys.list(), teams), clock.now().toISOString());
    logger.info('survey offers seeded from survey definitions', { teams: teams.length });
  }
  const secretKey = loadSecretKey(db, config.SECRET_KEY);

  const staff = createStaffAccess(config, clock, db, secretKey);
  reportStaffAccess(staff, logger);
  const audit = staff.audit;

  const { pals, commits, feedback } = createSubmissionServices(db, {
    config,
    clock,
    logger,
    secretKey,
    audit,
    organisation,
    surveys,
    offers,
  });
  // Public survey posts: on the store worker when asked for (server.ts), else in this thread's group commits.
  const local = inProcessStore(feedback, commits);
  const submissions = options.storeWorker
    ? startStoreWorker({ config, secretKey, feedback, local, logger })
    : local;
  const redactor = createRedactor(readFirstNames(path.join(projectRoot, 'data', 'first-names.txt')));
  const publications = createPublicationService({ db, clock, audit, redactor });
  const compliments = createComplimentService({ db, clock, audit, redactor });
  const retention = createRetentionService({
    db,
    clock,
    audit,
    policy: { commentTextMonths: config.RETENTION_COMMENT_TEXT_MONTHS },
  });
  // Reports (docs/reporting.md). reportRoutes and reportExportRoutes are to be mounted behind staff roles.
  const reportRepository = createReportRepository(db);
  const reports = createReportService({ reports: reportRepository, clock, trustName: config.TRUST_NAME });
  const fftReturnMapping = readReturnMapping(config.FFT_RETURN_MAPPING_FILE);
  // Collection points and kiosks (docs/kiosks.md).
  const kiosk = createKioskService({
    clock,
    points: createCollectionPointsRepository(db),
    audit,
    silentAfterMinutes: config.KIOSK_SILENT_AFTER_MINUTES,
  });

  const organisationChanges = createOrganisationChanges(db, clock, audit, organisation);
  return {
    config,
    clock,
    logger,
    db,
    secretKey,
    services: {
      feedback,
      commits,
      submissions,
      organisation,
      organisationChanges,
      surveys,
      audit,
      staff,
      pals,
      publications,
      compliments,
      retention,
      reports,
      reportRepository,
      kiosk,
    },
    fftReturnMapping,
  };
}
