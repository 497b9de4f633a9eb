import { formatLondonDateTime } from '../../clock';
import { roleLabels, roles, type Role } from '../../staff/roles';
import type { StaffUser } from '../../staff/user-repository';
import { describeGrants, errorListOf, inputField } from './staff-view-model';

export interface ScopeOption {
  value: string;
  text: string;
}

/** One form field per role (repeated field names are refused): roleAdmin, rolePals, ... */
export const roleFieldName = (role: Role) => `role${role[0]!.toUpperCase()}${role.slice(1)}`;

const statusOf = (user: StaffUser, now: Date) => {
  if (user.disabled) return 'Disabled';
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) return 'Locked';
  if (user.passwordHash.startsWith('!')) return 'Waiting to set a password';
  return 'Active';
};

export function buildUserListViewModel(users: StaffUser[], now: Date) {
  return {
    rows: users.map((user) => ({
      href: `/staff/admin/users/${user.id}`,
      email: user.email,
      roles: describeGrants(user.roles),
      status: statusOf(user, now),
      secondFactor: user.twoFactorEnrolled ? 'Set up' : 'Not set up',
    })),
  };
}

export function buildUserDetailViewModel(
  user: StaffUser,
  now: Date,
  extra: { problem?: string; link?: string },
  scopeOptions: ScopeOption[] = [],
) {
  const scoped = user.roles.find((g) => g.directorateId !== null || g.teamId !== null);
  const scope = scoped
    ? scoped.teamId
      ? `team:${scoped.teamId}`
      : `directorate:${scoped.directorateId}`
    : '';
  const form = buildNewUserViewModel(
    { email: user.email, roles: user.roles.map((g) => g.role), scope },
    scopeOptions,
    {},
  );
  return {
    rolesAction: `/staff/admin/users/${user.id}/roles`,
    roleItems: form.roleItems,
    scopeItems: form.scopeItems,
    email: user.email,
    errorList: extra.problem ? [{ text: extra.problem, href: '#roleAdmin' }] : [],
    link: extra.link,
    rows: [
      { key: 'Email address', value: user.email },
      { key: 'Roles', value: describeGrants(user.roles) },
      { key: 'Status', value: statusOf(user, now) },
      { key: 'Second factor', value: user.twoFactorEnrolled ? 'Set up' : 'Not set up' },
      { key: 'Added', value: formatLondonDateTime(new Date(user.createdAt)) },
    ],
    actions: [
      user.disabled
        ? { action: `/staff/admin/users/${user.id}/enable`, text: 'Re-enable this user', secondary: false }
        : { action: `/staff/admin/users/${user.id}/disable`, text: 'Disable this user', secondary: true },
      {
        action: `/staff/admin/users/${user.id}/password-link`,
        text: 'Create a password link',
        secondary: true,
      },
      {
        action: `/staff/admin/users/${user.id}/reset-two-factor`,
        text: 'Reset second factor',
        secondary: true,
      },
    ],
  };
}

export function buildNewUserViewModel(
  values: { email: string; roles: Role[]; scope: string },
  scopeOptions: ScopeOption[],
  errors: Record<string, string>,
) {
  const roleError = errors[roleFieldName('admin')];
  return {
    errorList: errorListOf(errors),
    emailField: inputField('email', 'Email address', errors, {
      type: 'email',
      value: values.email,
      autocomplete: 'off',
      spellcheck: false,
    }),
    roleError,
    roleItems: roles.map((role) => ({
      name: roleFieldName(role),
      text: roleLabels[role],
      checked: values.roles.includes(role),
    })),
    scopeItems: [
      { value: '', text: 'All teams and directorates', selected: values.scope === '' },
      ...scopeOptions.map((o) => ({ ...o, selected: o.value === values.scope })),
    ],
  };
}
