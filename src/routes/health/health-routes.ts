import type { RequestHandler } from 'express';
import type { Db } from '../../db/database';

/**
 * GET /healthz: 200 when the database answers a query, 503 otherwise. For load balancers and monitoring.
 * A handler the app registers as one route: a router of its own would be entered, and left, by every request.
 */
export function healthCheck(db: Db): RequestHandler {
  const ping = db.prepare('SELECT 1 AS ok');
  return (_req, res) => {
    try {
      ping.get();
      res.status(200).json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'error' });
    }
  };
}
