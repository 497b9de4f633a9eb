import { actorFor } from '../src/audit-sink';
import { monthsBefore, REMOVED_TEXT } from '../src/retention/retention-service';
import { buildTestApp, giveFeedback, type TestApp } from './support/test-app';

async function submit(t: TestApp, fft: string, comment: string) {
  await giveFeedback(t.app, 'amberwood', { fft, could_improve: comment });
}

const fftCounts = (t: TestApp) =>
  t.deps.db
    .prepare('SELECT fft_code, count(*) AS n FROM responses GROUP BY fft_code ORDER BY fft_code')
    .all();

describe('retention', () => {
  it.each([
    ['2026-11-23', 24, '2024-11-23'],
    ['2026-03-31', 1, '2026-02-28'],
    ['2026-01-15', 1, '2025-12-15'],
    ['2028-03-31', 13, '2027-02-28'],
  ])('%s minus %i months is %s', (date, months, expected) => {
    expect(monthsBefore(date, months)).toBe(expected);
  });

  it('removes raw comment text older than the policy, keeps newer text, and leaves every aggregate unchanged', async () => {
    const t = buildTestApp({ now: '2024-01-10T10:00:00Z', env: { RETENTION_COMMENT_TEXT_MONTHS: '24' } });
    await submit(t, '1', 'Old comment about the garden');
    t.clock.set('2025-06-01T10:00:00Z');
    await submit(t, '4', 'Newer comment about the food');
    const before = fftCounts(t);
    t.clock.set('2026-02-01T10:00:00Z');
    expect(t.deps.services.retention.purge(actorFor(5))).toEqual([
      { rule: 'comment_text', cutoff: '2024-02-01', affected: 1 },
    ]);
    expect(t.deps.db.prepare('SELECT body FROM comments ORDER BY id').all()).toEqual([
      { body: REMOVED_TEXT },
      { body: 'Newer comment about the food' },
    ]);
    expect(fftCounts(t)).toEqual(before);
    expect(t.deps.services.pals.inbox({ search: 'garden' }, { limit: 10, offset: 0 }).total).toBe(0);
    expect(t.deps.services.pals.inbox({ search: 'food' }, { limit: 10, offset: 0 }).total).toBe(1);
  });

  it('records each run, and a second run removes nothing more', async () => {
    const t = buildTestApp({ now: '2023-06-10T10:00:00Z' });
    await submit(t, '2', 'Ancient');
    t.clock.set('2026-01-01T10:00:00Z');
    t.deps.services.retention.purge(null);
    expect(t.deps.services.retention.purge(null)[0]?.affected).toBe(0);
    expect(t.deps.db.prepare('SELECT rule, affected FROM retention_runs ORDER BY id').all()).toEqual([
      { rule: 'comment_text', affected: 1 },
      { rule: 'comment_text', affected: 0 },
    ]);
  });
});
