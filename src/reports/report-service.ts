import type { Clock } from '../clock';
import { londonDateOf } from '../clock';
import {
  countKey,
  emptyCounts,
  fftFigures,
  roundedPercentage,
  type FftCounts,
  type Percentage,
} from '../fft/fft-percentages';
import type { FftCode } from '../fft/fft-question';
import { publishTree, type CountsNode, type PublishedRow } from '../fft/fft-suppression';
import { collectionModes, type CollectionMode } from '../responses/submission-token';
import { pChart, type PChart } from './p-chart';
import { addMonths, monthsBetween, previousPeriod, type Period } from './report-period';
import type {
  NamedUnit,
  ReportRepository,
  ScopeLevel,
  StructureBasis,
  SummaryCell,
  PlaceCell,
  DetailCell,
  SummaryRole,
} from './report-repository';

export type Grouping = 'directorate' | 'community';

export interface ReportRequest {
  period: Period;
  scope: { level: ScopeLevel; code: string | null };
  basis: StructureBasis;
  /** The middle level of the table when the scope is the trust (otherwise implied by the scope). */
  grouping: Grouping;
  /** Apply NHS England small-number suppression (viewers, publication). */
  suppress: boolean;
}

export const roleGroups = [
  { group: 'service_users', label: 'Service users', roles: ['service_user', 'helped_by_other'] },
  { group: 'carers', label: 'Carers', roles: ['carer_on_behalf', 'carer_own_experience'] },
  { group: 'not_stated', label: 'Role not stated', roles: ['not_stated'] },
] as const satisfies readonly { group: string; label: string; roles: readonly SummaryRole[] }[];

export const modeLabels: Record<CollectionMode, string> = {
  kiosk_tablet: 'Kiosk or tablet',
  online_qr: 'Online (QR code)',
  online_link: 'Online (link)',
  paper: 'Paper',
  telephone: 'Telephone',
  sms: 'Text message (SMS)',
  other: 'Other',
};

export const basisLabels: Record<StructureBasis, string> = {
  as_recorded: 'Structure as recorded when each response was given',
  current: 'Current structure (teams counted where they are today)',
};

/** A breakdown row with both periods; figures are published (suppressed or not) per the request. */
export interface ComparedRow {
  key: string;
  label: string;
  current: PublishedRow;
  previous: PublishedRow;
}

export interface TrendPoint {
  month: string;
  total: number;
  positive: number;
  percentPositive: Percentage | '*';
  signal: PChart['points'][number]['signal'];
  lowerLimit: number | null;
  upperLimit: number | null;
}

export interface AgreementFigure {
  itemCode: string;
  agree: number;
  /** All answers but "Does not apply". */
  counted: number;
  notApplicable: number;
  percentAgree: Percentage | '*';
}

export interface ReportResult {
  period: Period;
  previousPeriod: Period;
  basis: StructureBasis;
  basisLabel: string;
  scope: { level: ScopeLevel; code: string | null; name: string };
  suppressed: boolean;
  /** The scope row, this period and last. */
  headline: { current: PublishedRow; previous: PublishedRow };
  byRole: ComparedRow[];
  /** Service users and carers together (every response with a stated role). */
  combined: ComparedRow;
  byMode: ComparedRow[];
  /** The scope and everything below it, suppression applied in the context of the whole trust. */
  table: PublishedRow;
  trend: { centreLine: number | null; points: TrendPoint[] };
  agreement: AgreementFigure[];
}

/**
 * What a scoped user may report on: null is the whole trust; otherwise directorates (with their teams, placed by
 * the current structure) and single teams. Set from a viewer's role scopes (user_roles.directorate_id, team_id).
 */
export type ScopeLimit = { directorateIds: readonly number[]; teamIds: readonly number[] } | null;

export interface ReportScope {
  level: ScopeLevel;
  code: string | null;
  name: string;
}

export class ScopeNotFoundError extends Error {
  constructor(level: ScopeLevel, code: string | null) {
    super(`No ${level} with code ${code ?? ''}`);
    this.name = 'ScopeNotFoundError';
  }
}

/** How many months the trend shows at least (13: the same month last year is visible). */
export const TREND_MONTHS = 13;

const levelIdKey = {
  community: 'communityId',
  directorate: 'directorateId',
  site: 'siteId',
  team: 'teamId',
} as const satisfies Record<Exclude<ScopeLevel, 'trust'>, keyof SummaryCell>;

const countsOf = (cells: readonly { fftCode: number; responses: number }[]): FftCounts => {
  const counts = emptyCounts();
  for (const cell of cells) counts[countKey(cell.fftCode as FftCode)] += cell.responses;
  return counts;
};

export interface Names {
  byLevel: Record<Exclude<ScopeLevel, 'trust'>, Map<number, NamedUnit>>;
  trustName: string;
}

