import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, unsupportedMediaType } from './http-errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Parses URL-encoded form posts (the only kind of body this app accepts) with a size limit, and refuses any other
 * content type with 415. `extended: false` means `a[b]=1` stays a flat key; repeated fields still become arrays,
 * which readFormFields refuses. A request with no body (every page view) does not reach the parser at all.
 */
export function formBody(limitKb: number): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: `${limitKb}kb`, parameterLimit: 200 });
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const length = Number(req.headers['content-length'] ?? 0);
    if (length === 0 && !req.headers['transfer-encoding']) return next();
    if (!req.is('application/x-www-form-urlencoded')) return next(unsupportedMediaType());
    parse(req, res, next);
  };
}

const formFields = z.record(z.string(), z.string());

/**
 * The posted fields as strings, keeping only the names a form knows. A repeated field (an array), or a body
 * that is not a form, is a request no page of ours sends: 400.
 * NUL characters are removed: nobody can type one, and SQLite's text functions stop at the first NUL (a comment of
 * "\u0000" failed the CHECK length(body) >= 1 with a 500, found by the fuzz test).
 */
export function readFormFields(body: unknown, known: readonly string[]): Record<string, string> {
  const parsed = formFields.safeParse(body ?? {});
  if (!parsed.success) throw badRequest();
  const allowed = new Set(known);
  return Object.fromEntries(
    Object.entries(parsed.data)
      .filter(([name]) => allowed.has(name))
      .map(([name, value]) => [name, value.replaceAll('\u0000', '')]),
  );
}
