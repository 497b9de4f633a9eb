import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { signedInStaff, staffRoute } from '../../staff/permissions';
import { createAccountController } from './account-controller';
import { createAuditController } from './audit-controller';
import { createUserAdminController } from './user-admin-controller';
import { createSignInController } from './sign-in-controller';
import { staffLinksFor } from './staff-view-model';

/** Gives the layout the staff navigation (display-ready) when someone is signed in. */
const staffNavigation =
  (idleMinutes: number): RequestHandler =>
  (_req, res, next) => {
    const user = signedInStaff(res);
    if (user) {
      res.locals.staffNav = {
        email: user.email,
        links: staffLinksFor(user.roles),
        idleSeconds: idleMinutes * 60,
      };
    }
    next();
  };

/**
 * Every /staff page. The sign-in steps are open (each checks its own stage); everything else is registered with
 * `staffRoute`, which takes its roles from the permission table in src/staff/permissions.ts.
 */
export function staffRoutes(deps: AppDeps): Router {
  const staff = deps.services.staff;
  const router = Router();
  router.use('/staff', staffNavigation(deps.config.SESSION_IDLE_MINUTES));

  const signIn = createSignInController(staff, deps.clock);
  router.get('/staff/sign-in', signIn.showSignIn);
  router.post('/staff/sign-in', signIn.signIn);
  router.get('/staff/two-factor', signIn.showSecondFactor);
  router.post('/staff/two-factor', signIn.checkSecondFactor);
  router.get('/staff/two-factor/recovery-codes', signIn.showRecoveryCodes);
  router.post('/staff/sign-out', signIn.signOut);

  const account = createAccountController(staff);
  router.get('/staff/password-link', account.showLink);
  router.post('/staff/password-link', account.useLink);
  staffRoute(router, { method: 'GET', path: '/staff' }, account.home);
  staffRoute(router, { method: 'GET', path: '/staff/account/password' }, account.showChangePassword);
  staffRoute(router, { method: 'POST', path: '/staff/account/password' }, account.changePassword);
  // The staff session middleware has already renewed the idle limit by the time this runs (WCAG 2.2.1).
  staffRoute(router, { method: 'POST', path: '/staff/session/keep-alive' }, (_req, res) => {
    res.status(204).end();
  });

  const users = createUserAdminController({
    staff,
    organisation: deps.services.organisation,
    clock: deps.clock,
    config: deps.config,
  });
  staffRoute(router, { method: 'GET', path: '/staff/admin/users' }, users.list);
  staffRoute(router, { method: 'GET', path: '/staff/admin/users/new' }, users.showNew);
  staffRoute(router, { method: 'POST', path: '/staff/admin/users/new' }, users.create);
  staffRoute(router, { method: 'GET', path: '/staff/admin/users/:userId' }, users.show);
  staffRoute(router, { method: 'POST', path: '/staff/admin/users/:userId/disable' }, users.disable);
  staffRoute(router, { method: 'POST', path: '/staff/admin/users/:userId/enable' }, users.enable);
  staffRoute(router, { method: 'POST', path: '/staff/admin/users/:userId/roles' }, users.changeRoles);
  staffRoute(
    router,
    { method: 'POST', path: '/staff/admin/users/:userId/password-link' },
    users.passwordLink,
  );
  staffRoute(
    router,
    { method: 'POST', path: '/staff/admin/users/:userId/reset-two-factor' },
    users.resetTwoFactor,
  );

  const audit = createAuditController(staff);
  staffRoute(router, { method: 'GET', path: '/staff/admin/audit' }, audit.show);
  staffRoute(router, { method: 'GET', path: '/staff/admin/audit.csv' }, audit.exportCsv);

  return router;
}
