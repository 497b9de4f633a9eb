import fs from 'node:fs';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Reads the bundled list of common passwords (one a line, # comments), lower-cased for comparison. */
export function readCommonPasswords(file: string): ReadonlySet<string> {
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.toLowerCase()),
  );
}

export type PasswordProblem = 'missing' | 'too_short' | 'too_long' | 'common';

/**
 * NIST SP 800-63B / ASVS rules: 12 to 1,024 characters, not a known common password. No composition rules and no
 * expiry. Checked before any hashing, so a 50,000-character password costs nothing.
 */
export function checkNewPassword(
  password: string,
  common: ReadonlySet<string>,
  email?: string,
): PasswordProblem | null {
  if (password === '') return 'missing';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'common';
  if (email && lower === email.toLowerCase()) return 'common';
  return null;
}

export const passwordMessages: Record<PasswordProblem, string> = {
  missing: 'Enter a new password',
  too_short: `Password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  too_long: `Password must be ${PASSWORD_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  common: 'Choose a password that is harder to guess: this one is too common',
};
