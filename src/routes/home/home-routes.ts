import { Router } from 'express';
import { z } from 'zod';
import { londonDateOf, type Clock } from '../../clock';
import type { OrganisationRepository } from '../../organisation/organisation-repository';
import { buildHomeViewModel } from './home-view-model';

const homeQuery = z.object({ q: z.string().max(100).optional().catch(undefined) });

/** GET /: find your team by name, or pick it from the list grouped by directorate. */
export function homeRoutes(organisation: OrganisationRepository, clock: Clock): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { q } = homeQuery.parse(req.query);
    const teams = organisation.listActiveTeamsOn(londonDateOf(clock.now()));
    res.render('pages/home', buildHomeViewModel(teams, q ?? ''));
  });
  return router;
}
