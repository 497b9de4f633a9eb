/**
 * Where services record what staff did. The staff audit log (append-only table) implements it; services depend
 * only on this interface, so they can be tested with a list.
 */
export interface AuditSink {
  record(event: {
    actorUserId: number | null;
    action: string;
    objectType: string;
    objectId: string;
    details?: Record<string, string | number | boolean | null>;
  }): void;
}

/** An AuditSink that keeps events in memory (tests, and scripts that run without staff). */
export function listAuditSink(): AuditSink & { events: Parameters<AuditSink['record']>[0][] } {
  const events: Parameters<AuditSink['record']>[0][] = [];
  return { events, record: (event) => void events.push(event) };
}
