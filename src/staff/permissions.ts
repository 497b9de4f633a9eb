import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { AuditActor } from '../audit-sink';
import { HttpError } from '../middleware/http-errors';
import { roles as allRoles, type Role } from './roles';
import { kioskPermissions } from './kiosk-permissions';

export type StaffMethod = 'GET' | 'POST';

export interface StaffPermission {
  method: StaffMethod;
  /** The Express path, exactly as registered (parameters as :name). */
  path: string;
  roles: readonly Role[];
  purpose: string;
}

const everyone = allRoles;
const adminOnly: readonly Role[] = ['admin'];
/** Raw comments are read only by PALS (issue 6): reading, triage, redaction and publication. */
const palsOnly: readonly Role[] = ['pals'];
const reportReaders: readonly Role[] = ['quality', 'viewer'];
const qualityOnly: readonly Role[] = ['quality'];

/**
 * THE permission table: every staff route and the roles allowed on it. Routes are registered through
 * `staffRoute`, which refuses a route that is not listed here, and a test walks the real app's router to prove
 * that every /staff route is either listed (and protected) or one of the sign-in routes in `staffAuthRoutes`.
 * docs/staff-access.md shows this table as the permission matrix: keep both in step.
 */
export const staffPermissions: readonly StaffPermission[] = [
  { method: 'GET', path: '/staff', roles: everyone, purpose: 'Staff home: links for your roles' },
  { method: 'GET', path: '/staff/account/password', roles: everyone, purpose: 'Change your password' },
  { method: 'POST', path: '/staff/account/password', roles: everyone, purpose: 'Change your password' },
  {
    method: 'POST',
    path: '/staff/session/keep-alive',
    roles: everyone,
    purpose: 'Stay signed in (the time-limit warning)',
  },
  { method: 'GET', path: '/staff/admin/users', roles: adminOnly, purpose: 'List staff users' },
  { method: 'GET', path: '/staff/admin/users/new', roles: adminOnly, purpose: 'Add a staff user' },
  { method: 'POST', path: '/staff/admin/users/new', roles: adminOnly, purpose: 'Add a staff user' },
  { method: 'GET', path: '/staff/admin/users/:userId', roles: adminOnly, purpose: 'A staff user' },
  { method: 'POST', path: '/staff/admin/users/:userId/disable', roles: adminOnly, purpose: 'Disable a user' },
  {
    method: 'POST',
    path: '/staff/admin/users/:userId/enable',
    roles: adminOnly,
    purpose: 'Re-enable a user',
  },
  {
    method: 'POST',
    path: '/staff/admin/users/:userId/roles',
    roles: adminOnly,
    purpose: "Change a user's roles",
  },
  {
    method: 'POST',
    path: '/staff/admin/users/:userId/password-link',
    roles: adminOnly,
    purpose: 'Issue a one-time password link',
  },
  {
    method: 'POST',
    path: '/staff/admin/users/:userId/reset-two-factor',
    roles: adminOnly,
    purpose: "Reset a user's second factor",
  },
  { method: 'GET', path: '/staff/admin/audit', roles: adminOnly, purpose: 'Browse the audit log' },
  { method: 'GET', path: '/staff/admin/audit.csv', roles: adminOnly, purpose: 'Export the audit log as CSV' },
  { method: 'GET', path: '/staff/admin/themes', roles: adminOnly, purpose: 'The PALS theme taxonomy' },
  { method: 'POST', path: '/staff/admin/themes', roles: adminOnly, purpose: 'Add a PALS theme' },
  {
    method: 'POST',
    path: '/staff/admin/themes/:themeId',
    roles: adminOnly,
    purpose: 'Rename, deactivate or reactivate a PALS theme',
  },
  // PALS workspace (docs/pals.md).
  { method: 'GET', path: '/staff/pals/comments', roles: palsOnly, purpose: 'PALS comment inbox (audited)' },
  {
    method: 'POST',
    path: '/staff/pals/comments/bulk',
    roles: palsOnly,
    purpose: 'Mark several comments reviewed or add a theme',
  },
  { method: 'GET', path: '/staff/pals/comments/:commentId', roles: palsOnly, purpose: 'A comment (audited)' },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/status',
    roles: palsOnly,
    purpose: "Change a comment's status",
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/sentiment',
    roles: palsOnly,
    purpose: "Confirm a comment's sentiment",
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/themes',
    roles: palsOnly,
    purpose: "Set a comment's themes",
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/owner',
    roles: palsOnly,
    purpose: "Set a comment's owner",
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/notes',
    roles: palsOnly,
    purpose: 'Add an internal note',
  },
  {
    method: 'GET',
    path: '/staff/pals/comments/:commentId/publish',
    roles: palsOnly,
    purpose: 'Redact a comment for publication',
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/publish',
    roles: palsOnly,
    purpose: 'Approve a redacted comment (audited)',
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/withdraw',
    roles: palsOnly,
    purpose: 'Withdraw a published comment (audited)',
  },
  {
    method: 'GET',
    path: '/staff/pals/flags/:flagId',
    roles: palsOnly,
    purpose: 'A risk flag, same-day review',
  },
  {
    method: 'POST',
    path: '/staff/pals/flags/:flagId',
    roles: palsOnly,
    purpose: "Record a risk flag's outcome",
  },
  {
    method: 'POST',
    path: '/staff/pals/comments/:commentId/compliment',
    roles: palsOnly,
    purpose: 'Mark or unmark a comment as a compliment (audited)',
  },
  {
    method: 'GET',
    path: '/staff/pals/compliments',
    roles: palsOnly,
    purpose: "A team's compliments, printable (comment text: audited)",
  },
  {
    method: 'GET',
    path: '/staff/pals/compliments.csv',
    roles: palsOnly,
    purpose: 'Export compliments as CSV (comment text: audited)',
  },
  // "You said, we did" entries (docs/pals.md): PALS own publication, so the pages are theirs alone.
  {
    method: 'GET',
    path: '/staff/pals/you-said-we-did',
    roles: palsOnly,
    purpose: 'You said, we did entries, by status',
  },
  {
    method: 'GET',
    path: '/staff/pals/you-said-we-did/new',
    roles: palsOnly,
    purpose: 'Add a You said, we did entry',
  },
  {
    method: 'POST',
    path: '/staff/pals/you-said-we-did/new',
    roles: palsOnly,
    purpose: 'Add a You said, we did entry (audited)',
  },
  {
    method: 'GET',
    path: '/staff/pals/you-said-we-did/:entryId',
    roles: palsOnly,
    purpose: 'Change a You said, we did entry',
  },
  {
    method: 'POST',
    path: '/staff/pals/you-said-we-did/:entryId',
    roles: palsOnly,
    purpose: 'Change a You said, we did entry (audited)',
  },
  {
    method: 'POST',
    path: '/staff/pals/you-said-we-did/:entryId/status',
    roles: palsOnly,
    purpose: 'Mark an entry planned, in progress or done (audited)',
  },
  ...kioskPermissions,
  {
    method: 'GET',
    path: '/staff/reports',
    roles: reportReaders,
    purpose: 'Report dashboard (viewers: suppressed, their scope only)',
  },
  {
    method: 'GET',
    path: '/staff/reports/equality',
    roles: reportReaders,
    purpose: 'Equality breakdowns of the report (always suppressed; viewers: their scope only)',
  },
  {
    method: 'GET',
    path: '/staff/reports/export/equality.csv',
    roles: qualityOnly,
    purpose: 'Export the equality breakdowns as CSV (suppressed; audited)',
  },
  {
    method: 'GET',
    path: '/staff/reports/export/responses.csv',
    roles: qualityOnly,
    purpose: 'Export responses as CSV (free text only with pals too; audited)',
  },
  {
    method: 'GET',
    path: '/staff/reports/export/aggregates.csv',
    roles: qualityOnly,
    purpose: 'Export the report table as CSV (audited)',
  },
  {
    method: 'GET',
    path: '/staff/reports/export/fft-return.csv',
    roles: qualityOnly,
    purpose: 'Export the NHS England FFT monthly return (audited)',
  },
];

