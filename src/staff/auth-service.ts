import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { AuditActor, AuditService } from './audit-service';
import type { PasswordHasher } from './password-hasher';
import { PASSWORD_MAX_LENGTH } from './password-policy';
import type { StaffUser, UserRepository } from './user-repository';

export interface SignInLimits {
  /** Consecutive failures that lock an account. */
  lockThreshold: number;
  lockMs: number;
  /** Failed attempts from one client address in one window before that address is refused. */
  addressLimit: number;
  addressWindowMs: number;
}

export type PasswordOutcome =
  { kind: 'ok'; user: StaffUser; enrolled: boolean } | { kind: 'refused' } | { kind: 'address_limited' };

export type CodeOutcome = 'ok' | 'wrong';

const TOTP_PERIOD_S = 30;
const RECOVERY_CODE_COUNT = 10;
const base32 = 'abcdefghjkmnpqrstuvwxyz23456789';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const normaliseCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

function totpFor(secret: string, email = '') {
  return new TOTP({
    issuer: 'KMPT feedback',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * Sign-in: password (argon2id, hashed off the main thread), lock-out and per-address counters kept in the
 * database, then the TOTP second factor or a single-use recovery code. Unknown emails cost the same as wrong
 * passwords and get the same answer. Every outcome is audited.
 */
export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  users: UserRepository;
  audit: AuditService;
  hasher: PasswordHasher;
  secretKey: Buffer;
  limits: SignInLimits;
  /** Ends the user's sessions other than the one given (after a password change). */
  endOtherSessions: (userId: number, keepSessionId: string) => number;
}) {
  const { db, clock, users, audit, hasher, limits } = deps;
  const readAttempts = db.prepare(
    'SELECT window_started_at AS windowStartedAt, failures FROM sign_in_attempts WHERE address_key = :key',
  );
  const writeAttempts = db.prepare(
    `INSERT INTO sign_in_attempts (address_key, window_started_at, failures) VALUES (:key, :windowStartedAt, :failures)
     ON CONFLICT (address_key) DO UPDATE SET window_started_at = excluded.window_started_at, failures = excluded.failures`,
  );

  const pruneAttempts = db.prepare('DELETE FROM sign_in_attempts WHERE window_started_at < :before');
  let failuresSincePrune = 0;

  const addressKey = (address: string) =>
    createHmac('sha256', deps.secretKey).update(`sign-in-address\u0000${address}`).digest('hex');

  function addressFailures(key: string): { windowStartedAt: string; failures: number } {
    const row = readAttempts.get({ key }) as { windowStartedAt: string; failures: number } | undefined;
    const now = clock.now().getTime();
    if (!row || Date.parse(row.windowStartedAt) + limits.addressWindowMs <= now) {
      return { windowStartedAt: clock.now().toISOString(), failures: 0 };
    }
    return row;
  }

  function countAddressFailure(key: string): void {
    failuresSincePrune += 1;
    if (failuresSincePrune >= 1000) {
      failuresSincePrune = 0;
      pruneAttempts.run({ before: new Date(clock.now().getTime() - limits.addressWindowMs).toISOString() });
    }
    const current = addressFailures(key);
    writeAttempts.run({ key, windowStartedAt: current.windowStartedAt, failures: current.failures + 1 });
  }

  const isLocked = (user: StaffUser) =>
    user.lockedUntil !== null && Date.parse(user.lockedUntil) > clock.now().getTime();

  /** A failed password or code: counts towards the lock-out, audited in the same transaction. */
  const recordFailure = db.transaction((user: StaffUser, action: string, actor: AuditActor | null) => {
    const lockUntil = new Date(clock.now().getTime() + limits.lockMs).toISOString();
    users.recordFailure(user.id, limits.lockThreshold, lockUntil);
    const after = users.findById(user.id);
    const lockedNow = after !== undefined && after.failedCount === limits.lockThreshold;
    audit.record({
      actor,
      action,
      objectType: 'user',
      objectId: user.id,
      details: { failures: after?.failedCount ?? 0 },
    });
    if (lockedNow) audit.record({ actor, action: 'user.locked', objectType: 'user', objectId: user.id });
  });

  function checkTotp(user: StaffUser, secret: string, code: string): number | null {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return null;
    const timestamp = clock.now().getTime();
    const delta = totpFor(secret).validate({ token, timestamp, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(timestamp / 1000 / TOTP_PERIOD_S) + delta;
    if (user.totpLastStep !== null && step <= user.totpLastStep) return null;
    return step;
  }

  function newRecoveryCodes(userId: number): string[] {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const bytes = randomBytes(10);
      const chars = [...bytes].map((b) => base32[b % base32.length]).join('');
      return `${chars.slice(0, 5)}-${chars.slice(5)}`;
    });
    users.replaceRecoveryCodes(
      userId,
      codes.map((code) => sha256(normaliseCode(code))),
    );
    return codes;
  }

  return {
    /** First step. `address` is used only for the keyed-hash counter, never stored. */
    async checkPassword(email: string, password: string, address: string): Promise<PasswordOutcome> {
      const key = addressKey(address);
      if (addressFailures(key).failures >= limits.addressLimit) {
        audit.record({ actor: null, action: 'sign_in.address_limited' });
        return { kind: 'address_limited' };
      }
      const user = email.length <= 254 ? users.findByEmail(email.trim()) : undefined;
      if (password.length > PASSWORD_MAX_LENGTH || !user) {
        await hasher.dummyVerify(password.slice(0, PASSWORD_MAX_LENGTH));
        countAddressFailure(key);
        audit.record({ actor: null, action: 'sign_in.failed', details: { reason: 'unknown_user' } });
        return { kind: 'refused' };
      }
      const actor = { userId: user.id, email: user.email };
      if (isLocked(user)) {
        await hasher.dummyVerify(password);
        countAddressFailure(key);
        audit.record({
          actor,
          action: 'sign_in.failed',
          objectType: 'user',
          objectId: user.id,
          details: { reason: 'locked' },
        });
        return { kind: 'refused' };
      }
      const matches = await hasher.verify(user.passwordHash, password);
      if (!matches) {
        countAddressFailure(key);
        recordFailure(user, 'sign_in.failed', actor);
        return { kind: 'refused' };
      }
      if (user.disabled) {
        audit.record({
          actor,
          action: 'sign_in.failed',
          objectType: 'user',
          objectId: user.id,
          details: { reason: 'disabled' },
        });
        return { kind: 'refused' };
      }
      audit.record({ actor, action: 'sign_in.password_ok', objectType: 'user', objectId: user.id });
      return { kind: 'ok', user, enrolled: user.twoFactorEnrolled };
    },

    /** A user still allowed to sign in (exists, enabled, not locked). */
    activeUser(userId: number): StaffUser | undefined {
      const user = users.findById(userId);
      return user && !user.disabled && !isLocked(user) ? user : undefined;
    },

    /** A fresh secret and its otpauth:// address for the QR code. */
    newTotpSecret(email: string): { secret: string; uri: string } {
      const secret = new Secret({ size: 20 }).base32;
      return { secret, uri: totpFor(secret, email).toString() };
    },

    totpUri: (secret: string, email: string) => totpFor(secret, email).toString(),

    /** Confirms enrolment with a first code; returns the recovery codes to show once, or null if the code is wrong. */
    confirmEnrolment(userId: number, secret: string, code: string, actor: AuditActor): string[] | null {
      const user = users.findById(userId);
      if (!user) return null;
      const step = checkTotp(user, secret, code);
      if (step === null) {
        recordFailure(user, 'two_factor.failed', actor);
        return null;
      }
      return db.transaction(() => {
        users.setTotpSecret(userId, secret);
        users.setTotpLastStep(userId, step);
        users.clearFailures(userId);
        const codes = newRecoveryCodes(userId);
        audit.record({ actor, action: 'two_factor.enrolled', objectType: 'user', objectId: userId });
        audit.record({
          actor,
          action: 'sign_in.succeeded',
          objectType: 'user',
          objectId: userId,
          details: { method: 'totp' },
        });
        return codes;
      })();
    },

    /** The second step for an enrolled user: a 6-digit code, or one of the recovery codes (each works once). */
    verifySecondFactor(userId: number, code: string, actor: AuditActor): CodeOutcome {
      const user = users.findById(userId);
      if (!user?.twoFactorEnrolled) return 'wrong';
      // A secret sealed under another SECRET_KEY cannot check codes; recovery codes still work.
      const step = user.totpSecret === null ? null : checkTotp(user, user.totpSecret, code);
      if (step !== null) {
        db.transaction(() => {
          users.setTotpLastStep(userId, step);
          users.clearFailures(userId);
          audit.record({
            actor,
            action: 'sign_in.succeeded',
            objectType: 'user',
            objectId: userId,
            details: { method: 'totp' },
          });
        })();
        return 'ok';
      }
      const normalised = normaliseCode(code);
      if (/^[a-z0-9]{10}$/.test(normalised)) {
        const used = db.transaction(() => {
          if (!users.useRecoveryCode(userId, sha256(normalised), clock.now().toISOString())) return false;
          users.clearFailures(userId);
          audit.record({
            actor,
            action: 'sign_in.succeeded',
            objectType: 'user',
            objectId: userId,
            details: { method: 'recovery_code' },
          });
          return true;
        })();
        if (used) return 'ok';
      }
      recordFailure(user, 'two_factor.failed', actor);
      return 'wrong';
    },

    /** Checks the current password then stores the new one (already checked against the policy). */
    async changePassword(userId: number, current: string, next: string, actor: AuditActor): Promise<boolean> {
      const user = users.findById(userId);
      if (
        !user ||
        current.length > PASSWORD_MAX_LENGTH ||
        !(await hasher.verify(user.passwordHash, current))
      ) {
        if (user) recordFailure(user, 'password.change_failed', actor);
        return false;
      }
      const passwordHash = await hasher.hash(next);
      db.transaction(() => {
        users.setPassword(userId, passwordHash, clock.now().toISOString());
        const ended = deps.endOtherSessions(userId, actor.sessionId ?? '');
        audit.record({
          actor,
          action: 'password.changed',
          objectType: 'user',
          objectId: userId,
          details: { otherSessionsEnded: ended },
        });
      })();
      return true;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
