import type { Db } from '../db/database';
import type { SecretBox } from '../security/secret-box';
import type { Role, RoleGrant } from './roles';

export interface UserRow {
  id: number;
  email: string;
  passwordHash: string;
  disabled: boolean;
  /** True once a second factor is set up, even if its secret cannot be opened with the current key. */
  twoFactorEnrolled: boolean;
  /** The opened TOTP secret; null when not enrolled or when it was sealed under another SECRET_KEY. */
  totpSecret: string | null;
  totpLastStep: number | null;
  failedCount: number;
  lockedUntil: string | null;
  createdAt: string;
}

export interface StaffUser extends UserRow {
  roles: RoleGrant[];
}

interface DbUser {
  id: number;
  email: string;
  password_hash: string;
  disabled: number;
  totp_secret: string | null;
  totp_last_step: number | null;
  failed_count: number;
  locked_until: string | null;
  created_at: string;
}

const toUser = (row: DbUser, totpSecrets: SecretBox): UserRow => ({
  id: row.id,
  email: row.email,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1,
  twoFactorEnrolled: row.totp_secret !== null,
  totpSecret: row.totp_secret === null ? null : totpSecrets.open(row.totp_secret),
  totpLastStep: row.totp_last_step,
  failedCount: row.failed_count,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
});

/**
 * Staff users, their roles, recovery codes and password-reset tokens. Statements prepared once. TOTP secrets are
 * sealed with `totpSecrets` on the way in and opened on the way out.
 */
