import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/database';

/** Who did it: a signed-in user with the session they acted from, or null for the system or a script. */
export interface AuditActor {
  userId: number | null;
  email: string | null;
  /** The express-session id; only a hash of it is stored. */
  sessionId?: string | null;
}

/** Detail values are flat scalars: ids, counts, filters. Never answer or comment text, never a password. */
export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  actor: AuditActor | null;
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  details?: AuditDetails;
}

export interface AuditEventRow {
  id: number;
  occurredAt: string;
  actorUserId: number | null;
  actorEmail: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  sessionRef: string | null;
  details: string;
}

export interface AuditFilter {
  action?: string | undefined;
  actorEmail?: string | undefined;
  /** Inclusive YYYY-MM-DD bounds (UTC dates of occurred_at). */
  from?: string | undefined;
  to?: string | undefined;
}

/** A short, non-reversible reference to a session, so audit rows from one session can be grouped. */
export function sessionRef(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex').slice(0, 16);
}

/**
 * The audit trail. `record` is synchronous so a feature calls it inside its own db.transaction and the audit row
 * commits (or rolls back) with the change it describes. The table refuses UPDATE and DELETE (triggers).
 */
export function createAuditService(db: Db, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO audit_events (occurred_at, actor_user_id, actor_email, action, object_type, object_id, session_ref, details)
     VALUES (:occurredAt, :actorUserId, :actorEmail, :action, :objectType, :objectId, :sessionRef, :details)`,
  );
  const page = db.prepare(
    `SELECT id, occurred_at AS occurredAt, actor_user_id AS actorUserId, actor_email AS actorEmail,
       action, object_type AS objectType, object_id AS objectId, session_ref AS sessionRef, details
     FROM audit_events
     WHERE (:action IS NULL OR action = :action)
       AND (:actorEmail IS NULL OR actor_email = :actorEmail COLLATE NOCASE)
       AND (:from IS NULL OR occurred_at >= :from)
       AND (:to IS NULL OR occurred_at < date(:to, '+1 day'))
     ORDER BY id DESC
     LIMIT :limit OFFSET :offset`,
  );
  const distinctActions = db.prepare('SELECT DISTINCT action FROM audit_events ORDER BY action');

  const params = (filter: AuditFilter) => ({
    action: filter.action ?? null,
    actorEmail: filter.actorEmail ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  });

  return {
    record(entry: AuditEntry): void {
      insert.run({
        occurredAt: clock.now().toISOString(),
        actorUserId: entry.actor?.userId ?? null,
        actorEmail: entry.actor?.email ?? null,
        action: entry.action,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
        sessionRef: entry.actor?.sessionId ? sessionRef(entry.actor.sessionId) : null,
        details: JSON.stringify(entry.details ?? {}),
      });
    },
    list: (filter: AuditFilter, limit: number, offset = 0) =>
      page.all({ ...params(filter), limit, offset }) as AuditEventRow[],
    /** Streams every matching row (newest first) for the CSV export. */
    // LIMIT -1 is no limit in SQLite: the CSV export streams the same filtered query the browser pages through.
    iterate: (filter: AuditFilter) =>
      page.iterate({ ...params(filter), limit: -1, offset: 0 }) as IterableIterator<AuditEventRow>,
    actions: () => (distinctActions.all() as { action: string }[]).map((row) => row.action),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
