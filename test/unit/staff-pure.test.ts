import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { checkNewPassword, readCommonPasswords } from '../../src/staff/password-policy';
import { sessionExpiresAt } from '../../src/staff/staff-session-data';
import { buildAuditLogViewModel } from '../../src/routes/staff/audit-view-model';
import { auditRowView, describeGrants, staffLinksFor } from '../../src/routes/staff/staff-view-model';
import { buildUserListViewModel, roleFieldName } from '../../src/routes/staff/user-admin-view-model';
import type { StaffUser } from '../../src/staff/user-repository';

const common = readCommonPasswords(path.join(projectRoot, 'data', 'common-passwords.txt'));

describe('the bundled common-password list', () => {
  it('holds at least 3,000 distinct passwords, compared case-insensitively', () => {
    expect(common.size).toBeGreaterThanOrEqual(3000);
    expect(common.has('password1234')).toBe(true);
  });
});

describe('checkNewPassword', () => {
  it.each([
    ['', 'missing'],
    ['elevenchars', 'too_short'],
    ['x'.repeat(1025), 'too_long'],
    ['x'.repeat(50_000), 'too_long'],
    ['Password1234', 'common'],
    ['QWERTYUIOP123', 'common'],
    ['1qaz2wsx3edc', 'common'],
    ['me@kmpt.nhs.uk', 'common'],
    ['twelve chars', null],
    ['x'.repeat(1024), null],
    ['correct horse battery staple', null],
    ['🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', null],
  ])('%j -> %s', (password, expected) => {
    expect(checkNewPassword(password, common, 'me@kmpt.nhs.uk')).toBe(expected);
  });
});

describe('sessionExpiresAt', () => {
  const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
  it.each([
    [0, 0, 30 * 60_000],
    [0, 11 * 3_600_000, 11 * 3_600_000 + 30 * 60_000],
    [0, 11 * 3_600_000 + 45 * 60_000, 12 * 3_600_000],
  ])('created %d, last seen %d -> %d', (createdAt, lastSeenAt, expected) => {
    expect(sessionExpiresAt({ userId: 1, stage: 'signed-in', createdAt, lastSeenAt }, limits)).toBe(expected);
  });
});

describe('staff view models', () => {
  it.each([
    [[], ['/staff', '/staff/account/password']],
    [[{ role: 'viewer' }], ['/staff', '/staff/reports', '/staff/account/password']],
    [
      [{ role: 'quality' }, { role: 'viewer' }],
      ['/staff', '/staff/reports', '/staff/account/password'],
    ],
    [
      [{ role: 'admin' }, { role: 'admin' }],
      [
        '/staff',
        '/staff/admin/users',
        '/staff/admin/audit',
        '/staff/admin/themes',
        '/staff/admin/organisation',
        '/staff/admin/collection-points',
        '/staff/admin/kiosks',
        '/staff/account/password',
      ],
    ],
    [
      [{ role: 'pals' }],
      [
        '/staff',
        '/staff/pals/comments',
        '/staff/pals/you-said-we-did',
        '/staff/pals/compliments',
        '/staff/responses/new',
        '/staff/account/password',
      ],
    ],
  ] as const)('links for %j', (grants, hrefs) => {
    expect(staffLinksFor(grants).map((l) => l.href)).toEqual(hrefs);
  });

  it('describes roles with their scope', () => {
    expect(
      describeGrants([
        { role: 'admin', directorateId: null, teamId: null },
        { role: 'viewer', directorateId: 2, teamId: null },
        { role: 'pals', directorateId: null, teamId: 7 },
      ]),
    ).toBe('Administrator, Report viewer (directorate 2), PALS (team 7)');
    expect(describeGrants([])).toBe('none');
  });

  it('names one form field per role', () => {
    expect(['admin', 'pals', 'quality', 'viewer'].map((r) => roleFieldName(r as 'admin'))).toEqual([
      'roleAdmin',
      'rolePals',
      'roleQuality',
      'roleViewer',
    ]);
  });

  it('shows an audit row in London time with flat details', () => {
    expect(
      auditRowView({
        id: 1,
        occurredAt: '2026-07-01T12:30:00.000Z',
        actorUserId: null,
        actorEmail: null,
        action: 'audit.exported',
        objectType: 'audit_log',
        objectId: null,
        sessionRef: 'abc',
        details: '{"rows":3,"action":null}',
      }),
    ).toEqual({
      when: '1 July 2026 at 13:30',
      who: 'System',
      action: 'audit.exported',
      object: 'audit_log',
      session: 'abc',
      details: 'rows: 3; action: null',
    });
  });

  it('pages the audit log and keeps the filters in the CSV and page links', () => {
    const row = {
      id: 1,
      occurredAt: '2026-07-01T12:30:00.000Z',
      actorUserId: 1,
      actorEmail: 'a@kmpt.nhs.uk',
      action: 'sign_out',
      objectType: null,
      objectId: null,
      sessionRef: null,
      details: '{}',
    };
    const values = { action: 'sign_out', actor: '', from: '2026-07-01', to: '', page: 2 };
    const model = buildAuditLogViewModel(values, ['sign_out'], [row, row, row], 2, {});
    expect(model.rows).toHaveLength(2);
    expect(model.csvHref).toBe('/staff/admin/audit.csv?action=sign_out&from=2026-07-01');
    expect(model.previousHref).toBe('/staff/admin/audit?action=sign_out&from=2026-07-01');
    expect(model.nextHref).toBe('/staff/admin/audit?action=sign_out&from=2026-07-01&page=3');
    expect(buildAuditLogViewModel({ ...values, page: 1 }, [], [row], 2, {}).nextHref).toBeUndefined();
  });

  it.each([
    [{ disabled: true, lockedUntil: null, passwordHash: '$argon2id$' }, 'Disabled'],
    [{ disabled: false, lockedUntil: '2026-11-23T10:10:00.000Z', passwordHash: '$argon2id$' }, 'Locked'],
    [{ disabled: false, lockedUntil: '2026-11-23T09:50:00.000Z', passwordHash: '$argon2id$' }, 'Active'],
    [{ disabled: false, lockedUntil: null, passwordHash: '!unset' }, 'Waiting to set a password'],
  ])('user status %j -> %s', (fields, status) => {
    const user = {
      id: 1,
      email: 'a@kmpt.nhs.uk',
      twoFactorEnrolled: false,
      totpSecret: null,
      roles: [],
      ...fields,
    } as unknown as StaffUser;
    expect(buildUserListViewModel([user], new Date('2026-11-23T10:00:00Z')).rows[0]!.status).toBe(status);
  });
});
