import { Router, type Request, type Response } from 'express';
import { londonDateOf } from '../../clock';
import type { AppDeps } from '../../app';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import { OrganisationChangeError } from '../../organisation/organisation-changes';
import { createOrganisationUnitsRepository } from '../../organisation/organisation-units-repository';
import type { PlacedTeam } from '../../organisation/organisation-repository';
import { signedInStaff, staffRoute } from '../../staff/permissions';
import { teamCodeParam } from '../public-survey/survey-schema';
import { realDateFrom } from '../staff-entry/staff-entry-view-model';
import {
  buildTeamListViewModel,
  buildTeamViewModel,
  type ChangeErrors,
  type ChangeValues,
} from './organisation-admin-view-model';

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

  const teamFrom = (req: Request): PlacedTeam => {
    const code = teamCodeParam.safeParse(req.params.teamCode);
    const team = code.success
      ? organisation.listActiveTeamsOn(today()).find((t) => t.code === code.data)
      : undefined;
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

  const renderTeam = (
    res: Response,
    status: number,
    team: PlacedTeam,
    values: ChangeValues,
    errors: ChangeErrors,
    changed = false,
  ) => {
    res.status(status).render(
      'pages/staff/admin-organisation-team',
      buildTeamViewModel({
        team,
        history: changes.history(team.code),
        units: { sites: units.sites(), directorates: units.directorates(), communities: units.communities() },
        values,
        errors,
        changed,
      }),
    );
  };

  staffRoute(router, { method: 'GET', path: '/staff/admin/organisation' }, (_req, res) => {
    res.render(
      'pages/staff/admin-organisation',
      buildTeamListViewModel(organisation.listActiveTeamsOn(today())),
    );
  });

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
    const effectiveFrom = realDateFrom(values);
    if (!values.day && !values.month && !values.year) errors.date = 'Enter the date the change takes effect';
    else if (!effectiveFrom) errors.date = 'Date the change takes effect must be a real date, like 1 4 2027';
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
          {
            userId: signedInStaff(res)!.id,
            email: signedInStaff(res)!.email,
            sessionId: signedInStaff(res)!.sessionId,
          },
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
  return router;
}
