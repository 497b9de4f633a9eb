import type { Clock } from '../clock';
import { londonDateOf } from '../clock';
import {
  countKey,
  emptyCounts,
  fftFigures,
  roundedPercentage,
  sumCounts,
  type FftCounts,
  type Percentage,
} from '../fft/fft-percentages';
import type { FftCode } from '../fft/fft-question';
import {
  publishTree,
  rankSiblings,
  type CountsNode,
  type PublishedRow,
  type Shown,
} from '../fft/fft-suppression';
import {
  EQUALITY_PREFIX,
  EQUALITY_QUESTIONS,
  equalityQuestionNames,
  type EqualityQuestionName,
} from '../surveys/equality-monitoring';
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
  BreakdownCell,
  SummaryRole,
  ThemeCount,
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
  /** The themes PALS gave most comments in this period (top 5), with the same themes' counts last period. */
  themes: ThemeRow[];
}

export interface ThemeRow {
  code: string;
  label: string;
  current: Shown;
  previous: Shown;
}

/** How many themes the dashboard lists. */
export const TOP_THEMES = 5;

export interface EqualityQuestionFigures {
  name: EqualityQuestionName;
  label: string;
  /** Everyone who answered the question (the parent of the categories), then one row per answer. */
  answered: PublishedRow;
  rows: PublishedRow[];
}

export interface EqualityResult {
  period: Period;
  basis: StructureBasis;
  basisLabel: string;
  scope: { level: ScopeLevel; code: string | null; name: string };
  /** Always true: every equality breakdown is suppressed (issue 7). */
  suppressed: true;
  questions: EqualityQuestionFigures[];
}

/** Short names for the equality questions in reports (the survey asks the full question). */
export const equalityReportLabels: Record<EqualityQuestionName, string> = {
  age_band: 'Age',
  gender_identity: 'Gender',
  ethnic_category: 'Ethnic group',
  sexual_orientation: 'Sexual orientation',
  disability: 'Disability or long-term health condition',
  religion: 'Religion or belief',
  carer: 'Carer',
  veteran: 'Served in the armed forces',
  detention_status: 'Detained under the Mental Health Act',
};

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

