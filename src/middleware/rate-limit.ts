import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import { HttpError } from './http-errors';

/**
 * A per-address limit on survey submissions (POST only), counted in memory in fixed windows with the injected
 * clock. Generous on purpose: a ward kiosk sends every respondent from one address. The address is only a key
 * in this map, never stored with a response nor logged. Beyond the limit: 429 and a "try again shortly" page.
 */
export function submissionRateLimit(options: {
  clock: Clock;
  limit: number;
  windowMs: number;
  /**
   * The paths whose POSTs are counted: each prefix and everything under it (`/t` counts `/t/ward/fft`), in any case
   * of letters, as Express routes them (`/T/ward/fft` reaches the same survey). Checked here rather than by mounting
   * the limit at each prefix, which makes every request that passes re-parse its address.
   */
  under: readonly string[];
  /** Full paths whose POSTs are not submissions (a kiosk's heartbeat every minute) and so are not counted. */
  notCounted?: readonly string[];
}): RequestHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const notCounted = new Set((options.notCounted ?? []).map((path) => path.toLowerCase()));
  const under = options.under.map((prefix) => prefix.toLowerCase());
  const counted = (path: string) => {
    const lower = path.toLowerCase();
    return (
      under.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`)) && !notCounted.has(lower)
    );
  };
  return (req, res, next) => {
    if (req.method !== 'POST' || !counted(req.path)) return next();
    const now = options.clock.now().getTime();
    if (windows.size > 50_000) {
      for (const [key, value] of windows) if (value.startedAt + options.windowMs <= now) windows.delete(key);
    }
    const key = req.ip ?? 'unknown';
    let current = windows.get(key);
    if (!current || current.startedAt + options.windowMs <= now) {
      current = { startedAt: now, count: 0 };
      windows.set(key, current);
    }
    current.count += 1;
    if (current.count > options.limit) {
      const retryAfterS = Math.ceil((current.startedAt + options.windowMs - now) / 1000);
      res.setHeader('Retry-After', String(Math.max(1, retryAfterS)));
      next(new HttpError(429, 'errors/too-many-requests', 'submission rate limit'));
      return;
    }
    next();
  };
}
