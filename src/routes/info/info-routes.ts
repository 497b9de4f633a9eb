import { Router } from 'express';

/** Public information pages linked from every footer. */
export function infoRoutes(): Router {
  const router = Router();
  router.get('/accessibility', (_req, res) => {
    res.render('pages/accessibility', { pageTitle: 'Accessibility statement' });
  });
  router.get('/privacy', (_req, res) => {
    res.render('pages/privacy', { pageTitle: 'Privacy notice' });
  });
  return router;
}
