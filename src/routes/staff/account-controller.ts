import type { Request, Response } from 'express';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { signedInStaff, auditActorOf } from '../../staff/permissions';
import { checkNewPassword, passwordMessages } from '../../staff/password-policy';
import { roleLabels } from '../../staff/roles';
import type { StaffAccess } from '../../staff/staff-access';
import { errorListOf, inputField, staffLinksFor, titleWith } from './staff-view-model';

/** The staff home page, changing your own password, and setting a password through a one-time link. */
export function createAccountController(staff: StaffAccess) {
  function renderChange(res: Response, errors: Record<string, string>) {
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('pages/staff/set-password', {
      pageTitle: titleWith('Change your password', errors),
      heading: 'Change your password',
      action: '/staff/account/password',
      buttonText: 'Change password',
      errorList: errorListOf(errors),
      fields: [
        inputField('currentPassword', 'Current password', errors, {
          type: 'password',
          autocomplete: 'current-password',
        }),
        inputField('newPassword', 'New password', errors, { type: 'password', autocomplete: 'new-password' }),
      ],
    });
  }

  function renderLink(res: Response, token: string, email: string, errors: Record<string, string>) {
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('pages/staff/set-password', {
      pageTitle: titleWith('Set your password', errors),
      heading: `Set a password for ${email}`,
      action: '/staff/password-link',
      buttonText: 'Set password',
      token,
      errorList: errorListOf(errors),
      fields: [
        inputField('newPassword', 'New password', errors, { type: 'password', autocomplete: 'new-password' }),
      ],
    });
  }

  const linkToken = (value: unknown) =>
    typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : '';

  return {
    home: (_req: Request, res: Response): void => {
      const user = signedInStaff(res)!;
      res.render('pages/staff/home', {
        pageTitle: 'Staff pages',
        email: user.email,
        roleText: [...new Set(user.roles.map((g) => roleLabels[g.role]))].join(', '),
        links: staffLinksFor(user.roles).filter((link) => link.href !== '/staff'),
      });
    },

    showChangePassword: (_req: Request, res: Response): void => renderChange(res, {}),

    changePassword: async (req: Request, res: Response): Promise<void> => {
      const user = signedInStaff(res)!;
      const fields = readFormFields(req.body, ['currentPassword', 'newPassword', CSRF_FIELD]);
      const current = fields.currentPassword ?? '';
      const next = fields.newPassword ?? '';
      const errors: Record<string, string> = {};
      if (current === '') errors.currentPassword = 'Enter your current password';
      const problem = checkNewPassword(next, staff.commonPasswords, user.email);
      if (problem) errors.newPassword = passwordMessages[problem];
      if (Object.keys(errors).length > 0) return renderChange(res, errors);
      const actor = auditActorOf(user);
      if (!(await staff.auth.changePassword(user.id, current, next, actor))) {
        return renderChange(res, { currentPassword: 'Your current password is not right' });
      }
      res.redirect(303, '/staff');
    },

    showLink: (req: Request, res: Response): void => {
      const token = linkToken(req.query.token);
      const user = token ? staff.admin.userForLink(token) : undefined;
      if (!user) {
        res.status(404).render('pages/staff/link-expired', { pageTitle: 'This link has expired' });
        return;
      }
      renderLink(res, token, user.email, {});
    },

    useLink: async (req: Request, res: Response): Promise<void> => {
      const fields = readFormFields(req.body, ['token', 'newPassword', CSRF_FIELD]);
      const token = linkToken(fields.token);
      const user = token ? staff.admin.userForLink(token) : undefined;
      if (!user) {
        res.status(404).render('pages/staff/link-expired', { pageTitle: 'This link has expired' });
        return;
      }
      const problem = checkNewPassword(fields.newPassword ?? '', staff.commonPasswords, user.email);
      if (problem) return renderLink(res, token, user.email, { newPassword: passwordMessages[problem] });
      if (!(await staff.admin.completeLink(token, fields.newPassword ?? ''))) {
        res.status(404).render('pages/staff/link-expired', { pageTitle: 'This link has expired' });
        return;
      }
      res.redirect(303, '/staff/sign-in');
    },
  };
}
