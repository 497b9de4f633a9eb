import { Router } from 'express';
import type { createSurveyController as ControllerFactory } from './survey-controller';
import type { FeedbackService } from '../../responses/feedback-service';
import { createSurveyController, type JourneyOptions } from './survey-controller';

/**
 * The public surveys for a team: /t/<team-code> is the start page printed on posters and kiosks; each survey it
 * offers lives under /t/<team-code>/<survey-code>, page 1 first, then /2, /3 ... and /check.
 */
export function surveyRoutes(
  feedback: FeedbackService,
  options: Partial<JourneyOptions> & { secureCookie: boolean },
): Router {
  const router = Router();
  const controller = createSurveyController(feedback, {
    mode: 'online_link',
    oneQuestionPerPage: false,
    ...options,
  });
  mountJourney(router, '/t/:teamCode', controller);
  return router;
}

/** A survey journey's routes under a base address: the start, thank-you, each page and check your answers. */
export function mountJourney(
  router: Router,
  base: string,
  controller: ReturnType<typeof ControllerFactory>,
  options: { start?: boolean } = {},
): void {
  if (options.start !== false) router.get(base, controller.start);
  router.get(`${base}/thank-you`, controller.thankYou);
  router.get(`${base}/:surveyCode`, controller.showStep);
  router.post(`${base}/:surveyCode`, controller.saveStep);
  router.get(`${base}/:surveyCode/check`, controller.showCheck);
  router.post(`${base}/:surveyCode/check`, controller.submitCheck);
  router.get(`${base}/:surveyCode/:step`, controller.showStep);
  router.post(`${base}/:surveyCode/:step`, controller.saveStep);
}
