import type { Request, Response } from 'express';
import { z } from 'zod';
import { londonDateOf, type Clock } from '../../clock';
import type { Config } from '../../config';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import type { OrganisationRepository } from '../../organisation/organisation-repository';
import { staffActor } from '../../staff/permissions';
import { roles, type Role, type RoleGrant } from '../../staff/roles';
import type { StaffAccess } from '../../staff/staff-access';
import {
  buildNewUserViewModel,
  buildUserDetailViewModel,
  buildUserListViewModel,
  roleFieldName,
  type ScopeOption,
} from './user-admin-view-model';
import { titleWith } from './staff-view-model';

const userIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@kmpt.nhs.uk');

/** Role grants from the form: the scope applies to the non-admin roles (admin is never scoped). */
function grantsFor(chosen: readonly Role[], scope: string): RoleGrant[] {
  const [kind, id] = scope.split(':');
  return chosen.map((role) => ({
    role,
    directorateId: role !== 'admin' && kind === 'directorate' ? Number(id) : null,
    teamId: role !== 'admin' && kind === 'team' ? Number(id) : null,
  }));
}

const problems: Record<string, string> = {
  last_admin:
    'You cannot disable the last administrator or take away their role. Give another user the administrator role first.',
  no_role: 'Select at least one role',
  not_found: 'That user no longer exists.',
};

/** Admin pages for staff accounts: list, add (roles and scope), disable, re-enable, password link, reset 2FA. */
export function createUserAdminController(deps: {
  staff: StaffAccess;
  organisation: OrganisationRepository;
  clock: Clock;
  config: Config;
}) {
  const { staff } = deps;
  const linkFor = (token: string) => `${deps.config.PUBLIC_BASE_URL}/staff/password-link?token=${token}`;

  function scopeOptions(): ScopeOption[] {
    const teams = deps.organisation.listActiveTeamsOn(londonDateOf(deps.clock.now()));
    const directorates = new Map(teams.map((t) => [t.directorateId, t.directorateName]));
    return [
      ...[...directorates].map(([id, name]) => ({
        value: `directorate:${id}`,
        text: `Directorate: ${name}`,
      })),
      ...teams.map((t) => ({ value: `team:${t.teamId}`, text: `Team: ${t.name}` })),
    ];
  }

  /** The chosen roles and scope from a roles form; the scope must be one of the offered options. */
  function readRoles(body: unknown) {
    const fields = readFormFields(body, ['email', 'scope', ...roles.map(roleFieldName), CSRF_FIELD]);
    const chosen = roles.filter((role) => fields[roleFieldName(role)] === 'yes');
    const options = scopeOptions();
    const scope = options.some((o) => o.value === fields.scope) ? (fields.scope ?? '') : '';
    return { fields, chosen, options, scope };
  }

  function userFrom(req: Request) {
    const id = userIdParam.safeParse(req.params.userId);
    const user = id.success ? staff.users.findById(id.data) : undefined;
    if (!user) throw notFound();
    return user;
  }

  function renderDetail(
    res: Response,
    userId: number,
    status: number,
    extra: { problem?: string; link?: string },
  ) {
    const user = staff.users.findById(userId);
    if (!user) throw notFound();
    const model = buildUserDetailViewModel(user, deps.clock.now(), extra, scopeOptions());
    res.status(status).render('pages/staff/admin-user', {
      pageTitle: extra.problem ? `Error: ${model.email}` : model.email,
      ...model,
    });
  }

  return {
    list: (_req: Request, res: Response): void => {
      res.render('pages/staff/admin-users', {
        pageTitle: 'Staff users',
        ...buildUserListViewModel(staff.users.list(), deps.clock.now()),
      });
    },

    showNew: (_req: Request, res: Response): void => {
      res.render('pages/staff/admin-user-new', {
        pageTitle: 'Add a staff user',
        ...buildNewUserViewModel({ email: '', roles: [], scope: '' }, scopeOptions(), {}),
      });
    },

    create: (req: Request, res: Response): void => {
      const { fields, chosen, options, scope } = readRoles(req.body);
      const errors: Record<string, string> = {};
      const email = emailSchema.safeParse(fields.email ?? '');
      if (!email.success) errors.email = email.error.issues[0]?.message ?? 'Enter an email address';
      if (chosen.length === 0) errors[roleFieldName('admin')] = 'Select at least one role';
      const values = { email: (fields.email ?? '').slice(0, 254), roles: chosen, scope };
      if (!email.success || chosen.length === 0) {
        res.status(400).render('pages/staff/admin-user-new', {
          pageTitle: titleWith('Add a staff user', errors),
          ...buildNewUserViewModel(values, options, errors),
        });
        return;
      }
      const grants = grantsFor(chosen, scope);
      const created = staff.admin.createUser({ email: email.data, roles: grants }, staffActor(res));
      if (!created.ok) {
        const taken = { email: 'A user with this email address already exists' };
        res.status(400).render('pages/staff/admin-user-new', {
          pageTitle: titleWith('Add a staff user', taken),
          ...buildNewUserViewModel(values, options, taken),
        });
        return;
      }
      // The one-time link is shown once, on this response, and never stored in a form we can read back.
      renderDetail(res, created.userId, 201, { link: linkFor(created.token) });
    },

    show: (req: Request, res: Response): void => renderDetail(res, userFrom(req).id, 200, {}),

    disable: (req: Request, res: Response): void => {
      const user = userFrom(req);
      const outcome = staff.admin.setDisabled(user.id, true, staffActor(res));
      if (!outcome.ok) return renderDetail(res, user.id, 409, { problem: problems[outcome.reason] ?? '' });
      res.redirect(303, `/staff/admin/users/${user.id}`);
    },

    enable: (req: Request, res: Response): void => {
      const user = userFrom(req);
      staff.admin.setDisabled(user.id, false, staffActor(res));
      res.redirect(303, `/staff/admin/users/${user.id}`);
    },

    passwordLink: (req: Request, res: Response): void => {
      const user = userFrom(req);
      const issued = staff.admin.issuePasswordLink(user.id, staffActor(res));
      if (!issued.ok) throw notFound();
      renderDetail(res, user.id, 200, { link: linkFor(issued.token) });
    },

    changeRoles: (req: Request, res: Response): void => {
      const user = userFrom(req);
      const { chosen, scope } = readRoles(req.body);
      if (chosen.length === 0) return renderDetail(res, user.id, 400, { problem: problems.no_role ?? '' });
      const outcome = staff.admin.replaceRoles(user.id, grantsFor(chosen, scope), staffActor(res));
      if (!outcome.ok) return renderDetail(res, user.id, 409, { problem: problems[outcome.reason] ?? '' });
      res.redirect(303, `/staff/admin/users/${user.id}`);
    },

    resetTwoFactor: (req: Request, res: Response): void => {
      const user = userFrom(req);
      staff.admin.resetSecondFactor(user.id, staffActor(res));
      res.redirect(303, `/staff/admin/users/${user.id}`);
    },
  };
}
