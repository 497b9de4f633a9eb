import type { FftCounts } from '../../src/fft/fft-percentages';
import { flattenRows, publishTree, type CountsNode, type PublishedRow } from '../../src/fft/fft-suppression';

/** n responses spread as: all Very good except one Poor when n >= 2 (so percentages are easy to read). */
const countsOf = (n: number): FftCounts =>
  n >= 2 ? { c1: n - 1, c2: 0, c3: 0, c4: 1, c5: 0, c6: 0 } : { c1: n, c2: 0, c3: 0, c4: 0, c5: 0, c6: 0 };

const leaf = (name: string, n: number): CountsNode => ({
  key: name,
  name,
  counts: countsOf(n),
  children: [],
});

function parent(name: string, children: CountsNode[]): CountsNode {
  const counts = children.reduce<FftCounts>(
    (sum, c) => ({
      c1: sum.c1 + c.counts.c1,
      c2: sum.c2 + c.counts.c2,
      c3: sum.c3 + c.counts.c3,
      c4: sum.c4 + c.counts.c4,
      c5: sum.c5 + c.counts.c5,
      c6: sum.c6 + c.counts.c6,
    }),
    { c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, c6: 0 },
  );
  return { key: name, name, counts, children };
}

const byName = (root: PublishedRow) => new Map(flattenRows(root).map(({ row }) => [row.name, row]));
const starred = (row: PublishedRow | undefined) => row?.counts.every((c) => c === '*') ?? false;

describe('first-level suppression', () => {
  it.each([
    [0, false, 'NA'],
    [1, true, '*'],
    [4, true, '*'],
    [5, false, 80],
  ])('a team with %i responses: counts starred %p, %% positive %p', (n, isStarred, pct) => {
    const tree = publishTree(parent('Trust', [leaf('A', n), leaf('B', 50), leaf('C', 60)]), {
      suppress: true,
    });
    const a = byName(tree).get('A')!;
    expect(starred(a)).toBe(isStarred);
    expect(a.percentPositive).toBe(pct);
    expect(a.total).toBe(n);
  });

  it('stars both percentages of a first-level row and never its total', () => {
    const a = byName(publishTree(parent('T', [leaf('A', 3), leaf('B', 40)]), { suppress: true })).get('A')!;
    expect(a).toMatchObject({ total: 3, percentPositive: '*', percentNegative: '*', reason: 'first_level' });
  });
});

describe('second-level suppression within a parent', () => {
  it('stars the next smallest sibling counts, keeps its percentages, and never moves to rank 3', () => {
    const tree = publishTree(parent('T', [leaf('A', 2), leaf('B', 10), leaf('C', 11), leaf('D', 50)]), {
      suppress: true,
    });
    const rows = byName(tree);
    expect(rows.get('B')).toMatchObject({ reason: 'second_level', percentPositive: 90, percentNegative: 10 });
    expect(starred(rows.get('B'))).toBe(true);
    expect(starred(rows.get('C'))).toBe(false);
    expect(starred(rows.get('D'))).toBe(false);
  });

  it('does nothing more when rank 2 is itself first-level suppressed', () => {
    const rows = byName(
      publishTree(parent('T', [leaf('A', 2), leaf('B', 3), leaf('C', 10), leaf('D', 50)]), {
        suppress: true,
      }),
    );
    expect(rows.get('B')?.reason).toBe('first_level');
    expect(starred(rows.get('C'))).toBe(false);
  });

  it('does nothing when rank 1 is not suppressed', () => {
    const rows = byName(
      publishTree(parent('T', [leaf('A', 5), leaf('B', 6), leaf('C', 60)]), { suppress: true }),
    );
    expect([...rows.values()].every((r) => r.reason === 'none')).toBe(true);
  });

  it('ignores zero-response rows when ranking (zero is neither starred nor rank 1)', () => {
    const rows = byName(
      publishTree(parent('T', [leaf('Z', 0), leaf('A', 1), leaf('B', 7), leaf('C', 60)]), { suppress: true }),
    );
    expect(rows.get('Z')).toMatchObject({
      reason: 'none',
      counts: [0, 0, 0, 0, 0, 0],
      percentPositive: 'NA',
    });
    expect(rows.get('B')?.reason).toBe('second_level');
    expect(rows.get('C')?.reason).toBe('none');
  });

  it('breaks equal totals by name, so the same row is starred every time', () => {
    const rows = byName(
      publishTree(parent('T', [leaf('A', 1), leaf('Zeta', 9), leaf('Alpha', 9), leaf('C', 60)]), {
        suppress: true,
      }),
    );
    expect(rows.get('Alpha')?.reason).toBe('second_level');
    expect(rows.get('Zeta')?.reason).toBe('none');
  });

  it('applies within each parent separately', () => {
    const tree = publishTree(
      parent('T', [
        parent('North', [leaf('N1', 2), leaf('N2', 20), leaf('N3', 30)]),
        parent('East', [leaf('E1', 20), leaf('E2', 30)]),
      ]),
      { suppress: true },
    );
    const rows = byName(tree);
    expect(rows.get('N2')?.reason).toBe('second_level');
    expect(rows.get('E1')?.reason).toBe('none');
  });
});

