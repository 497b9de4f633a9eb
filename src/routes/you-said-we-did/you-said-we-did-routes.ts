import { Router } from 'express';
import type { PublicationService } from '../../pals/publication-service';
import { buildYouSaidWeDidViewModel } from './you-said-we-did-view-model';

/** GET /you-said-we-did: what people told us and what we changed, public. */
export function youSaidWeDidRoutes(publications: PublicationService): Router {
  const router = Router();
  router.get('/you-said-we-did', (_req, res) => {
    res.render('pages/you-said-we-did', buildYouSaidWeDidViewModel(publications.entries()));
  });
  return router;
}