/** Builds trust -> grouping -> site -> team from cells; every node's counts are summed from its cells. */
export function buildTree(cells: PlaceCell[], grouping: Grouping, names: Names): CountsNode {
  const levels = [grouping, 'site', 'team'] as const;
  const build = (subset: PlaceCell[], depth: number, keyPrefix: string): CountsNode[] => {
    const level = levels[depth];
    if (!level) return [];
    const byId = new Map<number, PlaceCell[]>();
    for (const cell of subset) {
      const id = cell[levelIdKey[level]];
      const group = byId.get(id);
      if (group) group.push(cell);
      else byId.set(id, [cell]);
    }
    return [...byId.entries()]
      .map(([id, group]) => {
        const key = `${keyPrefix}/${level}:${id}`;
        return {
          key,
          name: names.byLevel[level].get(id)?.name ?? `Unknown ${level} ${id}`,
          counts: countsOf(group),
          children: build(group, depth + 1, key),
        };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  return { key: 'trust', name: names.trustName, counts: countsOf(cells), children: build(cells, 0, 'trust') };
}

function findNode(row: PublishedRow, level: ScopeLevel, id: number | null): PublishedRow | undefined {
  if (level === 'trust') return row;
  if (row.key.endsWith(`/${level}:${String(id)}`)) return row;
  for (const child of row.children) {
    const found = findNode(child, level, id);
    if (found) return found;
  }
  return undefined;
}

export function createReportService(deps: { reports: ReportRepository; clock: Clock; trustName: string }) {
  const { reports, clock } = deps;

  const loadNames = (on: string): Names => {
    const all = reports.names(on);
    const index = (units: NamedUnit[]) => new Map(units.map((u) => [u.id, u]));
    return {
      trustName: deps.trustName,
      byLevel: {
        community: index(all.community),
        directorate: index(all.directorate),
        site: index(all.site),
        team: index(all.team),
      },
    };
  };

  /** A flat sibling set under the scope, suppressed together (modes, roles). */
  const publishSiblings = (
    scopeCounts: FftCounts,
    rows: { key: string; label: string; counts: FftCounts }[],
    suppress: boolean,
  ): PublishedRow[] =>
    publishTree(
      {
        key: 'scope',
        name: 'scope',
        counts: scopeCounts,
        children: rows.map((r) => ({ key: r.key, name: r.label, counts: r.counts, children: [] })),
      },
      { suppress },
    ).children;

  /** Every scope a report can be run for, trust first, then each level's units by name. */
  const scopes = (limit: ScopeLimit = null): ReportScope[] => {
    const today = londonDateOf(clock.now());
    const names = loadNames(today);
    const levels = ['community', 'directorate', 'site', 'team'] as const;
    const all: ReportScope[] = [
      { level: 'trust' as const, code: null, name: names.trustName },
      ...levels.flatMap((level) =>
        [...names.byLevel[level].values()].map((u) => ({ level, code: u.code, name: u.name })),
      ),
    ];
    if (limit === null) return all;
    const directorateOf = new Map(reports.teamPlacements(today).map((p) => [p.teamId, p.directorateId]));
    const idOf = (scope: ReportScope) =>
      scope.level === 'trust'
        ? undefined
        : [...names.byLevel[scope.level].values()].find((u) => u.code === scope.code)?.id;
    return all.filter((scope) => {
      const id = idOf(scope);
      if (id === undefined) return false;
      if (scope.level === 'directorate') return limit.directorateIds.includes(id);
      if (scope.level === 'team')
        return limit.teamIds.includes(id) || limit.directorateIds.includes(directorateOf.get(id) ?? -1);
      return false;
    });
  };

  return {
    scopes,

    /** Whether a scope (level and code) is one of those a limit allows. */
    allows(limit: ScopeLimit, scope: { level: ScopeLevel; code: string | null }): boolean {
      if (limit === null) return true;
      return scopes(limit).some((s) => s.level === scope.level && s.code === scope.code);
    },

    /** The figures for a scope and period with the previous period alongside, per the request. */
    report(request: ReportRequest): ReportResult {
      const today = londonDateOf(clock.now());
      const names = loadNames(today);
      const level = request.scope.level;
      let scopeId: number | null = null;
      let scopeName = names.trustName;
      if (level !== 'trust') {
        const unit = [...names.byLevel[level].values()].find((u) => u.code === request.scope.code);
        if (!unit) throw new ScopeNotFoundError(level, request.scope.code);
        scopeId = unit.id;
        scopeName = unit.name;
      }
      const grouping: Grouping = level === 'community' || level === 'directorate' ? level : request.grouping;
      const previous = previousPeriod(request.period);
      const trendFrom = [
        addMonths(request.period.toMonth, -(TREND_MONTHS - 1)),
        request.period.fromMonth,
      ].sort()[0] as string;

      const allCells = reports.placeCells({
        basis: request.basis,
        on: today,
        fromMonth: [trendFrom, previous.fromMonth].sort()[0] as string,
        toMonth: request.period.toMonth,
        level: 'trust',
        id: null,
      });
      const details = reports.detailCells({
        basis: request.basis,
        on: today,
        fromMonth: previous.fromMonth,
        toMonth: request.period.toMonth,
        level,
        id: scopeId,
      });
      const inScope = (cell: PlaceCell) => level === 'trust' || cell[levelIdKey[level]] === scopeId;
      const inPeriod =
        (p: Period) =>
        (cell: { month: string }): boolean =>
          cell.month >= p.fromMonth && cell.month <= p.toMonth;

      const publishPeriod = (p: Period) => {
        const tree = publishTree(buildTree(allCells.filter(inPeriod(p)), grouping, names), {
          suppress: request.suppress,
        });
        const emptyRow = publishTree(
          { key: 'empty', name: scopeName, counts: emptyCounts(), children: [] },
          { suppress: false },
        );
        return findNode(tree, level, scopeId) ?? { ...emptyRow, name: scopeName };
      };
      const currentTable = publishPeriod(request.period);
      const previousTable = publishPeriod(previous);

      const scoped = allCells.filter(inScope);
      const now = details.filter(inPeriod(request.period));
      const before = details.filter(inPeriod(previous));

      const compare = (
        defs: { key: string; label: string; match: (c: DetailCell) => boolean }[],
      ): ComparedRow[] => {
        const current = publishSiblings(
          countsOf(now),
          defs.map((d) => ({ key: d.key, label: d.label, counts: countsOf(now.filter(d.match)) })),
          request.suppress,
        );
        const prior = publishSiblings(
          countsOf(before),
          defs.map((d) => ({ key: d.key, label: d.label, counts: countsOf(before.filter(d.match)) })),
          request.suppress,
        );
        return defs.map((d, i) => ({
          key: d.key,
          label: d.label,
          current: current[i]!,
          previous: prior[i]!,
        }));
      };

      const byRole = compare(
        roleGroups.map((g) => ({
          key: g.group,
          label: g.label,
          match: (c) => (g.roles as readonly SummaryRole[]).includes(c.role),
        })),
      );
      const [combined] = compare([
        { key: 'combined', label: 'Service users and carers', match: (c) => c.role !== 'not_stated' },
      ]);
      const byMode = compare(
        collectionModes.map((mode) => ({
          key: mode,
          label: modeLabels[mode],
          match: (c) => c.mode === mode,
        })),
      );

      const trendMonths = monthsBetween(trendFrom, request.period.toMonth);
      const chart = pChart(
        trendMonths.map((month) => {
          const figures = fftFigures(countsOf(scoped.filter((c) => c.month === month)));
          return { month, positive: figures.positive, total: figures.total };
        }),
      );
      const trendPoints: TrendPoint[] = chart.points.map((p) => ({
        month: p.month,
        total: p.total,
        positive: p.positive,
        percentPositive: request.suppress && p.total >= 1 && p.total <= 4 ? '*' : p.percentPositive,
        signal: p.signal,
        lowerLimit: p.lowerLimit,
        upperLimit: p.upperLimit,
      }));

      return {
        period: request.period,
        previousPeriod: previous,
        basis: request.basis,
        basisLabel: basisLabels[request.basis],
        scope: { level, code: request.scope.code, name: scopeName },
        suppressed: request.suppress,
        headline: { current: currentTable, previous: previousTable },
        byRole,
        combined: combined!,
        byMode,
        table: currentTable,
        trend: { centreLine: chart.centreLine, points: trendPoints },
        agreement: agreementFigures(
          reports.agreement({
            basis: request.basis,
            on: today,
            fromMonth: request.period.fromMonth,
            toMonth: request.period.toMonth,
            level,
            id: scopeId,
          }),
          request.suppress,
        ),
      };
    },
  };
}

/** % agree = (strongly agree + agree) / every answer except "Does not apply"; per item code. */
export function agreementFigures(
  rows: { itemCode: string; value: string; n: number }[],
  suppress: boolean,
): AgreementFigure[] {
  const byItem = new Map<string, AgreementFigure>();
  for (const row of rows) {
    const figure = byItem.get(row.itemCode) ?? {
      itemCode: row.itemCode,
      agree: 0,
      counted: 0,
      notApplicable: 0,
      percentAgree: 'NA',
    };
    if (row.value === 'not_applicable') figure.notApplicable += row.n;
    else figure.counted += row.n;
    if (row.value === 'strongly_agree' || row.value === 'agree') figure.agree += row.n;
    byItem.set(row.itemCode, figure);
  }
  return [...byItem.values()]
    .sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1))
    .map((f) => ({
      ...f,
      percentAgree:
        suppress && f.counted >= 1 && f.counted <= 4 ? '*' : roundedPercentage(f.agree, f.counted),
    }));
}

export type ReportService = ReturnType<typeof createReportService>;
