import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config';
import type { KioskService } from '../../kiosk/kiosk-service';
import type { CollectionPoint } from '../../kiosk/collection-points-repository';
import { readCookie, setCookie } from '../../middleware/cookies';
import { TEXT_SIZE_COOKIE } from '../text-size/text-size-routes';
import { readFormFields } from '../../middleware/form-body';
import { CSRF_FIELD } from '../../middleware/csrf';
import { HttpError } from '../../middleware/http-errors';
import type { FeedbackService } from '../../responses/feedback-service';
import {
  createSurveyController,
  DRAFT_COOKIE,
  type JourneyChannel,
  type JourneyOptions,
} from '../public-survey/survey-controller';
import { mountJourney } from '../public-survey/survey-routes';
import { draftIdCookie } from '../public-survey/survey-schema';
import { buildStartViewModel } from '../public-survey/survey-view-model';
import { buildKioskLocals } from './kiosk-view-model';

/** The long-lived cookie holding an enrolled kiosk's credential (only its hash is stored). */
export const KIOSK_COOKIE = 'kiosk_device';
/** Chromium keeps a cookie for at most 400 days; the admin re-enrols after that. */
export const KIOSK_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;

interface EnrolledKiosk {
  deviceId: number;
  point: CollectionPoint;
}

const enrolledKiosk = (res: Response) => res.locals.enrolledKiosk as EnrolledKiosk;

/**
 * Kiosk mode (docs/kiosks.md). An enrolled tablet opens /kiosk: its collection point's survey, one question per
 * screen, mode kiosk_tablet, no staff navigation. Shared-device privacy: an inactivity dialog posts /kiosk/reset,
 * which discards the unsent answers on the server and rotates the cookies; without JavaScript a refresh returns to
 * the start and kiosk drafts expire quickly on the server. Every new respondent starts with a new draft.
 */
export function kioskRoutes(
  feedback: FeedbackService,
  kiosk: KioskService,
  config: Config,
  journeys: Pick<JourneyOptions, 'store' | 'latestChanges'>,
): Router {
  const router = Router();
  const secure = config.COOKIE_SECURE;

  const requireEnrolled: RequestHandler = (req, res, next) => {
    const device = kiosk.deviceFor(readCookie(req, KIOSK_COOKIE));
    if (!device) throw new HttpError(403, 'pages/kiosk-not-enrolled', 'kiosk not enrolled');
    res.locals.enrolledKiosk = device;
    res.locals.kiosk = buildKioskLocals(config, {
      cleared: req.query.cleared === '1',
      thankYou: req.method === 'GET' && req.path === '/thank-you',
      armed: readCookie(req, DRAFT_COOKIE) !== undefined && readCookie(req, DRAFT_COOKIE) !== '',
    });
    next();
  };
  router.use('/kiosk', requireEnrolled);

  const channel = (_req: Request, res: Response): JourneyChannel => {
    const { point } = enrolledKiosk(res);
    const team = feedback.activeTeam(point.teamCode);
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'kiosk team retired');
    return {
      team,
      base: '/kiosk',
      mode: 'kiosk_tablet',
      collectionPointId: point.id,
      surveyCodes: point.surveyCodes,
    };
  };

  const controller = createSurveyController(feedback, {
    mode: 'kiosk_tablet',
    oneQuestionPerPage: true,
    secureCookie: secure,
    draftTtlMs: config.KIOSK_DRAFT_TTL_MINUTES * 60_000,
    rotateCookiesOnFinish: true,
    channelFrom: (req) => channel(req, req.res as Response),
    ...journeys,
  });

  const clearDraftCookie = (res: Response) => setCookie(res, DRAFT_COOKIE, '', { secure, maxAgeSeconds: 0 });
  // The next person starts at the standard text size.
  const clearTextSize = (res: Response) => {
    setCookie(res, TEXT_SIZE_COOKIE, '', { secure, maxAgeSeconds: 0 });
    res.locals.largeText = false;
  };

  // The start: a new respondent, so any draft cookie left behind is dropped (the draft itself expires shortly).
  router.get('/kiosk', (req, res) => {
    const journey = channel(req, res);
    clearDraftCookie(res);
    clearTextSize(res);
    const surveys = feedback
      .offeredSurveys(journey.team)
      .filter((survey) => journey.surveyCodes?.includes(survey.code) ?? true);
    if (surveys.length === 1) {
      res.redirect(303, `/kiosk/${surveys[0]!.code}${req.query.cleared === '1' ? '?cleared=1' : ''}`);
      return;
    }
    res.render('pages/survey-start', buildStartViewModel(journey.team, surveys, 'en', '/kiosk'));
  });

  // "Are you still there?" went unanswered: discard the unsent answers, rotate the cookies, back to the start.
  router.post('/kiosk/reset', (req, res) => {
    readFormFields(req.body, [CSRF_FIELD]);
    const draftId = draftIdCookie.safeParse(readCookie(req, DRAFT_COOKIE));
    feedback.discardDraft(draftId.success ? draftId.data : undefined);
    clearDraftCookie(res);
    clearTextSize(res);
    (res.locals.rotateCsrf as () => void)();
    res.redirect(303, '/kiosk?cleared=1');
  });

  router.post('/kiosk/heartbeat', (req, res) => {
    readFormFields(req.body, [CSRF_FIELD]);
    kiosk.heartbeat(enrolledKiosk(res).deviceId);
    res.status(204).end();
  });

  mountJourney(router, '/kiosk', controller, { start: false });
  return router;
}
