import { Router, type Request } from 'express';
import type { AppDeps } from '../../app';
import type { ScopeLimit } from '../../reports/report-service';
import { signedInStaff, staffRoute, type SignedInStaff, auditActorOf } from '../../staff/permissions';
import type { Role } from '../../staff/roles';
import { reportEqualityRoutes } from './report-equality-routes';
import { reportExportRoutes } from './report-export-routes';
import { reportRoutes } from './report-routes';

const userOf = (req: Request): SignedInStaff | undefined => (req.res ? signedInStaff(req.res) : undefined);
const holds = (user: SignedInStaff | undefined, role: Role) => !!user?.roles.some((g) => g.role === role);

/**
 * What a user may report on. Quality leads, and viewers granted without a scope, see the whole trust (null).
 * A viewer scoped to directorates or teams sees only those (a directorate includes the teams placed in it today).
 */
export function scopeLimitOf(user: SignedInStaff | undefined): ScopeLimit {
  if (!user) return { directorateIds: [], teamIds: [] };
  if (holds(user, 'quality')) return null;
  const grants = user.roles.filter((g) => g.role === 'viewer');
  if (grants.some((g) => g.directorateId === null && g.teamId === null)) return null;
  return {
    directorateIds: grants.flatMap((g) =>
      g.teamId === null && g.directorateId !== null ? [g.directorateId] : [],
    ),
    teamIds: grants.flatMap((g) => (g.teamId !== null ? [g.teamId] : [])),
  };
}

/**
 * The dashboard and the CSV exports, behind the roles of the permission table (docs/reporting.md, "Who sees
 * what"): quality and viewer see the dashboard; viewers always suppressed and limited to their scope (403
 * outside it); quality may unsuppress, export, and export free text only when they also hold pals. Every
 * export is audited with its filters and row count, never its content.
 */
export function reportAccessRoutes(deps: AppDeps): Router {
  const router = Router();
  const mayUnsuppress = (req: Request) => holds(userOf(req), 'quality');
  /** Every export is audited with its filters and row count, never its content. */
  const auditExport = (req: Request, record: { kind: string }) => {
    const user = userOf(req);
    deps.services.audit.record({
      actor: user ? auditActorOf(user) : null,
      action: 'report.exported',
      objectType: 'report_export',
      objectId: record.kind,
      details: { ...record },
    });
  };
  router.use(
    reportRoutes({
      reports: deps.services.reports,
      clock: deps.clock,
      mayUnsuppress,
      scopeLimit: (req) => scopeLimitOf(userOf(req)),
      register: staffRoute,
    }),
  );
  router.use(
    reportEqualityRoutes({
      reports: deps.services.reports,
      clock: deps.clock,
      scopeLimit: (req) => scopeLimitOf(userOf(req)),
      mayExport: (req) => holds(userOf(req), 'quality'),
      onExport: auditExport,
      register: staffRoute,
    }),
  );
  router.use(
    reportExportRoutes({
      reports: deps.services.reports,
      reportRepository: deps.services.reportRepository,
      clock: deps.clock,
      // The file the app actually opened (tests pass their own path; `:memory:` reads on the app connection).
      databasePath: deps.db.name,
      memoryDatabase: deps.db,
      orgCode: deps.config.TRUST_ODS_CODE,
      returnMapping: deps.fftReturnMapping,
      mayUnsuppress,
      mayReadFreeText: (req) => holds(userOf(req), 'quality') && holds(userOf(req), 'pals'),
      onExport: auditExport,
      register: staffRoute,
    }),
  );
  return router;
}
