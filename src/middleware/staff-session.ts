import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Clock } from '../clock';
import type { AuthService } from '../staff/auth-service';
import type { SqliteSessionStore } from '../staff/sqlite-session-store';
import { sessionExpiresAt, type SessionLimits } from '../staff/staff-session-data';

export const STAFF_COOKIE = 'fb_staff';

/**
 * Server-side staff sessions, mounted on /staff only: public survey pages never read or create one. The cookie
 * is httpOnly, SameSite=Lax, Secure when configured, scoped to /staff and has no Expires (it ends with the
 * browser); the idle and absolute limits are enforced here with the injected clock. A session whose user has
 * been disabled, or that has timed out, is replaced by an empty one (so the request carries on signed out).
 */
export function staffSession(options: {
  store: SqliteSessionStore;
  clock: Clock;
  limits: SessionLimits;
  secret: Buffer;
  secureCookie: boolean;
  auth: AuthService;
}): RequestHandler[] {
  const sessions = session({
    name: STAFF_COOKIE,
    store: options.store,
    secret: options.secret.toString('hex'),
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookie, path: '/staff' },
  });

  const check: RequestHandler = (req, res, next) => {
    const state = req.session.staff;
    if (!state) return next();
    const now = options.clock.now().getTime();
    const user = options.auth.activeUser(state.userId);
    if (now >= sessionExpiresAt(state, options.limits) || !user) {
      req.session.regenerate((error) => {
        if (error) return next(error);
        res.locals.sessionEnded = true;
        next();
      });
      return;
    }
    state.lastSeenAt = now;
    if (state.stage === 'signed-in') {
      res.locals.staffUser = { id: user.id, email: user.email, roles: user.roles, sessionId: req.sessionID };
    }
    next();
  };

  return [sessions, check];
}
