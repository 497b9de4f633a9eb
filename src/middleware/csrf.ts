import type { RequestHandler } from 'express';
import { randomToken } from '../security/random-token';
import { sign, signatureMatches } from '../security/signed-token';
import { readCookie, setCookie } from './cookies';
import { forbiddenCsrf } from './http-errors';

export const CSRF_COOKIE = 'fb_csrf';
export const CSRF_FIELD = '_csrf';
const PURPOSE = 'csrf-v1';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signed double-submit CSRF protection for every state-changing request. The browser holds a random value in an
 * httpOnly, SameSite=Lax cookie; forms carry an HMAC of it, which another site can neither read nor compute.
 * A request without the token, or with a token made for another browser, gets 403 and changes nothing.
 * `bind` lets a signed-in session add its id, so a token from before sign-in stops working after it.
 */
export function csrfProtection(options: {
  key: Buffer;
  secureCookie: boolean;
  bind?: (req: Parameters<RequestHandler>[0]) => string;
}): RequestHandler {
  const tokenFor = (cookieValue: string, binding: string) =>
    sign(options.key, PURPOSE, `${cookieValue}\u0000${binding}`);

  return (req, res, next) => {
    let cookieValue = readCookie(req, CSRF_COOKIE);
    const binding = options.bind?.(req) ?? '';
    if (!safeMethods.has(req.method)) {
      const sent: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (
        !cookieValue ||
        typeof sent !== 'string' ||
        !signatureMatches(options.key, PURPOSE, `${cookieValue}\u0000${binding}`, sent)
      ) {
        next(forbiddenCsrf());
        return;
      }
    }
    if (!cookieValue || !/^[A-Za-z0-9_-]{32,64}$/.test(cookieValue)) {
      cookieValue = randomToken(24);
      setCookie(res, CSRF_COOKIE, cookieValue, { secure: options.secureCookie });
    }
    const current = cookieValue;
    res.locals.csrfToken = tokenFor(current, binding);
    /** Replaces the cookie (on a shared kiosk after each respondent) and the token forms will carry. */
    res.locals.rotateCsrf = () => {
      const fresh = randomToken(24);
      setCookie(res, CSRF_COOKIE, fresh, { secure: options.secureCookie });
      res.locals.csrfToken = tokenFor(fresh, binding);
    };
    next();
  };
}
