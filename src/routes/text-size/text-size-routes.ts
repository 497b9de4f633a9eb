import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { readCookie, setCookie } from '../../middleware/cookies';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { HttpError } from '../../middleware/http-errors';

/** The cookie that asks for larger text: it holds only "large", never anything a person answered. */
export const TEXT_SIZE_COOKIE = 'text_size';

/** Where to go back to: a path on this site only (never "//host" or a full address), at most 2,000 characters. */
const localPath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s\\]*$/);
const textSizeForm = z.object({ size: z.enum(['large', 'normal']), return: localPath });

const wantsLargeText = (req: Request) => readCookie(req, TEXT_SIZE_COOKIE) === 'large';

/** The path of this request, with its `lang` choice when it names a language (a short code) and nothing else. */
function returnAddressOf(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '/';
  const lang = req.query.lang;
  return typeof lang === 'string' && /^[a-z]{2,3}$/.test(lang) ? `${path}?lang=${lang}` : path;
}

/**
 * The large-text option on survey and kiosk pages (docs/kiosks.md), without JavaScript: a small form posts to
 * /text-size, the cookie is set or cleared, and a 303 returns to the same page. The layout puts `app-large-text` on
 * <html> and public/css/app.css scales the rem-based NHS.UK type from there. A kiosk's start and reset clear it.
 *
 * `locals` runs for every page; `change` is the app's POST /text-size route. Two handlers on the app, not a router
 * of their own, which every request would enter and leave.
 */
export function textSize(options: { secureCookie: boolean }): {
  locals: RequestHandler;
  change: RequestHandler;
} {
  return {
    locals: (req, res, next) => {
      res.locals.largeText = wantsLargeText(req);
      // The page the control returns to: this request's own path and language (escaped by EJS, checked again when
      // posted). No other query: survey pages are kept per return address, which must not grow with what a visitor
      // puts in the address. Not on staff pages (paper entry runs the survey pages there): their forms are bound
      // to the staff session.
      res.locals.textSizeReturn = req.originalUrl.startsWith('/staff') ? undefined : returnAddressOf(req);
      next();
    },
    change: (req, res) => {
      const parsed = textSizeForm.safeParse(readFormFields(req.body, ['size', 'return', CSRF_FIELD]));
      if (!parsed.success) throw new HttpError(400, 'errors/bad-request', 'text size form not valid');
      if (parsed.data.size === 'large') {
        setCookie(res, TEXT_SIZE_COOKIE, 'large', { secure: options.secureCookie });
      } else {
        setCookie(res, TEXT_SIZE_COOKIE, '', { secure: options.secureCookie, maxAgeSeconds: 0 });
      }
      res.redirect(303, parsed.data.return);
    },
  };
}
