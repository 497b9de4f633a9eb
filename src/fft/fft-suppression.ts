import { countKeys, fftFigures, type FftCounts, type Percentage } from './fft-percentages';

/**
 * Small-number suppression as NHS England's publication code does it (nhsengland/fft_pipeline), over a tree
 * trust -> community or directorate -> site -> team:
 * - first level: a row with 1-4 responses shows '*' for its six counts and both percentages (0 is not suppressed);
 * - second level: within each parent, the rows with responses are ranked by total, smallest first; if rank 1 is
 *   first-level suppressed and rank 2 is not, rank 2's six counts become '*' (its percentages stay). Never rank 3;
 * - cascade: when a parent is suppressed for any reason, its rank-1 and rank-2 children have their counts starred
 *   (percentages stay), and this carries on down the levels;
 * - the total is always published; a row with no responses shows 'NA' percentages.
 * Ties on total are broken by name (then key), so the same data always stars the same rows.
 */
export interface CountsNode {
  key: string;
  name: string;
  counts: FftCounts;
  children: CountsNode[];
}

export type Shown = number | '*';

export type SuppressionReason = 'none' | 'first_level' | 'second_level' | 'cascade';

export interface PublishedRow {
  key: string;
  name: string;
  total: number;
  counts: [Shown, Shown, Shown, Shown, Shown, Shown];
  percentPositive: Percentage | '*';
  percentNegative: Percentage | '*';
  reason: SuppressionReason;
  children: PublishedRow[];
}

const isFirstLevel = (total: number) => total >= 1 && total <= 4;

/** Rows with responses, smallest total first; ties by name then key (stable and deterministic). */
export function rankSiblings<T extends { key: string; name: string; total: number }>(rows: T[]): T[] {
  return rows
    .filter((row) => row.total > 0)
    .sort(
      (a, b) =>
        a.total - b.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.key < b.key ? -1 : 1),
    );
}

function publish(node: CountsNode, reason: SuppressionReason, suppress: boolean): PublishedRow {
  const figures = fftFigures(node.counts);
  const starCounts = suppress && reason !== 'none';
  const starPercentages = suppress && reason === 'first_level';
  const counts = countKeys.map((k) => (starCounts ? '*' : node.counts[k])) as PublishedRow['counts'];
  return {
    key: node.key,
    name: node.name,
    total: figures.total,
    counts,
    percentPositive: starPercentages ? '*' : figures.percentPositive,
    percentNegative: starPercentages ? '*' : figures.percentNegative,
    reason: suppress ? reason : 'none',
    children: suppressChildren(node.children, reason !== 'none', suppress),
  };
}

function suppressChildren(
  children: CountsNode[],
  parentSuppressed: boolean,
  suppress: boolean,
): PublishedRow[] {
  const withTotals = children.map((child) => ({
    child,
    key: child.key,
    name: child.name,
    total: fftFigures(child.counts).total,
  }));
  const reasons = new Map<CountsNode, SuppressionReason>();
  for (const row of withTotals) reasons.set(row.child, isFirstLevel(row.total) ? 'first_level' : 'none');

  const ranked = rankSiblings(withTotals);
  const [rank1, rank2] = ranked;
  if (rank1 && rank2 && reasons.get(rank1.child) === 'first_level' && reasons.get(rank2.child) === 'none') {
    reasons.set(rank2.child, 'second_level');
  }
  if (parentSuppressed) {
    for (const row of [rank1, rank2]) {
      if (row && reasons.get(row.child) === 'none') reasons.set(row.child, 'cascade');
    }
  }
  return children.map((child) => publish(child, reasons.get(child) ?? 'none', suppress));
}

/**
 * Publishes a tree. With `suppress: false` (internal quality views, labelled as unsuppressed) every figure is
 * shown; the rules are still evaluated so nothing else differs.
 */
export function publishTree(root: CountsNode, options: { suppress: boolean }): PublishedRow {
  const total = fftFigures(root.counts).total;
  return publish(root, isFirstLevel(total) ? 'first_level' : 'none', options.suppress);
}

/** The tree as a list, parents before their children, with the depth of each row. */
export function flattenRows(root: PublishedRow, depth = 0): { row: PublishedRow; depth: number }[] {
  return [{ row: root, depth }, ...root.children.flatMap((child) => flattenRows(child, depth + 1))];
}
