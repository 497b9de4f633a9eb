import { Router, type Request, type Response } from 'express';
import { londonDateOf } from '../../clock';
import type { AppDeps } from '../../app';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { HttpError } from '../../middleware/http-errors';
import { signedInStaff, staffRoute, auditActorOf } from '../../staff/permissions';
import { STAFF_ENTRY_BASE } from '../../staff/kiosk-permissions';
import { createSurveyController, type JourneyChannel } from '../public-survey/survey-controller';
import { journeyRoutes } from '../public-survey/survey-routes';
import { teamCodeParam } from '../public-survey/survey-schema';
import {
  buildEntryStartViewModel,
  readEntryDate,
  type EntryErrors,
  type EntryValues,
} from './staff-entry-view-model';

const staffModes = ['paper', 'telephone'] as const;

/**
 * Staff with the pals role key in paper and telephone responses (docs/kiosks.md): choose the team, the day and
 * the mode, then the team's survey runs with the same pages and checks as online. The response is stored with
 * that mode and day; who keyed it in goes to the audit log only, never into the responses or reports.
 */
export function staffEntryRoutes(deps: AppDeps): Router {
  const router = Router();
  const { feedback, organisation, audit, submissions } = deps.services;
  const today = () => londonDateOf(deps.clock.now());
  const activeTeams = () => organisation.listActiveTeamsOn(today());

  const channel = (req: Request): JourneyChannel => {
    const mode = staffModes.find((m) => m === req.params.mode);
    const date = String(req.params.date);
    const [year = '', month = '', day = ''] = date.split('-');
    const checked = /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? readEntryDate({ day, month, year }, today())
      : undefined;
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success ? feedback.activeTeam(code.data) : undefined;
    if (!mode || !checked?.ok || !team) throw new HttpError(404, 'errors/not-found', 'no such entry journey');
    return {
      team,
      base: `/staff/responses/${mode}/${checked.date}/${team.code}`,
      mode,
      collectionPointId: null,
      submittedOn: checked.date,
    };
  };

  const controller = createSurveyController(feedback, {
    // Stored on this thread whatever the store (a context that records with the response never crosses to the
    // store worker): the audit row of who keyed it in is written in the response's savepoint.
    store: submissions,
    mode: 'paper',
    oneQuestionPerPage: false,
    secureCookie: deps.config.COOKIE_SECURE,
    channelFrom: channel,
    // In the response's own transaction: a response is never stored without its audit row.
    recordWithResponse: (_req, res, ctx) => {
      const user = signedInStaff(res)!;
      audit.record({
        actor: auditActorOf(user),
        action: 'response.entered_by_staff',
        objectType: 'team',
        objectId: ctx.team.code,
        details: { mode: ctx.mode, submittedOn: ctx.submittedOn ?? '', survey: ctx.survey.code },
      });
    },
  });

  const renderStart = (res: Response, status: number, values: EntryValues, errors: EntryErrors) => {
    res
      .status(status)
      .render('pages/staff/entry-start', buildEntryStartViewModel({ teams: activeTeams(), values, errors }));
  };

  staffRoute(router, { method: 'GET', path: '/staff/responses/new' }, (_req, res) => {
    renderStart(res, 200, { team: '', day: '', month: '', year: '', mode: '' }, {});
  });

  staffRoute(router, { method: 'POST', path: '/staff/responses/new' }, (req, res) => {
    const fields = readFormFields(req.body, [
      'team',
      'date-day',
      'date-month',
      'date-year',
      'mode',
      CSRF_FIELD,
    ]);
    const values: EntryValues = {
      team: fields.team ?? '',
      day: fields['date-day'] ?? '',
      month: fields['date-month'] ?? '',
      year: fields['date-year'] ?? '',
      mode: fields.mode ?? '',
    };
    const errors: EntryErrors = {};
    const team = activeTeams().find((t) => t.code === values.team);
    if (!team) errors.team = 'Choose the team the feedback is about';
    const date = readEntryDate(values, today());
    if (!date.ok) errors.date = date.message;
    const mode = staffModes.find((m) => m === values.mode);
    if (!mode) errors.mode = 'Select how the feedback was given';
    if (!team || !date.ok || !mode) {
      renderStart(res, 400, values, errors);
      return;
    }
    res.redirect(303, `/staff/responses/${mode}/${date.date}/${team.code}`);
  });

  staffRoute(router, { method: 'GET', path: STAFF_ENTRY_BASE }, controller.start);
  for (const route of journeyRoutes(STAFF_ENTRY_BASE, controller)) {
    staffRoute(router, { method: route.method, path: route.path }, route.handler);
  }
  return router;
}
