import { Router } from 'express';
import type { Db } from '../../db/database';

/** GET /healthz: 200 when the database answers a query, 503 otherwise. For load balancers and monitoring. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  const ping = db.prepare('SELECT 1 AS ok');
  router.get('/healthz', (_req, res) => {
    try {
      ping.get();
      res.status(200).json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'error' });
    }
  });
  return router;
}
