import type { Request, Response } from 'express';
import { z } from 'zod';
import { londonDateOf } from '../../clock';
import type { AppDeps } from '../../app';
import { CollectionPointError } from '../../kiosk/kiosk-service';
import { setCookie } from '../../middleware/cookies';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { HttpError, notFound } from '../../middleware/http-errors';
import { collectionModes } from '../../responses/submission-token';
import { staffActor } from '../../staff/permissions';
import { textIn } from '../../surveys/survey-definition';
import { KIOSK_COOKIE, KIOSK_COOKIE_MAX_AGE_SECONDS } from '../kiosk/kiosk-routes';
import {
  buildKioskStatusViewModel,
  buildNewPointViewModel,
  buildPointListViewModel,
  type NewPointValues,
} from './kiosk-admin-view-model';

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const newPointSchema = z.object({
  team: z.string().min(1, 'Choose a team'),
  label: z.string().trim().min(1, 'Enter a label').max(120, 'Label must be 120 characters or fewer'),
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,39}$/,
      'Address code must be 2 to 40 lowercase letters, digits or hyphens, like amberwood-dayroom',
    ),
  mode: z.enum(collectionModes, { error: 'Choose how it collects feedback' }),
});

/** Admin pages for collection points and kiosks (docs/kiosks.md). Every change is audited by the kiosk service. */
export function createKioskAdminController(deps: AppDeps) {
  const { kiosk, feedback, organisation } = deps.services;
  const activeTeams = () => organisation.listActiveTeamsOn(londonDateOf(deps.clock.now()));
  /** Every survey some team offers, once each. */
  const offeredSurveys = () => {
    const seen = new Map<string, string>();
    for (const team of activeTeams()) {
      for (const survey of feedback.offeredSurveys(team)) {
        if (!seen.has(survey.code)) seen.set(survey.code, textIn(survey.definition.title, 'en'));
      }
    }
    return [...seen].map(([code, title]) => ({ code, title }));
  };

  function renderNew(res: Response, status: number, values: NewPointValues, errors: Record<string, string>) {
    res
      .status(status)
      .render(
        'pages/staff/admin-collection-point-new',
        buildNewPointViewModel({ teams: activeTeams(), surveys: offeredSurveys(), values, errors }),
      );
  }

  const pointFrom = (req: Request) => {
    const id = idParam.safeParse(req.params.pointId);
    const point = id.success ? kiosk.listPoints().find((p) => p.id === id.data) : undefined;
    if (!point) throw notFound();
    return point;
  };

  return {
    list: (req: Request, res: Response): void => {
      res.render(
        'pages/staff/admin-collection-points',
        buildPointListViewModel(kiosk.listPoints(), deps.config.PUBLIC_BASE_URL, req.query.enrolled === '1'),
      );
    },

    showNew: (_req: Request, res: Response): void => {
      renderNew(res, 200, { team: '', label: '', code: '', mode: '', surveys: [] }, {});
    },

    create: (req: Request, res: Response): void => {
      const surveys = offeredSurveys();
      const surveyFields = surveys.map((s) => `survey-${s.code}`);
      const fields = readFormFields(req.body, ['team', 'label', 'code', 'mode', ...surveyFields, CSRF_FIELD]);
      const values: NewPointValues = {
        team: fields.team ?? '',
        label: fields.label ?? '',
        code: fields.code ?? '',
        mode: fields.mode ?? '',
        surveys: surveys.filter((s) => fields[`survey-${s.code}`] === 'yes').map((s) => s.code),
      };
      const errors: Record<string, string> = {};
      const parsed = newPointSchema.safeParse(values);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          errors[field] ??= issue.message;
        }
      }
      const team = activeTeams().find((t) => t.code === values.team);
      if (!errors.team && !team) errors.team = 'Choose a team';
      const teamOffers = team ? feedback.offeredSurveys(team).map((s) => s.code) : [];
      if (values.surveys.length === 0) errors.surveys = 'Select at least one survey';
      else if (team && values.surveys.some((code) => !teamOffers.includes(code))) {
        errors.surveys = 'Select only surveys this team offers';
      }
      if (parsed.success && Object.keys(errors).length === 0) {
        try {
          kiosk.createPoint(
            {
              code: parsed.data.code,
              label: parsed.data.label,
              teamCode: parsed.data.team,
              mode: parsed.data.mode,
              surveyCodes: values.surveys,
            },
            staffActor(res),
          );
          res.redirect(303, '/staff/admin/collection-points');
          return;
        } catch (error) {
          if (!(error instanceof CollectionPointError)) throw error;
          errors[error.field === 'surveyCodes' ? 'surveys' : error.field] = error.message;
        }
      }
      renderNew(res, 400, values, errors);
    },

    retire: (req: Request, res: Response): void => {
      readFormFields(req.body, [CSRF_FIELD]);
      const point = pointFrom(req);
      if (point.retiredAt === null) kiosk.retirePoint(point.id, staffActor(res));
      res.redirect(303, '/staff/admin/collection-points');
    },

    /** Enrols the browser the admin is using (the tablet being set up) as a kiosk for this point. */
    enrol: (req: Request, res: Response): void => {
      readFormFields(req.body, [CSRF_FIELD]);
      const point = pointFrom(req);
      try {
        const { credential } = kiosk.enrol(point.id, staffActor(res));
        setCookie(res, KIOSK_COOKIE, credential, {
          secure: deps.config.COOKIE_SECURE,
          maxAgeSeconds: KIOSK_COOKIE_MAX_AGE_SECONDS,
        });
        res.redirect(303, '/staff/admin/collection-points?enrolled=1');
      } catch (error) {
        if (error instanceof CollectionPointError)
          throw new HttpError(400, 'errors/bad-request', error.message);
        throw error;
      }
    },

    statuses: (_req: Request, res: Response): void => {
      res.render(
        'pages/staff/admin-kiosks',
        buildKioskStatusViewModel(kiosk.statuses(), deps.config.KIOSK_SILENT_AFTER_MINUTES),
      );
    },

    revoke: (req: Request, res: Response): void => {
      readFormFields(req.body, [CSRF_FIELD]);
      const id = idParam.safeParse(req.params.deviceId);
      if (!id.success) throw notFound();
      try {
        kiosk.revoke(id.data, staffActor(res));
      } catch (error) {
        if (!(error instanceof CollectionPointError)) throw error;
      }
      res.redirect(303, '/staff/admin/kiosks');
    },
  };
}
