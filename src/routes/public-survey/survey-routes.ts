import { Router } from 'express';
import type { createSurveyController as ControllerFactory } from './survey-controller';
import type { FeedbackService } from '../../responses/feedback-service';
import { createSurveyController, type JourneyOptions } from './survey-controller';
import { blankPageCache } from './blank-page-cache';

/**
 * The public surveys for a team: /t/<team-code> is the start page printed on posters and kiosks; each survey it
 * offers lives under /t/<team-code>/<survey-code>, page 1 first, then /2, /3 ... and /check.
 */
export function surveyRoutes(
  feedback: FeedbackService,
  options: Partial<JourneyOptions> & Pick<JourneyOptions, 'secureCookie' | 'store'>,
): Router {
  const router = Router();
  const controller = createSurveyController(feedback, {
    mode: 'online_link',
    oneQuestionPerPage: false,
    blankPages: blankPageCache(),
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
  for (const route of journeyRoutes(base, controller)) {
    if (route.method === 'GET') router.get(route.path, route.handler);
    else router.post(route.path, route.handler);
  }
}

/** The journey's routes after its start page, for routers that register them their own way (staff routes). */
export function journeyRoutes(base: string, controller: ReturnType<typeof ControllerFactory>) {
  return [
    { method: 'GET', path: `${base}/thank-you`, handler: controller.thankYou },
    { method: 'GET', path: `${base}/:surveyCode`, handler: controller.showStep },
    { method: 'POST', path: `${base}/:surveyCode`, handler: controller.saveStep },
    { method: 'GET', path: `${base}/:surveyCode/check`, handler: controller.showCheck },
    { method: 'POST', path: `${base}/:surveyCode/check`, handler: controller.submitCheck },
    { method: 'GET', path: `${base}/:surveyCode/:step`, handler: controller.showStep },
    { method: 'POST', path: `${base}/:surveyCode/:step`, handler: controller.saveStep },
  ] as const;
}