describe('cascade from a suppressed parent', () => {
  it('stars the two smallest children of a second-level suppressed parent, and carries on down', () => {
    const tree = publishTree(
      parent('Trust', [
        parent('Small dir', [leaf('S1', 1), leaf('S2', 2)]), // 3: first level
        parent('Mid dir', [
          parent('Site M', [leaf('M1', 6), leaf('M2', 7), leaf('M3', 8)]),
          parent('Site N', [leaf('N1', 9)]),
        ]), // 30: second level
        parent('Big dir', [leaf('B1', 100), leaf('B2', 100)]),
      ]),
      { suppress: true },
    );
    const rows = byName(tree);
    expect(rows.get('Small dir')?.reason).toBe('first_level');
    expect(rows.get('Mid dir')?.reason).toBe('second_level');
    expect(rows.get('Big dir')?.reason).toBe('none');
    // children of Mid dir: Site N (9) rank 1, Site M (21) rank 2 -> both cascade
    expect(rows.get('Site N')).toMatchObject({ reason: 'cascade', percentPositive: 89 });
    expect(rows.get('Site M')?.reason).toBe('cascade');
    // and on down: Site M's two smallest children, not the third
    expect(rows.get('M1')?.reason).toBe('cascade');
    expect(rows.get('M2')?.reason).toBe('cascade');
    expect(rows.get('M3')?.reason).toBe('none');
    expect(rows.get('N1')?.reason).toBe('cascade');
    expect(rows.get('B1')?.reason).toBe('none');
    expect(rows.get('Trust')?.reason).toBe('none');
  });

  it('keeps first-level reasons of children under a suppressed parent', () => {
    const rows = byName(publishTree(parent('T', [leaf('A', 2), leaf('B', 1)]), { suppress: true }));
    expect(rows.get('T')?.reason).toBe('first_level');
    expect(rows.get('A')?.reason).toBe('first_level');
    expect(rows.get('B')?.reason).toBe('first_level');
  });

  it('skips zero-response children when choosing the two to star', () => {
    const rows = byName(
      publishTree(
        parent('T', [
          parent('P', [leaf('Z', 0), leaf('X', 1), leaf('Y', 6), leaf('W', 7)]),
          leaf('R', 2),
          leaf('Q', 50),
        ]),
        {
          suppress: true,
        },
      ),
    );
    expect(rows.get('P')?.reason).toBe('second_level');
    expect(rows.get('Z')?.reason).toBe('none');
    expect(rows.get('X')?.reason).toBe('first_level');
    expect(rows.get('Y')?.reason).toBe('second_level');
    expect(rows.get('W')?.reason).toBe('none');
  });
});

describe('unsuppressed (internal quality view)', () => {
  it('shows every figure and reports no suppression', () => {
    const rows = byName(publishTree(parent('T', [leaf('A', 2), leaf('B', 10)]), { suppress: false }));
    expect(rows.get('A')).toMatchObject({ counts: [1, 0, 0, 1, 0, 0], percentPositive: 50, reason: 'none' });
  });
});
