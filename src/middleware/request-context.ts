import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

/**
 * Gives every request a reference id (shown on error pages, in the X-Request-Id header and in every log line)
 * and logs one line when the response finishes: method, route path, status and time. Never the query string,
 * body, cookies or headers: answers and comments must not reach the logs.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      logger.info('request', {
        requestId,
        method: req.method,
        path: req.path.length > 200 ? `${req.path.slice(0, 200)}...` : req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  };
}
