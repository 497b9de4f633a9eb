import { Router, type Request } from 'express';
import { HttpError } from '../../middleware/http-errors';
import { buildPosterViewModel, renderPosterSvg } from '../../posters/poster-view-model';
import type { CollectionPoint } from '../../kiosk/collection-points-repository';
import type { FeedbackService } from '../../responses/feedback-service';
import { publicModes } from '../../responses/submission-token';
import { teamCodeParam } from '../public-survey/survey-schema';

/**
 * Printable A4 posters for a team (HTML with a print stylesheet, and a standalone SVG to download). Public: a
 * poster holds only the team's name and its public feedback address.
 */
export function posterRoutes(
  feedback: FeedbackService,
  options: {
    publicBaseUrl: string;
    serviceName: string;
    /** Collection points (docs/kiosks.md): /posters/points/<point> encodes the point's own address. */
    points: { pointByCode(code: string): CollectionPoint | undefined };
  },
): Router {
  const router = Router();
  const posterFor = (req: Request) => {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'unknown team');
    return buildPosterViewModel(options.publicBaseUrl, team);
  };
  const pointPosterFor = (req: Request) => {
    const code = teamCodeParam.safeParse(req.params.pointCode);
    const point = code.success ? options.points.pointByCode(code.data) : undefined;
    const team =
      point && point.retiredAt === null && publicModes.includes(point.mode)
        ? feedback.activeTeam(point.teamCode)
        : undefined;
    if (!point || !team) throw new HttpError(404, 'errors/not-found', 'no poster for this collection point');
    return buildPosterViewModel(options.publicBaseUrl, team, point);
  };
  router.get('/posters/points/:pointCode.svg', (req, res) => {
    const model = pointPosterFor(req);
    res.type('image/svg+xml');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="feedback-poster-${String(req.params.pointCode)}.svg"`,
    );
    res.send(renderPosterSvg(model, options.serviceName));
  });
  router.get('/posters/points/:pointCode', (req, res) => {
    res.render('pages/poster', pointPosterFor(req));
  });
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
