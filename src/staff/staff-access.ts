import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { createSecretBox } from '../security/secret-box';
import { createAuditService } from './audit-service';
import { createAuthService } from './auth-service';
import { createPasswordHasher } from './password-hasher';
import { readCommonPasswords } from './password-policy';
import { SqliteSessionStore } from './sqlite-session-store';
import { createUserAdminService } from './user-admin-service';
import { createUserRepository } from './user-repository';

export const LOCK_THRESHOLD = 10;
export const LOCK_MS = 15 * 60_000;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/** Builds the staff-access services (users, audit, sign-in, sessions) from config; used by bootstrap. */
export function createStaffAccess(config: Config, clock: Clock, db: Db, secretKey: Buffer) {
  const users = createUserRepository(db, createSecretBox(secretKey, 'totp'));
  users.sealPlainTotpSecrets();
  const audit = createAuditService(db, clock);
  const hasher = createPasswordHasher({
    memoryKib: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: config.ARGON2_PARALLELISM,
  });
  const sessionLimits = {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };
  const sessions = new SqliteSessionStore(db, clock, sessionLimits);
  const auth = createAuthService({
    db,
    clock,
    users,
    audit,
    hasher,
    secretKey,
    limits: {
      lockThreshold: LOCK_THRESHOLD,
      lockMs: LOCK_MS,
      addressLimit: config.SIGN_IN_ADDRESS_LIMIT,
      addressWindowMs: ADDRESS_WINDOW_MS,
    },
    endOtherSessions: (userId, keep) => sessions.destroyOtherSessions(userId, keep),
  });
  const admin = createUserAdminService({
    db,
    clock,
    users,
    audit,
    hasher,
    endSessions: (userId) => sessions.destroyUserSessions(userId),
    resetLinkTtlMs: config.PASSWORD_LINK_TTL_HOURS * 3_600_000,
  });
  return {
    users,
    audit,
    auth,
    admin,
    sessions,
    sessionLimits,
    commonPasswords: readCommonPasswords(config.COMMON_PASSWORDS_FILE),
  };
}

export type StaffAccess = ReturnType<typeof createStaffAccess>;

/** At start-up: prune expired sessions and, on a fresh install, say how to create the first admin. */
export function reportStaffAccess(staff: StaffAccess, logger: Logger): void {
  staff.sessions.prune();
  if (staff.users.activeAdminCount() === 0) {
    logger.warn(
      'no staff administrator exists yet: create one with `npm run user:add -- --email <email> --role admin --password-stdin`',
    );
  }
}
