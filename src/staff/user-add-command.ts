import { parseArgs } from 'node:util';
import type { StaffAccess } from './staff-access';
import { checkNewPassword, passwordMessages } from './password-policy';
import { roles, type Role } from './roles';

export const userAddUsage =
  'Usage: npm run user:add -- --email <email> --role <admin|pals|quality|viewer>[,<role>...] --password-stdin\n' +
  '  Reads the password from standard input (for example: printf %s "$PASSWORD" | npm run user:add -- ...).\n';

/**
 * `npm run user:add`: creates a staff user with a password read from stdin (never from the command line, where
 * it would be visible in the process list and shell history). Returns the exit code and the message to print.
 */
export async function runUserAdd(
  argv: string[],
  readStdin: () => Promise<string>,
  staff: StaffAccess,
): Promise<{ code: number; message: string }> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return { code: 2, message: `${(error as Error).message}\n${userAddUsage}` };
  }
  const email = values.email?.trim() ?? '';
  const chosen = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim());
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    return { code: 2, message: `Give a valid --email.\n${userAddUsage}` };
  }
  const unknown = chosen.filter((r) => !(roles as readonly string[]).includes(r));
  if (chosen.length === 0 || unknown.length > 0) {
    return { code: 2, message: `Give --role as one or more of ${roles.join(', ')}.\n${userAddUsage}` };
  }
  if (!values['password-stdin'])
    return { code: 2, message: `--password-stdin is required.\n${userAddUsage}` };
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const problem = checkNewPassword(password, staff.commonPasswords, email);
  if (problem) return { code: 1, message: `${passwordMessages[problem]}.\n` };
  const created = await staff.admin.createWithPassword({
    email,
    password,
    roles: [...new Set(chosen)].map((role) => ({ role: role as Role, directorateId: null, teamId: null })),
  });
  if (!created.ok) return { code: 1, message: `A user with the email address ${email} already exists.\n` };
  return {
    code: 0,
    message: `Created user ${email} (id ${created.userId}). They set up their authenticator app at first sign-in.\n`,
  };
}
