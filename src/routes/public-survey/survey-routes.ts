import { Router } from 'express';
import type { FeedbackService } from '../../responses/feedback-service';
import { createSurveyController } from './survey-controller';

/** The public survey for a team: /t/<team-code>, as printed on posters and kiosks. */
export function surveyRoutes(feedback: FeedbackService): Router {
  const router = Router();
  const controller = createSurveyController(feedback, 'online_link');
  router.get('/t/:teamCode', controller.show);
  router.post('/t/:teamCode', controller.submit);
  router.get('/t/:teamCode/thank-you', controller.thankYou);
  return router;
}
