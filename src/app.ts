import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { Clock } from './clock';
import type { Config } from './config';
import type { GroupCommit } from './db/group-commit';
import type { SubmissionStore } from './responses/submission-store';
import type { Db } from './db/database';
import type { Logger } from './logger';
import { noStore } from './middleware/cache-control';
import { csrfProtection } from './middleware/csrf';
import { errorPages, pageNotFound } from './middleware/error-pages';
import { formBody } from './middleware/form-body';
import { pageCompression } from './middleware/page-compression';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { projectRoot, publicDir } from './paths';
import type { FeedbackService } from './responses/feedback-service';
import { healthCheck } from './routes/health/health-routes';
import { homeRoutes } from './routes/home/home-routes';
import { infoRoutes } from './routes/info/info-routes';
import { posterRoutes } from './routes/posters/poster-routes';
import { surveyRoutes } from './routes/public-survey/survey-routes';
import type { LatestChanges } from './routes/public-survey/survey-controller';
import type { OrganisationChanges } from './organisation/organisation-changes';
import type { SurveyCatalogue } from './surveys/survey-catalogue';
import type { OrganisationRepository } from './organisation/organisation-repository';
import type { PalsService } from './pals/pals-service';
import type { PublicationService } from './pals/publication-service';
import type { ComplimentService } from './pals/compliment-service';
import type { RetentionService } from './retention/retention-service';
import { youSaidWeDidRoutes } from './routes/you-said-we-did/you-said-we-did-routes';
import type { ReturnMapping } from './reports/report-exports';
import type { ReportRepository } from './reports/report-repository';
import type { ReportService } from './reports/report-service';
import { registerViewEngine } from './view-engine';
import type { AuditService } from './staff/audit-service';
import type { StaffAccess } from './staff/staff-access';
import { staffSession } from './middleware/staff-session';
import { submissionRateLimit } from './middleware/rate-limit';
import { textSize } from './routes/text-size/text-size-routes';
import { staffRoutes } from './routes/staff/staff-routes';
import { palsRoutes } from './routes/pals/pals-routes';
import type { KioskService } from './kiosk/kiosk-service';
import { collectionRoutes } from './routes/collection/collection-routes';
import { kioskRoutes } from './routes/kiosk/kiosk-routes';
import { kioskAdminRoutes } from './routes/kiosk-admin/kiosk-admin-routes';
import { staffEntryRoutes } from './routes/staff-entry/staff-entry-routes';
import { organisationAdminRoutes } from './routes/organisation-admin/organisation-admin-routes';
import { reportAccessRoutes } from './routes/reports/report-access';

export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  db: Db;
  secretKey: Buffer;
  services: {
    feedback: FeedbackService;
    /** This thread's group commits (docs/decisions/0005-group-commit.md): the in-process store's, and staff entry's. */
    commits: GroupCommit;
    /** Where public survey posts are stored: the store worker, or `commits` (docs/decisions/0006-store-worker.md). */
    submissions: SubmissionStore;
    organisation: OrganisationRepository;
    /** Effective-dated moves, renames, additions and retirements of teams (empties the placed-team cache). */
    organisationChanges: OrganisationChanges;
    /** The newest published version of each survey (a new team is offered them by setting). */
    surveys: SurveyCatalogue;
    pals: PalsService;
    publications: PublicationService;
    compliments: ComplimentService;
    retention: RetentionService;
    /** The audit trail other features record into (inside their transactions). */
    audit: AuditService;
    staff: StaffAccess;
    reports: ReportService;
    reportRepository: ReportRepository;
    /** Collection points and enrolled kiosks (docs/kiosks.md). */
    kiosk: KioskService;
  };
  /** How our modes, roles and teams map to the NHS England FFT return (FFT_RETURN_MAPPING_FILE). */
  fftReturnMapping: ReturnMapping;
}

