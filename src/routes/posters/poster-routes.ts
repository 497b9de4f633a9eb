import { Router, type Request } from 'express';
import { HttpError } from '../../middleware/http-errors';
import { buildPosterViewModel, renderPosterSvg } from '../../posters/poster-view-model';
import type { FeedbackService } from '../../responses/feedback-service';
import { teamCodeParam } from '../public-survey/survey-schema';

/**
 * Printable A4 posters for a team (HTML with a print stylesheet, and a standalone SVG to download). Public: a
 * poster holds only the team's name and its public feedback address.
 */
export function posterRoutes(
  feedback: FeedbackService,
  options: { publicBaseUrl: string; serviceName: string },
): Router {
  const router = Router();
  const posterFor = (req: Request) => {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'unknown team');
    return buildPosterViewModel(options.publicBaseUrl, team);
  };
  router.get('/posters/:teamCode.svg', (req, res) => {
    const model = posterFor(req);
    res.type('image/svg+xml');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="feedback-poster-${String(req.params.teamCode)}.svg"`,
    );
    res.send(renderPosterSvg(model, options.serviceName));
  });
  router.get('/posters/:teamCode', (req, res) => {
    res.render('pages/poster', posterFor(req));
  });
  return router;
}