/** Recorded cells moved to where each team is placed today; a team with no placement yet is left out. */
export function placedToday<Cell extends PlaceCell>(
  cells: readonly Cell[],
  placements: readonly Pick<PlaceCell, 'teamId' | 'siteId' | 'directorateId' | 'communityId'>[],
): Cell[] {
  const byTeam = new Map(placements.map((p) => [p.teamId, p]));
  return cells.flatMap((cell) => {
    const place = byTeam.get(cell.teamId);
    return place ? [{ ...cell, ...place }] : [];
  });
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

  /** The scope's id and name on today's structure; a code that names nothing is refused. */
  const resolve = (scope: { level: ScopeLevel; code: string | null }) => {
    const today = londonDateOf(clock.now());
    const names = loadNames(today);
    const level = scope.level;
    if (level === 'trust') return { today, names, level, scopeId: null, scopeName: names.trustName };
    const unit = [...names.byLevel[level].values()].find((u) => u.code === scope.code);
    if (!unit) throw new ScopeNotFoundError(level, scope.code);
    return { today, names, level, scopeId: unit.id as number | null, scopeName: unit.name };
  };

  return {
    scopes,

    /** FFT figures by each equality question's answers for a scope and period, always suppressed. */
    equality(request: Omit<ReportRequest, 'suppress' | 'grouping'>): EqualityResult {
      const { today, level, scopeId, scopeName } = resolve(request.scope);
      const rows = reports.equality({
        basis: request.basis,
        on: today,
        fromMonth: request.period.fromMonth,
        toMonth: request.period.toMonth,
        level,
        id: scopeId,
      });
      const cellsOf = (itemCode: string, value: string) =>
        rows
          .filter((r) => r.itemCode === itemCode && r.value === value)
          .map((r) => ({ fftCode: r.fftCode, responses: r.n }));
      return {
        period: request.period,
        basis: request.basis,
        basisLabel: basisLabels[request.basis],
        scope: { level, code: request.scope.code, name: scopeName },
        suppressed: true,
        questions: equalityQuestionNames.map((name) => {
          const itemCode = `${EQUALITY_PREFIX}${name}`;
          // Every answer the question offers, then any other value stored under its code (an older option).
          const offered = EQUALITY_QUESTIONS[name].options;
          const others = [
            ...new Set(
              rows
                .filter((r) => r.itemCode === itemCode && !offered.some((o) => o.value === r.value))
                .map((r) => r.value),
            ),
          ].map((value) => ({ value, label: value }));
          const children = [...offered, ...others].map((option) => ({
            key: `${name}:${option.value}`,
            name: option.label,
            counts: countsOf(cellsOf(itemCode, option.value)),
            children: [],
          }));
          const answered = publishTree(
            {
              key: name,
              name: equalityReportLabels[name],
              counts: sumCounts(children.map((c) => c.counts)),
              children,
            },
            { suppress: true },
          );
          return { name, label: equalityReportLabels[name], answered, rows: answered.children };
        }),
      };
    },

    /** Whether a scope (level and code) is one of those a limit allows. */
    allows(limit: ScopeLimit, scope: { level: ScopeLevel; code: string | null }): boolean {
      if (limit === null) return true;
      return scopes(limit).some((s) => s.level === scope.level && s.code === scope.code);
    },

    /** The figures for a scope and period with the previous period alongside, per the request. */
    report(request: ReportRequest): ReportResult {
      const { today, names, level, scopeId, scopeName } = resolve(request.scope);
      const grouping: Grouping = level === 'community' || level === 'directorate' ? level : request.grouping;
      const previous = previousPeriod(request.period);
      const trendFrom = [
        addMonths(request.period.toMonth, -(TREND_MONTHS - 1)),
        request.period.fromMonth,
      ].sort()[0] as string;

      // The roll-ups hold the structure as recorded; today's structure is applied here over the placements.
      const placements = reports.teamPlacements(today);
      const teamsInScope = placements
        .filter((p) => level === 'trust' || p[levelIdKey[level]] === scopeId)
        .map((p) => p.teamId);
      // Today's structure only changes which teams a community, directorate or site holds (a team is itself).
      const byTeamsToday = request.basis === 'current' && level !== 'trust' && level !== 'team';
      const range = {
        previousFrom: previous.fromMonth,
        fromMonth: request.period.fromMonth,
        toMonth: request.period.toMonth,
      };
      const recorded = reports.periodPlaces(range);
      const placed = request.basis === 'current' ? placedToday(recorded, placements) : recorded;
      const details = byTeamsToday
        ? reports.teamsBreakdowns(teamsInScope, range)
        : reports.breakdowns(range, { level, id: scopeId });
      const trendCells = byTeamsToday
        ? reports.teamsTrend(teamsInScope, trendFrom, request.period.toMonth)
        : reports.trend({ fromMonth: trendFrom, toMonth: request.period.toMonth, level, id: scopeId });

      const publishPeriod = (which: 'current' | 'previous') => {
        const tree = publishTree(
          buildTree(
            placed.filter((c) => c.period === which),
            grouping,
            names,
          ),
          { suppress: request.suppress },
        );
        const emptyRow = publishTree(
          { key: 'empty', name: scopeName, counts: emptyCounts(), children: [] },
          { suppress: false },
        );
        return findNode(tree, level, scopeId) ?? { ...emptyRow, name: scopeName };
      };
      const currentTable = publishPeriod('current');
      const previousTable = publishPeriod('previous');

      const now = details.filter((c) => c.period === 'current');
      const before = details.filter((c) => c.period === 'previous');

      const compare = (
        breakdown: BreakdownCell['breakdown'],
        defs: { key: string; label: string; match: (value: string) => boolean }[],
      ): ComparedRow[] => {
        const publish = (cells: BreakdownCell[]) => {
          const ofKind = cells.filter((c) => c.breakdown === breakdown);
          return publishSiblings(
            countsOf(ofKind),
            defs.map((d) => ({
              key: d.key,
              label: d.label,
              counts: countsOf(ofKind.filter((c) => d.match(c.value))),
            })),
            request.suppress,
          );
        };
        const current = publish(now);
        const prior = publish(before);
        return defs.map((d, i) => ({
          key: d.key,
          label: d.label,
          current: current[i]!,
          previous: prior[i]!,
        }));
      };

      const byRole = compare(
        'role',
        roleGroups.map((g) => ({
          key: g.group,
          label: g.label,
          match: (value) => (g.roles as readonly string[]).includes(value),
        })),
      );
      const [combined] = compare('role', [
        { key: 'combined', label: 'Service users and carers', match: (value) => value !== 'not_stated' },
      ]);
      const byMode = compare(
        'mode',
        collectionModes.map((mode) => ({
          key: mode,
          label: modeLabels[mode],
          match: (value) => value === mode,
        })),
      );

      const trendMonths = monthsBetween(trendFrom, request.period.toMonth);
      const chart = pChart(
        trendMonths.map((month) => {
          const figures = fftFigures(countsOf(trendCells.filter((c) => c.month === month)));
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

      const themeCounts = (p: Period): ThemeCount[] =>
        byTeamsToday
          ? reports.teamsThemeCounts(teamsInScope, p.fromMonth, p.toMonth)
          : reports.themeCounts({ fromMonth: p.fromMonth, toMonth: p.toMonth, level, id: scopeId });

      return {
        themes: topThemes(themeCounts(request.period), themeCounts(previous), request.suppress),
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

/**
 * Small-number suppression of a flat list of counts (themes): 1-4 shown as '*' (zero is not), and, as within
 * any parent, the next smallest count after a starred one starred too. Ties are broken by position.
 */
export function suppressCounts(counts: readonly number[]): Shown[] {
  const shown: Shown[] = counts.map((n) => (n >= 1 && n <= 4 ? '*' : n));
  const [rank1, rank2] = rankSiblings(
    counts.map((total, i) => ({ key: String(i).padStart(4, '0'), name: '', total, index: i })),
  );
  if (rank1 && rank2 && shown[rank1.index] === '*' && shown[rank2.index] !== '*') shown[rank2.index] = '*';
  return shown;
}

/** The most-used themes this period (most comments first, then by label), with last period's counts alongside. */
export function topThemes(
  current: readonly ThemeCount[],
  previous: readonly ThemeCount[],
  suppress: boolean,
  limit = TOP_THEMES,
): ThemeRow[] {
  const top = [...current]
    .filter((t) => t.comments > 0)
    .sort((a, b) => b.comments - a.comments || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, limit);
  const before = new Map(previous.map((t) => [t.code, t.comments]));
  const publish = (counts: number[]): Shown[] => (suppress ? suppressCounts(counts) : counts);
  const now = publish(top.map((t) => t.comments));
  const prior = publish(top.map((t) => before.get(t.code) ?? 0));
  return top.map((t, i) => ({ code: t.code, label: t.label, current: now[i]!, previous: prior[i]! }));
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