/**
 * The /staff routes open without a signed-in session: the sign-in steps themselves (each checks its own stage),
 * sign-out and the one-time password link. Listed so the route test can tell them from a forgotten entry.
 */
export const staffAuthRoutes: readonly { method: StaffMethod; path: string }[] = [
  { method: 'GET', path: '/staff/sign-in' },
  { method: 'POST', path: '/staff/sign-in' },
  { method: 'GET', path: '/staff/two-factor' },
  { method: 'POST', path: '/staff/two-factor' },
  { method: 'GET', path: '/staff/two-factor/recovery-codes' },
  { method: 'POST', path: '/staff/sign-out' },
  // The token travels in the query string (GET) or the form (POST), never the path: paths are logged.
  { method: 'GET', path: '/staff/password-link' },
  { method: 'POST', path: '/staff/password-link' },
];

/** The signed-in staff user, as set by the staff session middleware (res.locals.staffUser). */
export interface SignedInStaff {
  id: number;
  email: string;
  roles: readonly { role: Role; directorateId: number | null; teamId: number | null }[];
  sessionId: string;
}

export function signedInStaff(res: Response): SignedInStaff | undefined {
  return res.locals.staffUser as SignedInStaff | undefined;
}

/** Who an audit row names for a signed-in user: id, email and session (never the session cookie). */
export const auditActorOf = (user: SignedInStaff): AuditActor => ({
  userId: user.id,
  email: user.email,
  sessionId: user.sessionId,
});

