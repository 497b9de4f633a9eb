import { Router } from 'express';
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
  router.get('/t/:teamCode', controller.start);
  router.get('/t/:teamCode/thank-you', controller.thankYou);
  router.get('/t/:teamCode/:surveyCode', controller.showStep);
  router.post('/t/:teamCode/:surveyCode', controller.saveStep);
  router.get('/t/:teamCode/:surveyCode/check', controller.showCheck);
  router.post('/t/:teamCode/:surveyCode/check', controller.submitCheck);
  router.get('/t/:teamCode/:surveyCode/:step', controller.showStep);
  router.post('/t/:teamCode/:surveyCode/:step', controller.saveStep);
  return router;
}
