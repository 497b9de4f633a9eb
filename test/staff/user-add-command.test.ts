import { runUserAdd } from '../../src/staff/user-add-command';
import { buildTestApp, signInStaff } from '../support/test-app';

const stdin = (text: string) => () => Promise.resolve(text);

describe('npm run user:add', () => {
  it('creates an admin with the password read from stdin, who can then sign in', async () => {
    const t = buildTestApp();
    const result = await runUserAdd(
      ['--email', 'first@kmpt.nhs.uk', '--role', 'admin', '--password-stdin'],
      stdin('a long first admin passphrase\n'),
      t.deps.services.staff,
    );
    expect(result).toEqual({
      code: 0,
      message: expect.stringContaining('Created user first@kmpt.nhs.uk') as string,
    });
    await signInStaff(t, 'first@kmpt.nhs.uk', 'a long first admin passphrase');
  });

  it.each([
    [['--email', 'a@kmpt.nhs.uk', '--role', 'admin'], 'x', 2, '--password-stdin is required'],
    [
      ['--email', 'nope', '--role', 'admin', '--password-stdin'],
      'a long passphrase here',
      2,
      'valid --email',
    ],
    [
      ['--email', 'a@kmpt.nhs.uk', '--role', 'root', '--password-stdin'],
      'a long passphrase here',
      2,
      '--role',
    ],
    [['--email', 'a@kmpt.nhs.uk', '--role', 'admin', '--password-stdin'], 'short', 1, '12 characters'],
    [['--email', 'a@kmpt.nhs.uk', '--role', 'admin', '--password-stdin'], 'password1234', 1, 'too common'],
    [['--email', 'a@kmpt.nhs.uk', '--password', 'on-the-command-line'], '', 2, 'Unknown option'],
  ])('refuses %j', async (argv, input, code, message) => {
    const t = buildTestApp();
    const result = await runUserAdd(argv, stdin(input), t.deps.services.staff);
    expect(result.code).toBe(code);
    expect(result.message).toContain(message);
    expect(t.deps.services.staff.users.list()).toHaveLength(0);
  });

  it('logs at start-up how to create the first admin when there is none', () => {
    const t = buildTestApp();
    expect(t.logger.lines.join('\n')).toContain(
      'npm run user:add -- --email <email> --role admin --password-stdin',
    );
  });
});
