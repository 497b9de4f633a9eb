import type { RequestHandler } from 'express';

/**
 * Dynamic pages are never stored by the browser or anything between: a shared kiosk or a family computer must
 * not show one person's answers to the next.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store, max-age=0');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Expires', '0');
  next();
};
