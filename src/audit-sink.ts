import type { AuditActor, AuditEntry } from './staff/audit-service';

export type { AuditActor, AuditEntry };

/**
 * Where services record what staff did: the staff audit service (append-only table) implements it. `record` is
 * synchronous, so a service calls it inside its own transaction. Services depend only on this interface and can
 * be tested with listAuditSink.
 */
export interface AuditSink {
  record(entry: AuditEntry): void;
}

/** An AuditSink that keeps entries in memory (tests). */
export function listAuditSink(): AuditSink & { events: AuditEntry[] } {
  const events: AuditEntry[] = [];
  return { events, record: (entry) => void events.push(entry) };
}

/** A person acting, for services and tests that know only a user id. */
export function actorFor(userId: number | null): AuditActor {
  return { userId, email: null };
}
