import { Router } from 'express';
import { HttpError } from '../../middleware/http-errors';
import type { PublicationService } from '../../pals/publication-service';
import type { FeedbackService } from '../../responses/feedback-service';
import { teamCodeParam } from '../public-survey/survey-schema';
import { buildYouSaidWeDidPosterViewModel, buildYouSaidWeDidViewModel } from './you-said-we-did-view-model';

/** How many entries fit one A4 poster. */
const POSTER_ENTRIES = 4;

/**
 * GET /you-said-we-did: what people told us and what we changed, public. GET /posters/<team>/you-said-we-did: the
 * team's printable A4 poster of the same (public: it shows only published entries, done or in progress).
 */
export function youSaidWeDidRoutes(
  publications: PublicationService,
  feedback: FeedbackService,
  options: { publicBaseUrl: string; serviceName: string },
): Router {
  const router = Router();
  router.get('/you-said-we-did', (_req, res) => {
    res.render('pages/you-said-we-did', buildYouSaidWeDidViewModel(publications.entries()));
  });
  router.get('/posters/:teamCode/you-said-we-did', (req, res) => {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'unknown team');
    res.render(
      'pages/you-said-we-did-poster',
      buildYouSaidWeDidPosterViewModel(
        team,
        publications.latestForTeam(team, POSTER_ENTRIES),
        options.publicBaseUrl,
        options.serviceName,
      ),
    );
  });
  return router;
}
