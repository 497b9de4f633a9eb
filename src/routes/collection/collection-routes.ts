import { Router, type Request } from 'express';
import type { Config } from '../../config';
import type { KioskService } from '../../kiosk/kiosk-service';
import { HttpError } from '../../middleware/http-errors';
import type { FeedbackService } from '../../responses/feedback-service';
import { publicModes } from '../../responses/submission-token';
import {
  createSurveyController,
  type JourneyChannel,
  type JourneyOptions,
} from '../public-survey/survey-controller';
import { mountJourney } from '../public-survey/survey-routes';
import { teamCodeParam } from '../public-survey/survey-schema';

/**
 * The addresses that tag a response with how it was collected, without the respondent doing anything:
 * /q/<team> is the QR code on the team's poster (mode online_qr); /c/<point> is a collection point's own address
 * (its mode, its surveys, responses.collection_point_id). A retired point's address says where to go instead.
 * The journey is the team survey's own controller with a different channel, never a copy of it.
 */
export function collectionRoutes(
  feedback: FeedbackService,
  kiosk: KioskService,
  config: Config,
  journeys: Pick<JourneyOptions, 'store' | 'latestChanges'>,
): Router {
  const router = Router();
  const secureCookie = config.COOKIE_SECURE;

  const qr = createSurveyController(feedback, {
    mode: 'online_qr',
    oneQuestionPerPage: false,
    secureCookie,
    prefix: '/q',
    ...journeys,
  });
  mountJourney(router, '/q/:teamCode', qr);

  const pointChannel = (req: Request): JourneyChannel => {
    const code = teamCodeParam.safeParse(req.params.pointCode);
    const point = code.success ? kiosk.pointByCode(code.data) : undefined;
    if (!point || !publicModes.includes(point.mode)) {
      throw new HttpError(404, 'errors/not-found', 'unknown collection point');
    }
    const team = feedback.activeTeam(point.teamCode);
    if (point.retiredAt !== null) {
      throw new HttpError(410, 'pages/collection-point-retired', 'retired collection point', {
        teamName: team?.name ?? '',
        teamHref: team ? `/t/${team.code}` : '/',
      });
    }
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'collection point team retired');
    return {
      team,
      base: `/c/${point.code}`,
      mode: point.mode,
      collectionPointId: point.id,
      surveyCodes: point.surveyCodes,
    };
  };
  const point = createSurveyController(feedback, {
    mode: 'online_link',
    oneQuestionPerPage: false,
    secureCookie,
    channelFrom: pointChannel,
    ...journeys,
  });
  mountJourney(router, '/c/:pointCode', point);
  return router;
}
