import { Router, type Request, type RequestHandler } from 'express';
import { HttpError } from '../../middleware/http-errors';
import { londonDateOf, type Clock } from '../../clock';
import { addMonths } from '../../reports/report-period';
import { ScopeNotFoundError, type ReportService, type ScopeLimit } from '../../reports/report-service';
import { reportQuerySchema, toFilters, type ReportQuery } from './report-schema';
import { buildReportViewModel } from './report-view-model';

export interface ReportRouteDeps {
  reports: ReportService;
  clock: Clock;
  /**
   * Whether this request's user may see unsuppressed figures (quality leads). Defaults to never: until staff
   * roles are mounted, every figure is suppressed as for a viewer.
   */
  mayUnsuppress?: (req: Request) => boolean;
  /**
   * The scopes this request's user may report on (a scoped viewer); null is the whole trust. A request for a
   * scope outside it gets 403; with no scope chosen, the first allowed scope is shown.
   */
  scopeLimit?: (req: Request) => ScopeLimit;
  /** How to register a route: the app passes `staffRoute` (roles from the permission table). */
  register?: RegisterRoute;
}

export type RegisterRoute = (
  router: Router,
  route: { method: 'GET'; path: string },
  ...handlers: RequestHandler[]
) => void;

export const plainRegister: RegisterRoute = (router, route, ...handlers) => {
  router.get(route.path, ...handlers);
};

/** The month before the current London month: the default report is the last complete month. */
export function lastCompleteMonth(clock: Clock): string {
  return addMonths(londonDateOf(clock.now()).slice(0, 7), -1);
}

/** GET /staff/reports: the dashboard for a period and scope. Mount it behind the staff roles. */
export function reportRoutes(deps: ReportRouteDeps): Router {
  const router = Router();
  const mayUnsuppress = deps.mayUnsuppress ?? (() => false);
  const scopeLimit = deps.scopeLimit ?? (() => null);
  const register = deps.register ?? plainRegister;

  register(router, { method: 'GET', path: '/staff/reports' }, (req, res, next) => {
    const allowed = mayUnsuppress(req);
    const limit = scopeLimit(req);
    const scopes = deps.reports.scopes(limit);
    const defaults = { month: lastCompleteMonth(deps.clock) };
    const parsed = reportQuerySchema.safeParse(req.query);
    if (parsed.success && limit !== null) {
      const first = scopes[0];
      if (!first) return next(new HttpError(403, 'errors/no-access', 'no scope to report on'));
      parsed.data.scope ??= first.code ? `${first.level}:${first.code}` : 'trust';
      const [level, code] = parsed.data.scope.split(':');
      if (!scopes.some((s) => s.level === level && s.code === (code ?? null)))
        return next(new HttpError(403, 'errors/no-access', 'scope not allowed'));
    }
    const render = (status: number, query: ReportQuery, errors: { field: string; message: string }[]) => {
      const result =
        errors.length > 0 ? null : deps.reports.report(toFilters(query, defaults.month, allowed));
      res
        .status(status)
        .render(
          'pages/reports/report-dashboard',
          buildReportViewModel({ query, defaults, scopes, mayUnsuppress: allowed, errors, result }),
        );
    };

    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'period'),
        message: issue.message,
      }));
      // Keep what the user chose where it was a single string, so the form shows it again.
      const kept = Object.fromEntries(
        Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v.length <= 60),
      ) as ReportQuery;
      return render(400, kept, errors);
    }
    try {
      render(200, parsed.data, []);
    } catch (error) {
      if (error instanceof ScopeNotFoundError) {
        return render(400, { ...parsed.data, scope: undefined }, [
          { field: 'scope', message: 'Select what to report on from the list' },
        ]);
      }
      throw error;
    }
  });
  return router;
}
