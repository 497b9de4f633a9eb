import { Router, type Request } from 'express';
import type { Clock } from '../../clock';
import { exportEquality } from '../../reports/equality-export';
import { ScopeNotFoundError, type ReportService, type ScopeLimit } from '../../reports/report-service';
import { reportQuerySchema, toFilters, type ReportQuery } from './report-schema';
import { buildEqualityViewModel } from './report-equality-view-model';
import { lastCompleteMonth, plainRegister, type RegisterRoute } from './report-routes';

export interface EqualityExportRecord {
  kind: 'equality';
  period: string;
  scope: string;
  basis: string;
  suppressed: true;
  rows: number;
}

export interface ReportEqualityRouteDeps {
  reports: ReportService;
  clock: Clock;
  /** The scopes this request's user may report on; null is the whole trust (as the dashboard). */
  scopeLimit?: (req: Request) => ScopeLimit;
  /** Whether to offer the CSV download on the page (the permission table decides who may fetch it). */
  mayExport?: (req: Request) => boolean;
  /** Called after each export completes, to record who exported what. */
  onExport?: (req: Request, record: EqualityExportRecord) => void;
  register?: RegisterRoute;
}

/**
 * GET /staff/reports/equality (FFT figures by each equality question for the dashboard's scope and period) and
 * GET /staff/reports/export/equality.csv (the same table). Every figure is suppressed, whoever asks: issue 7
 * suppresses every equality breakdown. Mount behind the staff roles.
 */
export function reportEqualityRoutes(deps: ReportEqualityRouteDeps): Router {
  const router = Router();
  const scopeLimit = deps.scopeLimit ?? (() => null);
  const mayExport = deps.mayExport ?? (() => false);
  const register = deps.register ?? plainRegister;

  /** The filters, or null once a 400 or 403 has been sent. */
  const filtersOf = (req: Request, sendError: (status: 400 | 403) => void) => {
    const parsed = reportQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      sendError(400);
      return null;
    }
    const limit = scopeLimit(req);
    if (limit !== null) {
      const scopes = deps.reports.scopes(limit);
      const first = scopes[0];
      parsed.data.scope ??= first?.code ? `${first.level}:${first.code}` : 'trust';
      const [level, code] = parsed.data.scope.split(':');
      if (!scopes.some((s) => s.level === level && s.code === (code ?? null))) {
        sendError(403);
        return null;
      }
    }
    try {
      const query: ReportQuery = parsed.data;
      const result = deps.reports.equality(toFilters(query, lastCompleteMonth(deps.clock), false));
      return { query, result };
    } catch (error) {
      if (error instanceof ScopeNotFoundError) {
        sendError(400);
        return null;
      }
      throw error;
    }
  };
  const filterQueryOf = (query: ReportQuery) =>
    new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0),
    ).toString();

  register(router, { method: 'GET', path: '/staff/reports/equality' }, (req, res) => {
    const chosen = filtersOf(req, (status) =>
      res.status(status).render('pages/reports/report-equality-error', {
        pageTitle:
          status === 403
            ? 'You cannot see this report'
            : 'Equality breakdowns: the report filters are not valid',
        forbidden: status === 403,
      }),
    );
    if (!chosen) return;
    res.render(
      'pages/reports/report-equality',
      buildEqualityViewModel({
        result: chosen.result,
        filterQuery: filterQueryOf(chosen.query),
        mayExport: mayExport(req),
      }),
    );
  });

  register(router, { method: 'GET', path: '/staff/reports/export/equality.csv' }, async (req, res) => {
    const chosen = filtersOf(req, (status) =>
      res
        .status(status)
        .type('text/plain')
        .send(
          status === 403
            ? 'You cannot export this scope.'
            : 'The report filters are not valid. Go back to the report and try again.',
        ),
    );
    if (!chosen) return;
    const { result } = chosen;
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="equality-suppressed-${result.period.fromMonth}-to-${result.period.toMonth}.csv"`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const { rows } = await exportEquality(result, res);
    deps.onExport?.(req, {
      kind: 'equality',
      period: `${result.period.fromMonth}..${result.period.toMonth}`,
      scope: result.scope.code ? `${result.scope.level}:${result.scope.code}` : result.scope.level,
      basis: result.basis,
      suppressed: true,
      rows,
    });
  });
  return router;
}
