import { Router, type Request, type Response } from 'express';
import type { Db } from '../../db/database';
import { londonDateOf, type Clock } from '../../clock';
import {
  exportAggregates,
  exportFftReturn,
  exportResponses,
  type ReturnMapping,
} from '../../reports/report-exports';
import type { ReportRepository, ScopeLevel } from '../../reports/report-repository';
import { ScopeNotFoundError, type ReportService } from '../../reports/report-service';
import { reportQuerySchema, toFilters } from './report-schema';
import { lastCompleteMonth, plainRegister, type RegisterRoute } from './report-routes';

export type ExportKind = 'responses' | 'aggregates' | 'fft_return';

/** What an export contained, for the audit log: ids and labels only, never content. */
export interface ExportRecord {
  kind: ExportKind;
  period: string;
  scope: string;
  basis: string;
  suppressed: boolean;
  freeText: boolean;
  rows: number;
}

export interface ReportExportRouteDeps {
  reports: ReportService;
  reportRepository: ReportRepository;
  clock: Clock;
  databasePath: string;
  /** The app's connection, read only when databasePath is `:memory:` (tests). */
  memoryDatabase?: Db;
  orgCode: string;
  returnMapping: ReturnMapping;
  /** Quality leads may export unsuppressed aggregates (labelled). Default: never. */
  mayUnsuppress?: (req: Request) => boolean;
  /** Only PALS may export free text. Default: never. */
  mayReadFreeText?: (req: Request) => boolean;
  /** Called after each export completes, to record who exported what. */
  onExport?: (req: Request, record: ExportRecord) => void;
  /** How to register a route: the app passes `staffRoute` (roles from the permission table). */
  register?: RegisterRoute;
}

function sendCsvHeaders(res: Response, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * GET /staff/reports/export/responses.csv, /aggregates.csv and /fft-return.csv, with the dashboard's filters.
 * Mount behind the staff roles; a bad filter gets a plain 400.
 */
export function reportExportRoutes(deps: ReportExportRouteDeps): Router {
  const router = Router();
  const mayUnsuppress = deps.mayUnsuppress ?? (() => false);
  const mayReadFreeText = deps.mayReadFreeText ?? (() => false);
  const register = deps.register ?? plainRegister;

  const filtersOf = (req: Request, res: Response) => {
    const parsed = reportQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      res
        .status(400)
        .type('text/plain')
        .send('The report filters are not valid. Go back to the report and try again.');
      return null;
    }
    return toFilters(parsed.data, lastCompleteMonth(deps.clock), mayUnsuppress(req));
  };
  const scopeId = (level: ScopeLevel, code: string | null): number | null | undefined => {
    if (level === 'trust') return null;
    const names = deps.reportRepository.names(londonDateOf(deps.clock.now()));
    return names[level].find((u) => u.code === code)?.id;
  };
  const describe = (f: NonNullable<ReturnType<typeof filtersOf>>) => ({
    period: `${f.period.fromMonth}..${f.period.toMonth}`,
    scope: f.scope.code ? `${f.scope.level}:${f.scope.code}` : f.scope.level,
    basis: f.basis,
  });

  register(router, { method: 'GET', path: '/staff/reports/export/responses.csv' }, async (req, res) => {
    const filters = filtersOf(req, res);
    if (!filters) return;
    const id = scopeId(filters.scope.level, filters.scope.code);
    if (id === undefined) return void res.status(400).type('text/plain').send('Unknown scope.');
    const freeText = mayReadFreeText(req);
    sendCsvHeaders(res, `responses-${filters.period.fromMonth}-to-${filters.period.toMonth}.csv`);
    const { rows } = await exportResponses({
      databasePath: deps.databasePath,
      ...(deps.memoryDatabase ? { memoryDatabase: deps.memoryDatabase } : {}),
      out: res,
      fromDay: `${filters.period.fromMonth}-01`,
      toDay: `${filters.period.toMonth}-31`,
      scope: { level: filters.scope.level, id },
      includeFreeText: freeText,
    });
    deps.onExport?.(req, {
      kind: 'responses',
      ...describe(filters),
      basis: 'as_recorded',
      suppressed: false,
      freeText,
      rows,
    });
  });

  register(router, { method: 'GET', path: '/staff/reports/export/aggregates.csv' }, async (req, res) => {
    const filters = filtersOf(req, res);
    if (!filters) return;
    let result;
    try {
      result = deps.reports.report(filters);
    } catch (error) {
      if (error instanceof ScopeNotFoundError)
        return void res.status(400).type('text/plain').send('Unknown scope.');
      throw error;
    }
    sendCsvHeaders(
      res,
      `fft-${filters.suppress ? 'suppressed' : 'unsuppressed'}-${filters.period.fromMonth}-to-${filters.period.toMonth}.csv`,
    );
    const { rows } = await exportAggregates(result, res);
    deps.onExport?.(req, {
      kind: 'aggregates',
      ...describe(filters),
      suppressed: filters.suppress,
      freeText: false,
      rows,
    });
  });

  register(router, { method: 'GET', path: '/staff/reports/export/fft-return.csv' }, async (req, res) => {
    const filters = filtersOf(req, res);
    if (!filters) return;
    const month = filters.period.toMonth;
    sendCsvHeaders(res, `fft-return-${deps.orgCode}-${month}.csv`);
    const { rows } = await exportFftReturn(deps.reportRepository, month, deps.returnMapping, {
      orgCode: deps.orgCode,
      today: londonDateOf(deps.clock.now()),
      out: res,
    });
    deps.onExport?.(req, {
      kind: 'fft_return',
      period: month,
      scope: 'trust',
      basis: 'as_recorded',
      suppressed: false,
      freeText: false,
      rows,
    });
  });
  return router;
}
