import session from 'express-session';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { sessionExpiresAt, type SessionLimits } from './staff-session-data';

type Callback = (error?: unknown) => void;

/**
 * express-session's store, in SQLite (never the in-memory store): sessions survive a restart, every process sees
 * the same ones, and disabling a user can delete theirs. Expiry uses the injected clock, so tests can move time.
 */
export class SqliteSessionStore extends session.Store {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly removeUser;
  private readonly removeExpired;
  private readonly removeOthers;
  private writesSincePrune = 0;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly limits: SessionLimits,
  ) {
    super();
    this.select = db.prepare('SELECT data, expires_at AS expiresAt FROM staff_sessions WHERE sid = :sid');
    this.upsert = db.prepare(
      `INSERT INTO staff_sessions (sid, user_id, data, expires_at) VALUES (:sid, :userId, :data, :expiresAt)
       ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`,
    );
    this.remove = db.prepare('DELETE FROM staff_sessions WHERE sid = :sid');
    this.removeUser = db.prepare('DELETE FROM staff_sessions WHERE user_id = :userId');
    this.removeExpired = db.prepare('DELETE FROM staff_sessions WHERE expires_at <= :now');
    this.removeOthers = db.prepare('DELETE FROM staff_sessions WHERE user_id = :userId AND sid <> :keep');
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    try {
      const row = this.select.get({ sid }) as { data: string; expiresAt: number } | undefined;
      if (!row || row.expiresAt <= this.clock.now().getTime()) {
        callback(null, null);
        return;
      }
      callback(null, JSON.parse(row.data) as session.SessionData);
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    try {
      const state = data.staff;
      const expiresAt = state
        ? sessionExpiresAt(state, this.limits)
        : this.clock.now().getTime() + this.limits.idleMs;
      this.upsert.run({ sid, userId: state?.userId ?? null, data: JSON.stringify(data), expiresAt });
      this.writesSincePrune += 1;
      if (this.writesSincePrune >= 500) {
        this.writesSincePrune = 0;
        this.prune();
      }
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.remove.run({ sid });
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  /** Ends every session of a user (disabled, password reset, second factor reset). Returns how many. */
  destroyUserSessions(userId: number): number {
    return this.removeUser.run({ userId }).changes;
  }

  /** Ends a user's other sessions (after they change their password), keeping the one in use. */
  destroyOtherSessions(userId: number, keep: string): number {
    return this.removeOthers.run({ userId, keep }).changes;
  }

  /** Deletes expired rows; returns how many. Called at start-up and from time to time. */
  prune(): number {
    return this.removeExpired.run({ now: this.clock.now().getTime() }).changes;
  }
}
