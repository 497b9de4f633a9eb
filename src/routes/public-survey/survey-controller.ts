import type { Request, Response } from 'express';
import { HttpError } from '../../middleware/http-errors';
import { readFormFields } from '../../middleware/form-body';
import { CSRF_FIELD } from '../../middleware/csrf';
import type { FeedbackService } from '../../responses/feedback-service';
import type { CollectionMode } from '../../responses/submission-token';
import { buildSurveyViewModel, buildThankYouViewModel } from './survey-view-model';
import { teamCodeParam } from './survey-schema';

const TOKEN_FIELD = 'token';

export function createSurveyController(feedback: FeedbackService, mode: CollectionMode = 'online_link') {
  /** The team named in the address, or the friendly "cannot find that team" 404. */
  function teamFrom(req: Request) {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!team) throw new HttpError(404, 'pages/team-not-found', 'unknown team');
    return team;
  }

  return {
    show: (req: Request, res: Response): void => {
      const form = feedback.openForm(teamFrom(req), mode);
      res.render('pages/survey', buildSurveyViewModel(form));
    },

    submit: (req: Request, res: Response): void => {
      const team = teamFrom(req);
      const form = feedback.openForm(team, mode);
      const itemCodes = form.survey.definition.items.map((item) => item.code);
      const fields = readFormFields(req.body, [...itemCodes, TOKEN_FIELD, CSRF_FIELD]);
      const token = fields[TOKEN_FIELD] ?? '';
      const outcome = feedback.submit(form, token, fields, 'en');
      switch (outcome.kind) {
        case 'stored':
        case 'duplicate':
          res.redirect(303, `/t/${team.code}/thank-you`);
          return;
        case 'invalid':
          // The same token goes back in the form, so fixing the errors still stores exactly one response.
          res
            .status(400)
            .render('pages/survey', buildSurveyViewModel({ ...form, token }, fields, outcome.errors));
          return;
        case 'token_expired':
          throw new HttpError(400, 'pages/survey-expired', 'submission token expired', {
            startAgainHref: `/t/${team.code}`,
          });
        case 'token_refused':
          throw new HttpError(400, 'errors/bad-request', 'submission token refused');
      }
    },

    thankYou: (req: Request, res: Response): void => {
      const team = teamFrom(req);
      res.render('pages/thank-you', buildThankYouViewModel(team.name, team.code));
    },
  };
}
