import { Router, type Request, type Response } from 'express';
import { londonDateOf } from '../../clock';
import { CODE_PATTERN } from '../../organisation/organisation-file';
import type { AppDeps } from '../../app';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import { OrganisationChangeError } from '../../organisation/organisation-changes';
import { createOrganisationUnitsRepository } from '../../organisation/organisation-units-repository';
import type { PlacedTeam } from '../../organisation/organisation-repository';
import { firstStartOffers } from '../../surveys/survey-catalogue';
import { staffRoute, staffActor } from '../../staff/permissions';
import { teamCodeParam } from '../public-survey/survey-schema';
import { readTypedDate } from '../staff-entry/staff-entry-view-model';
import {
  buildNewTeamViewModel,
  buildTeamListViewModel,
  buildTeamViewModel,
  emptyDate,
  settings,
  teamKinds,
  type ChangeErrors,
  type ChangeValues,
  type NewTeamErrors,
  type NewTeamValues,
  type RetireValues,
} from './organisation-admin-view-model';
import { registerOrganisationUnitRoutes } from './organisation-units-routes';

const fieldOf: Record<string, keyof ChangeErrors> = {
  name: 'name',
  siteCode: 'site',
  directorateCode: 'directorate',
  communityCode: 'community',
  effectiveFrom: 'date',
  team: 'name',
};

/**
 * Admin pages for the organisation (docs/kiosks.md): teams with their current placement and history, and a change
 * (move, rename) effective from a date. The change closes the old placement and opens a new one, audited; responses
 * keep what was true when they were given.
 */
