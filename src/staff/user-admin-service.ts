import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { AuditActor, AuditService } from './audit-service';
import type { PasswordHasher } from './password-hasher';
import type { RoleGrant } from './roles';
import type { UserRepository } from './user-repository';

/** A password hash no password matches: a new account can only be used through its one-time link. */
const UNUSABLE_PASSWORD = '!unset';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** "admin,viewer@directorate:2" for the audit details. */
const describe = (grants: RoleGrant[]) =>
  grants
    .map(
      (r) =>
        r.role +
        (r.directorateId ? `@directorate:${r.directorateId}` : '') +
        (r.teamId ? `@team:${r.teamId}` : ''),
    )
    .join(',');

export type AdminOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'last_admin' | 'email_taken' };

/**
 * What an administrator does to accounts: create (with roles and scopes), disable, re-enable, issue a one-time
 * password link, reset the second factor. Never leaves the service without an enabled admin. Every change is
 * audited in the same transaction; disabling or resetting ends the user's sessions.
 */
export function createUserAdminService(deps: {
  db: Db;
  clock: Clock;
  users: UserRepository;
  audit: AuditService;
  hasher: PasswordHasher;
  endSessions: (userId: number) => number;
  resetLinkTtlMs: number;
}) {
  const { db, clock, users, audit } = deps;
  const now = () => clock.now().toISOString();

  const isLastAdmin = (userId: number) => {
    const user = users.findById(userId);
    return (
      user !== undefined &&
      !user.disabled &&
      user.roles.some((r) => r.role === 'admin') &&
      users.activeAdminCount() <= 1
    );
  };

  function issueLink(userId: number): string {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(clock.now().getTime() + deps.resetLinkTtlMs).toISOString();
    users.addResetToken(userId, sha256(token), now(), expiresAt);
    return token;
  }

  return {
    /** Creates an account with an unusable password; returns its id and a one-time link token to set one. */
    createUser(
      input: { email: string; roles: RoleGrant[] },
      actor: AuditActor | null,
    ): { ok: true; userId: number; token: string } | { ok: false; reason: 'email_taken' } {
      if (users.findByEmail(input.email)) return { ok: false, reason: 'email_taken' };
      return db.transaction(() => {
        const userId = users.create({
          email: input.email,
          passwordHash: UNUSABLE_PASSWORD,
          roles: input.roles,
          now: now(),
        });
        const token = issueLink(userId);
        audit.record({
          actor,
          action: 'user.created',
          objectType: 'user',
          objectId: userId,
          details: {
            roles: input.roles
              .map(
                (r) =>
                  r.role +
                  (r.directorateId ? `@directorate:${r.directorateId}` : '') +
                  (r.teamId ? `@team:${r.teamId}` : ''),
              )
              .join(','),
          },
        });
        audit.record({ actor, action: 'user.password_link_issued', objectType: 'user', objectId: userId });
        return { ok: true as const, userId, token };
      })();
    },

    /** For `npm run user:add`: an account with a password already chosen (checked against the policy first). */
    async createWithPassword(input: {
      email: string;
      password: string;
      roles: RoleGrant[];
    }): Promise<AdminOutcome & { userId?: number }> {
      if (users.findByEmail(input.email)) return { ok: false, reason: 'email_taken' };
      const passwordHash = await deps.hasher.hash(input.password);
      const userId = db.transaction(() => {
        const id = users.create({ email: input.email, passwordHash, roles: input.roles, now: now() });
        audit.record({
          actor: null,
          action: 'user.created',
          objectType: 'user',
          objectId: id,
          details: { roles: input.roles.map((r) => r.role).join(','), by: 'script' },
        });
        return id;
      })();
      return { ok: true, userId };
    },

    setDisabled(userId: number, disabled: boolean, actor: AuditActor): AdminOutcome {
      const user = users.findById(userId);
      if (!user) return { ok: false, reason: 'not_found' };
      if (disabled && isLastAdmin(userId)) return { ok: false, reason: 'last_admin' };
      db.transaction(() => {
        users.setDisabled(userId, disabled);
        const ended = disabled ? deps.endSessions(userId) : 0;
        audit.record({
          actor,
          action: disabled ? 'user.disabled' : 'user.enabled',
          objectType: 'user',
          objectId: userId,
          details: disabled ? { sessionsEnded: ended } : {},
        });
      })();
      return { ok: true };
    },

    /** Replaces a user's roles; refuses to take the admin role from the last enabled admin. */
    replaceRoles(userId: number, grants: RoleGrant[], actor: AuditActor): AdminOutcome {
      if (!users.findById(userId)) return { ok: false, reason: 'not_found' };
      if (!grants.some((g) => g.role === 'admin') && isLastAdmin(userId))
        return { ok: false, reason: 'last_admin' };
      db.transaction(() => {
        users.replaceRoles(userId, grants);
        audit.record({
          actor,
          action: 'user.roles_changed',
          objectType: 'user',
          objectId: userId,
          details: { roles: describe(grants) },
        });
      })();
      return { ok: true };
    },

    /** A new one-time link to set a password (the old password keeps working until the link is used). */
    issuePasswordLink(
      userId: number,
      actor: AuditActor,
    ): { ok: true; token: string } | { ok: false; reason: 'not_found' } {
      if (!users.findById(userId)) return { ok: false, reason: 'not_found' };
      const token = db.transaction(() => {
        const t = issueLink(userId);
        audit.record({ actor, action: 'user.password_link_issued', objectType: 'user', objectId: userId });
        return t;
      })();
      return { ok: true, token };
    },

    /** The user the link is for, if it is unused and in date. */
    userForLink(token: string) {
      const found = users.findResetToken(sha256(token), now());
      return found ? users.findById(found.userId) : undefined;
    },

    /** Sets the password through a one-time link; ends the user's sessions and unlocks the account. */
    async completeLink(token: string, password: string): Promise<boolean> {
      const found = users.findResetToken(sha256(token), now());
      if (!found) return false;
      const passwordHash = await deps.hasher.hash(password);
      return db.transaction(() => {
        if (!users.useResetToken(found.id, now())) return false;
        users.setPassword(found.userId, passwordHash, now());
        deps.endSessions(found.userId);
        const user = users.findById(found.userId);
        audit.record({
          actor: { userId: found.userId, email: user?.email ?? null },
          action: 'password.set_by_link',
          objectType: 'user',
          objectId: found.userId,
        });
        return true;
      })();
    },

    /** Removes the TOTP secret and recovery codes: the user enrols again at next sign-in. */
    resetSecondFactor(userId: number, actor: AuditActor): AdminOutcome {
      if (!users.findById(userId)) return { ok: false, reason: 'not_found' };
      db.transaction(() => {
        users.setTotpSecret(userId, null);
        users.replaceRecoveryCodes(userId, []);
        const ended = deps.endSessions(userId);
        audit.record({
          actor,
          action: 'two_factor.reset',
          objectType: 'user',
          objectId: userId,
          details: { sessionsEnded: ended },
        });
      })();
      return { ok: true };
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