const nhsukDist = path.join(projectRoot, 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk');
/** The versioned file name, so browsers may cache it for a year and an upgrade changes the address. */
const nhsukVersion = (
  JSON.parse(
    fs.readFileSync(path.join(projectRoot, 'node_modules', 'nhsuk-frontend', 'package.json'), 'utf8'),
  ) as {
    version: string;
  }
).version;
const nhsukStylesheet = `nhsuk-frontend-${nhsukVersion}.min.css`;

/** Builds the app from its dependencies. No globals, never listens: tests build the real thing on `:memory:`. */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');
  registerViewEngine(app, { cache: config.NODE_ENV !== 'development' });
  app.locals.serviceName = config.SERVICE_NAME;
  app.locals.nhsukCss = nhsukStylesheet;

  // The security wiring, in order.
  app.use(requestContext(logger));
  app.use(securityHeaders({ https: config.COOKIE_SECURE }));
  // Pages and static CSS/JS go out compressed (gzip or brotli when asked; first survey page weight, docs/benchmarks.md).
  // Pages sent whole are gzipped in one call (pageCompression); the middleware streams the rest. A client that asks
  // for no encoding (a health probe, the bench's load client) skips the middleware and the hooks it puts on every
  // header and write; Vary still tells caches that the body depends on the header.
  app.use(pageCompression());
  const compress = compression();
  app.use((req, res, next) => {
    if (req.headers['accept-encoding']) return compress(req, res, next);
    res.vary('Accept-Encoding');
    next();
  });
  app.use(
    '/assets/nhsuk',
    express.static(nhsukDist, { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  // The NHS.UK stylesheet asks for its icons at /assets/images/ (the search input's clear button, for one).
  app.use(
    '/assets/images',
    express.static(path.join(nhsukDist, 'assets', 'images'), { index: false, maxAge: '1h' }),
  );
  app.use('/assets', express.static(publicDir, { index: false, maxAge: '1h', fallthrough: false }));
  app.get('/healthz', healthCheck(deps.db));
  app.use(formBody(config.BODY_LIMIT_KB));
  const staff = deps.services.staff;
  app.use(
    '/staff',
    staffSession({
      store: staff.sessions,
      clock: deps.clock,
      limits: staff.sessionLimits,
      secret: deps.secretKey,
      secureCookie: config.COOKIE_SECURE,
      auth: staff.auth,
    }),
  );
  app.use(
    csrfProtection({
      key: deps.secretKey,
      secureCookie: config.COOKIE_SECURE,
      // Staff forms are bound to the signed-in session: a token from before sign-in, or another session, fails.
      bind: (req) => (req.session?.staff ? req.sessionID : ''),
    }),
  );
  app.use((_req, res, next) => {
    res.locals.trustName = config.TRUST_NAME;
    res.locals.crisisLine = { name: config.CRISIS_LINE_NAME, number: config.CRISIS_LINE_NUMBER };
    next();
  });
  app.use(noStore);
  // The large-text option on survey and kiosk pages (no JavaScript needed): sets res.locals.largeText.
  const textSizeOption = textSize({ secureCookie: config.COOKIE_SECURE });
  app.use(textSizeOption.locals);
  app.post('/text-size', textSizeOption.change);

  // The survey, collection-point and kiosk routes first: they take nearly all the traffic, and every router ahead of
  // them is one more set of path matches per request. No two of these routers share a path.
  app.use(
    submissionRateLimit({
      clock: deps.clock,
      limit: config.SUBMIT_RATE_LIMIT,
      windowMs: config.SUBMIT_RATE_WINDOW_MINUTES * 60_000,
      under: ['/t'],
    }),
  );
  // The thank-you pages show the team's latest public "You said, we did" entries (docs/pals.md).
  const latestChanges: LatestChanges = (team) => deps.services.publications.latestForTeam(team);
  const store = deps.services.submissions;
  app.use(surveyRoutes(deps.services.feedback, { secureCookie: config.COOKIE_SECURE, store, latestChanges }));
  // Collection points (/q/<team>, /c/<point>) and enrolled kiosks (/kiosk): docs/kiosks.md.
  app.use(
    submissionRateLimit({
      clock: deps.clock,
      limit: config.SUBMIT_RATE_LIMIT,
      windowMs: config.SUBMIT_RATE_WINDOW_MINUTES * 60_000,
      under: ['/q', '/c', '/kiosk'],
      // A kiosk's heartbeat and its privacy reset store nothing new; a reset must never be refused.
      notCounted: ['/kiosk/heartbeat', '/kiosk/reset'],
    }),
  );
  app.use(collectionRoutes(deps.services.feedback, deps.services.kiosk, config, { store, latestChanges }));
  app.use(kioskRoutes(deps.services.feedback, deps.services.kiosk, config, { store, latestChanges }));
  app.use(homeRoutes(deps.services.organisation, deps.clock));
  app.use(infoRoutes());
  app.use(
    youSaidWeDidRoutes(deps.services.publications, deps.services.feedback, {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      serviceName: config.SERVICE_NAME,
    }),
  );
  app.use(
    posterRoutes(deps.services.feedback, {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      serviceName: config.SERVICE_NAME,
      points: deps.services.kiosk,
    }),
  );
  app.use(staffRoutes(deps));
  app.use(palsRoutes(deps));
  app.use(kioskAdminRoutes(deps));
  app.use(staffEntryRoutes(deps));
  app.use(organisationAdminRoutes(deps));
  app.use(reportAccessRoutes(deps));

  app.use(pageNotFound);
  app.use(errorPages(logger, config.NODE_ENV === 'development'));
  return app;
}