export function createUserRepository(db: Db, totpSecrets: SecretBox) {
  const byId = db.prepare(
    'SELECT id, email, password_hash, disabled, totp_secret, totp_last_step, failed_count, locked_until, created_at FROM users WHERE id = :id',
  );
  const byEmail = db.prepare(
    'SELECT id, email, password_hash, disabled, totp_secret, totp_last_step, failed_count, locked_until, created_at FROM users WHERE email = :email',
  );
  const all = db.prepare(
    'SELECT id, email, password_hash, disabled, totp_secret, totp_last_step, failed_count, locked_until, created_at FROM users ORDER BY email',
  );
  const rolesOf = db.prepare(
    'SELECT role, directorate_id, team_id FROM user_roles WHERE user_id = :userId ORDER BY role, id',
  );
  const insertUser = db.prepare(
    `INSERT INTO users (email, password_hash, created_at, password_changed_at)
     VALUES (:email, :passwordHash, :now, :now)`,
  );
  const insertRole = db.prepare(
    'INSERT INTO user_roles (user_id, role, directorate_id, team_id) VALUES (:userId, :role, :directorateId, :teamId)',
  );
  const deleteRoles = db.prepare('DELETE FROM user_roles WHERE user_id = :userId');
  const setDisabled = db.prepare('UPDATE users SET disabled = :disabled WHERE id = :id');
  const setPassword = db.prepare(
    `UPDATE users SET password_hash = :passwordHash, password_changed_at = :now, failed_count = 0,
       locked_until = NULL WHERE id = :id`,
  );
  const recordFailure = db.prepare(
    `UPDATE users SET failed_count = failed_count + 1,
       locked_until = CASE WHEN failed_count + 1 >= :threshold THEN :lockUntil ELSE locked_until END
     WHERE id = :id`,
  );
  const clearFailures = db.prepare('UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = :id');
  const setTotp = db.prepare('UPDATE users SET totp_secret = :secret, totp_last_step = NULL WHERE id = :id');
  const plainTotpSecrets = db.prepare(
    "SELECT id, totp_secret AS secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'sealed.%'",
  );
  const sealTotp = db.prepare('UPDATE users SET totp_secret = :secret WHERE id = :id');
  const setTotpStep = db.prepare('UPDATE users SET totp_last_step = :step WHERE id = :id');
  const countActiveAdmins = db.prepare(
    `SELECT count(DISTINCT u.id) AS n FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE r.role = 'admin' AND u.disabled = 0`,
  );
  const deleteCodes = db.prepare('DELETE FROM recovery_codes WHERE user_id = :userId');
  const insertCode = db.prepare(
    'INSERT INTO recovery_codes (user_id, code_hash) VALUES (:userId, :codeHash)',
  );
  const useCode = db.prepare(
    'UPDATE recovery_codes SET used_at = :now WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL',
  );
  const insertReset = db.prepare(
    `INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at)
     VALUES (:userId, :tokenHash, :now, :expiresAt)`,
  );
  const findReset = db.prepare(
    `SELECT id, user_id AS userId FROM password_reset_tokens
     WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now`,
  );
  const useReset = db.prepare(
    'UPDATE password_reset_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL',
  );
  const voidResets = db.prepare(
    'UPDATE password_reset_tokens SET used_at = :now WHERE user_id = :userId AND used_at IS NULL',
  );

  const withRoles = (row: DbUser | undefined): StaffUser | undefined => {
    if (!row) return undefined;
    const grants = (
      rolesOf.all({ userId: row.id }) as {
        role: Role;
        directorate_id: number | null;
        team_id: number | null;
      }[]
    ).map((r) => ({ role: r.role, directorateId: r.directorate_id, teamId: r.team_id }));
    return { ...toUser(row, totpSecrets), roles: grants };
  };

  return {
    findById: (id: number) => withRoles(byId.get({ id }) as DbUser | undefined),
    findByEmail: (email: string) => withRoles(byEmail.get({ email }) as DbUser | undefined),
    list: () => (all.all() as DbUser[]).map((row) => withRoles(row) as StaffUser),
    /** Creates the user with their roles in one transaction; returns the new id. */
    create: db.transaction(
      (input: { email: string; passwordHash: string; roles: RoleGrant[]; now: string }): number => {
        const id = Number(
          insertUser.run({ email: input.email, passwordHash: input.passwordHash, now: input.now })
            .lastInsertRowid,
        );
        for (const grant of input.roles) insertRole.run({ userId: id, ...grant });
        return id;
      },
    ),
    replaceRoles: db.transaction((userId: number, grants: RoleGrant[]) => {
      deleteRoles.run({ userId });
      for (const grant of grants) insertRole.run({ userId, ...grant });
    }),
    setDisabled: (id: number, disabled: boolean) => setDisabled.run({ id, disabled: disabled ? 1 : 0 }),
    setPassword: (id: number, passwordHash: string, now: string) =>
      setPassword.run({ id, passwordHash, now }),
    recordFailure: (id: number, threshold: number, lockUntil: string) =>
      recordFailure.run({ id, threshold, lockUntil }),
    clearFailures: (id: number) => clearFailures.run({ id }),
    setTotpSecret: (id: number, secret: string | null) =>
      setTotp.run({ id, secret: secret === null ? null : totpSecrets.seal(secret) }),
    /** Seals secrets stored before sealing existed (run at start-up); returns how many. */
    sealPlainTotpSecrets: db.transaction((): number => {
      const rows = plainTotpSecrets.all() as { id: number; secret: string }[];
      for (const row of rows) sealTotp.run({ id: row.id, secret: totpSecrets.seal(row.secret) });
      return rows.length;
    }),
    setTotpLastStep: (id: number, step: number) => setTotpStep.run({ id, step }),
    activeAdminCount: () => (countActiveAdmins.get() as { n: number }).n,
    replaceRecoveryCodes: db.transaction((userId: number, codeHashes: string[]) => {
      deleteCodes.run({ userId });
      for (const codeHash of codeHashes) insertCode.run({ userId, codeHash });
    }),
    /** Marks the code used; true only the first time it is presented. */
    useRecoveryCode: (userId: number, codeHash: string, now: string) =>
      useCode.run({ userId, codeHash, now }).changes === 1,
    addResetToken: (userId: number, tokenHash: string, now: string, expiresAt: string) => {
      voidResets.run({ userId, now });
      insertReset.run({ userId, tokenHash, now, expiresAt });
    },
    findResetToken: (tokenHash: string, now: string) =>
      findReset.get({ tokenHash, now }) as { id: number; userId: number } | undefined,
    useResetToken: (id: number, now: string) => useReset.run({ id, now }).changes === 1,
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