export function organisationAdminRoutes(deps: AppDeps): Router {
  const router = Router();
  const { organisation, organisationChanges: changes } = deps.services;
  const units = createOrganisationUnitsRepository(deps.db);
  const today = () => londonDateOf(deps.clock.now());

  /** A team taking feedback today, or one added from a later date (as it will be placed then). */
  const teamFrom = (req: Request): PlacedTeam => {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    if (!code.success) throw notFound();
    const upcoming = units.upcomingTeams(today()).find((t) => t.code === code.data);
    const team = upcoming
      ? organisation.findTeamOn(code.data, upcoming.startsOn)
      : organisation.listActiveTeamsOn(today()).find((t) => t.code === code.data);
    if (!team) throw notFound();
    return team;
  };

  const currentValues = (team: PlacedTeam): ChangeValues => ({
    name: team.name,
    site: units.sites().find((u) => u.id === team.siteId)?.code ?? '',
    directorate: units.directorates().find((u) => u.id === team.directorateId)?.code ?? '',
    community: units.communities().find((u) => u.id === team.communityId)?.code ?? '',
    day: '',
    month: '',
    year: '',
  });

  /** The sites, directorates and Communities of Excellence a team can be placed in. */
  const choices = () => ({
    sites: units.sites(),
    directorates: units.directorates(),
    communities: units.communities(),
  });
  const renderTeam = (
    res: Response,
    status: number,
    team: PlacedTeam,
    values: ChangeValues,
    errors: ChangeErrors,
    changed = false,
    retireValues: RetireValues = emptyDate,
  ) => {
    res.status(status).render(
      'pages/staff/admin-organisation-team',
      buildTeamViewModel({
        team,
        history: changes.history(team.code),
        units: choices(),
        values,
        retireValues,
        errors,
        changed,
        today: today(),
      }),
    );
  };

  staffRoute(router, { method: 'GET', path: '/staff/admin/organisation' }, (req, res) => {
    res.render(
      'pages/staff/admin-organisation',
      buildTeamListViewModel(
        organisation.listActiveTeamsOn(today()),
        units.upcomingTeams(today()),
        req.query.retired === '1',
      ),
    );
  });

  const renderNewTeam = (res: Response, status: number, values: NewTeamValues, errors: NewTeamErrors) => {
    res
      .status(status)
      .render(
        'pages/staff/admin-organisation-team-new',
        buildNewTeamViewModel({ units: choices(), values, errors }),
      );
  };
  const newTeamFields = ['code', 'name', 'site', 'directorate', 'community', 'setting', 'kind'] as const;

  staffRoute(router, { method: 'GET', path: '/staff/admin/organisation/new-team' }, (_req, res) => {
    renderNewTeam(
      res,
      200,
      { code: '', name: '', site: '', directorate: '', community: '', setting: '', kind: '', ...emptyDate },
      {},
    );
  });

  staffRoute(router, { method: 'POST', path: '/staff/admin/organisation/new-team' }, (req, res) => {
    const fields = readFormFields(req.body, [
      ...newTeamFields,
      'date-day',
      'date-month',
      'date-year',
      CSRF_FIELD,
    ]);
    const values: NewTeamValues = {
      code: (fields.code ?? '').trim(),
      name: fields.name ?? '',
      site: fields.site ?? '',
      directorate: fields.directorate ?? '',
      community: fields.community ?? '',
      setting: fields.setting ?? '',
      kind: fields.kind ?? '',
      day: fields['date-day'] ?? '',
      month: fields['date-month'] ?? '',
      year: fields['date-year'] ?? '',
    };
    const errors: NewTeamErrors = {};
    if (!values.code) errors.code = 'Enter the team code';
    else if (!CODE_PATTERN.test(values.code))
      errors.code = 'Team code must be 2 to 40 lowercase letters, digits or hyphens';
    const name = values.name.trim();
    if (!name) errors.name = 'Enter the team name';
    else if (name.length > 200) errors.name = 'Team name must be 200 characters or fewer';
    if (!values.site) errors.site = 'Select a site';
    if (!values.directorate) errors.directorate = 'Select a directorate';
    if (!values.community) errors.community = 'Select a Community of Excellence';
    const setting = settings.find((s) => s.value === values.setting)?.value;
    if (!setting) errors.setting = 'Select a setting';
    const kind = teamKinds.find((k) => k.value === values.kind)?.value;
    if (!kind) errors.kind = 'Select the kind of team';
    const starts = readTypedDate(values, 'the team starts taking feedback');
    if ('message' in starts) errors.date = starts.message;
    const startsOn = 'date' in starts ? starts.date : undefined;
    if (Object.keys(errors).length === 0 && startsOn && setting && kind) {
      try {
        changes.addTeam(
          {
            code: values.code,
            name,
            siteCode: values.site,
            directorateCode: values.directorate,
            communityCode: values.community,
            setting,
            kind,
          },
          startsOn,
          staffActor(res),
          firstStartOffers(deps.services.surveys.list(), [{ teamId: 0, setting }]),
        );
        res.redirect(303, `/staff/admin/organisation/teams/${values.code}?changed=1`);
        return;
      } catch (error) {
        if (!(error instanceof OrganisationChangeError)) throw error;
        const field = error.field === 'effectiveFrom' ? 'date' : (fieldOf[error.field] ?? error.field);
        errors[(field in values || field === 'date' ? field : 'code') as keyof NewTeamErrors] = error.message;
      }
    }
    renderNewTeam(res, 400, values, errors);
  });

  staffRoute(
    router,
    { method: 'POST', path: '/staff/admin/organisation/teams/:teamCode/retire' },
    (req, res) => {
      const team = teamFrom(req);
      const fields = readFormFields(req.body, ['retire-day', 'retire-month', 'retire-year', CSRF_FIELD]);
      const retireValues: RetireValues = {
        day: fields['retire-day'] ?? '',
        month: fields['retire-month'] ?? '',
        year: fields['retire-year'] ?? '',
      };
      const errors: ChangeErrors = {};
      const stops = readTypedDate(retireValues, 'the team stops taking feedback');
      if ('message' in stops) {
        errors.retireDate = stops.message;
      } else {
        try {
          changes.retireTeam(team.code, stops.date, staffActor(res));
          res.redirect(303, '/staff/admin/organisation?retired=1');
          return;
        } catch (error) {
          if (!(error instanceof OrganisationChangeError)) throw error;
          errors.retireDate = error.message;
        }
      }
      renderTeam(res, 400, team, currentValues(team), errors, false, retireValues);
    },
  );

  staffRoute(router, { method: 'GET', path: '/staff/admin/organisation/teams/:teamCode' }, (req, res) => {
    const team = teamFrom(req);
    renderTeam(res, 200, team, currentValues(team), {}, req.query.changed === '1');
  });

  staffRoute(router, { method: 'POST', path: '/staff/admin/organisation/teams/:teamCode' }, (req, res) => {
    const team = teamFrom(req);
    const fields = readFormFields(req.body, [
      'name',
      'site',
      'directorate',
      'community',
      'date-day',
      'date-month',
      'date-year',
      CSRF_FIELD,
    ]);
    const values: ChangeValues = {
      name: fields.name ?? '',
      site: fields.site ?? '',
      directorate: fields.directorate ?? '',
      community: fields.community ?? '',
      day: fields['date-day'] ?? '',
      month: fields['date-month'] ?? '',
      year: fields['date-year'] ?? '',
    };
    const errors: ChangeErrors = {};
    const name = values.name.trim();
    if (!name) errors.name = 'Enter the team name';
    else if (name.length > 200) errors.name = 'Team name must be 200 characters or fewer';
    const takesEffect = readTypedDate(values, 'the change takes effect');
    if ('message' in takesEffect) errors.date = takesEffect.message;
    const effectiveFrom = 'date' in takesEffect ? takesEffect.date : undefined;
    if (Object.keys(errors).length === 0 && effectiveFrom) {
      const current = currentValues(team);
      try {
        changes.changePlacement(
          team.code,
          {
            ...(name !== team.name ? { name } : {}),
            ...(values.site !== current.site ? { siteCode: values.site } : {}),
            ...(values.directorate !== current.directorate ? { directorateCode: values.directorate } : {}),
            ...(values.community !== current.community ? { communityCode: values.community } : {}),
          },
          effectiveFrom,
          staffActor(res),
        );
        res.redirect(303, `/staff/admin/organisation/teams/${team.code}?changed=1`);
        return;
      } catch (error) {
        if (!(error instanceof OrganisationChangeError)) throw error;
        errors[fieldOf[error.field] ?? 'name'] = error.message;
      }
    }
    renderTeam(res, 400, team, values, errors);
  });
  registerOrganisationUnitRoutes(router, deps, units);
  return router;
}