/** The audit actor of a request on a staff route (staffRoute has already refused anyone not signed in). */
export function staffActor(res: Response): AuditActor {
  const user = signedInStaff(res);
  if (!user) throw new HttpError(403, 'errors/forbidden', 'no signed-in staff user');
  return auditActorOf(user);
}

/** A same-origin staff path safe to return to after signing in, or undefined. */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!/^\/staff(?:[/?][A-Za-z0-9\-._~/?=&%+]*)?$/.test(value)) return undefined;
  if (value.includes('//') || value.startsWith('/staff/sign-')) return undefined;
  return value;
}

/** No staff session: to sign-in (coming back here afterwards); signed in without the role: 403. */
export function requireRoles(allowed: readonly Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = signedInStaff(res);
    if (!user) {
      const back = req.method === 'GET' ? safeReturnPath(req.originalUrl) : undefined;
      res.redirect(303, back ? `/staff/sign-in?returnTo=${encodeURIComponent(back)}` : '/staff/sign-in');
      return;
    }
    if (!user.roles.some((grant) => allowed.includes(grant.role))) {
      next(new HttpError(403, 'errors/no-access', 'role not allowed'));
      return;
    }
    next();
  };
}

/**
 * Registers a staff route with the roles the permission table gives it. A route missing from the table cannot
 * be registered: add its row to `staffPermissions` first. Use it for every page under /staff:
 *
 *   staffRoute(router, { method: 'GET', path: '/staff/reports' }, controller.show);
 */
export function staffRoute(
  router: Router,
  route: { method: StaffMethod; path: string },
  ...handlers: RequestHandler[]
): void {
  const entry = staffPermissions.find((p) => p.method === route.method && p.path === route.path);
  if (!entry) {
    throw new Error(
      `${route.method} ${route.path} is not in the staff permission table (src/staff/permissions.ts)`,
    );
  }
  const guard = requireRoles(entry.roles);
  if (route.method === 'GET') router.get(route.path, guard, ...handlers);
  else router.post(route.path, guard, ...handlers);
}
