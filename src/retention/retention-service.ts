import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import { londonDateOf } from '../clock';
import type { Db } from '../db/database';

export const REMOVED_TEXT = '[Removed under the retention policy]';

export interface RetentionPolicy {
  /** Raw comment text older than this many months is removed (redacted, approved copies are kept). */
  commentTextMonths: number;
}

export interface PurgeResult {
  rule: string;
  cutoff: string;
  affected: number;
}

/** The date `months` calendar months before `date` (YYYY-MM-DD), clamped to the month's last day. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * Applies the retention rules from configuration. Counts and FFT answers are kept, so every aggregate is unchanged;
 * only the free text goes. Each run is recorded with its counts and audited.
 */
export function createRetentionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditSink;
  policy: RetentionPolicy;
}) {
  const { db, clock, audit, policy } = deps;
  const removeText = db.prepare(
    `UPDATE comments SET body = :removed, text_removed_at = :at
     WHERE text_removed_at IS NULL
       AND response_id IN (SELECT id FROM responses WHERE submitted_on < :cutoff)`,
  );
  const recordRun = db.prepare(
    'INSERT INTO retention_runs (ran_at, rule, cutoff, affected) VALUES (:at, :rule, :cutoff, :affected)',
  );

  return {
    purge: db.transaction((actor: AuditActor | null = null): PurgeResult[] => {
      const now = clock.now();
      const at = now.toISOString();
      const cutoff = monthsBefore(londonDateOf(now), policy.commentTextMonths);
      const affected = removeText.run({ removed: REMOVED_TEXT, at, cutoff }).changes;
      const results = [{ rule: 'comment_text', cutoff, affected }];
      for (const result of results) {
        recordRun.run({ at, ...result });
        audit.record({
          actor,
          action: 'retention.purge',
          objectType: 'retention_rule',
          objectId: result.rule,
          details: { cutoff: result.cutoff, affected: result.affected },
        });
      }
      return results;
    }),
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
