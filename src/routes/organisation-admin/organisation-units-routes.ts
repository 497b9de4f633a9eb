import type { Request, Response, Router } from 'express';
import type { AppDeps } from '../../app';
import { CODE_PATTERN } from '../../organisation/organisation-file';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import { OrganisationChangeError } from '../../organisation/organisation-changes';
import type {
  OrganisationUnitRow,
  OrganisationUnitsRepository,
} from '../../organisation/organisation-units-repository';
import { staffRoute, staffActor } from '../../staff/permissions';
import { readTypedDate } from '../staff-entry/staff-entry-view-model';
import { emptyDate, type RetireValues } from './organisation-admin-view-model';
import {
  buildNewUnitViewModel,
  buildUnitListViewModel,
  buildUnitViewModel,
  directorateKinds,
  unitTypes,
  type NewUnitErrors,
  type NewUnitValues,
  type UnitErrors,
} from './organisation-units-view-model';

const UNITS = '/staff/admin/organisation/units/:unitType';
const UNIT = `${UNITS}/:unitCode`;

/**
 * Sites, directorates and Communities of Excellence (docs/organisation.md): list, add from a date, rename (at once,
 * former names kept) and retire from a date (refused while teams are placed in the unit then). Audited in the same
 * transaction as the change, by organisation-changes.
 */
export function registerOrganisationUnitRoutes(
  router: Router,
  deps: AppDeps,
  units: OrganisationUnitsRepository,
) {
  const changes = deps.services.organisationChanges;

  const segmentOf = (req: Request): string => {
    const segment = String(req.params.unitType);
    if (!Object.hasOwn(unitTypes, segment)) throw notFound();
    return segment;
  };
  const unitOf = (req: Request, segment: string): OrganisationUnitRow => {
    const unit = units.find(unitTypes[segment]!.type, String(req.params.unitCode));
    if (!unit) throw notFound();
    return unit;
  };
  const renderUnit = (
    res: Response,
    status: number,
    segment: string,
    unit: OrganisationUnitRow,
    form: { name?: string; retireValues?: RetireValues; errors?: UnitErrors; notice?: string },
  ) => {
    res.status(status).render(
      'pages/staff/admin-organisation-unit',
      buildUnitViewModel({
        segment,
        unit,
        renames: units.renames(unitTypes[segment]!.type, unit.id),
        name: form.name ?? '',
        retireValues: form.retireValues ?? emptyDate,
        errors: form.errors ?? {},
        notice: form.notice,
      }),
    );
  };
  const notices: Record<string, string> = {
    added: 'The change has been saved.',
    renamed: 'The new name has been saved.',
    retired: 'The retirement has been saved.',
  };
  const noticeOf = (req: Request) => {
    const saved = req.query.saved;
    return typeof saved === 'string' && Object.hasOwn(notices, saved) ? notices[saved] : undefined;
  };

  staffRoute(router, { method: 'GET', path: UNITS }, (req, res) => {
    const segment = segmentOf(req);
    res.render(
      'pages/staff/admin-organisation-units',
      buildUnitListViewModel(segment, units.list(unitTypes[segment]!.type)),
    );
  });

  const renderNew = (
    res: Response,
    status: number,
    segment: string,
    values: NewUnitValues,
    errors: NewUnitErrors,
  ) =>
    res
      .status(status)
      .render('pages/staff/admin-organisation-unit-new', buildNewUnitViewModel(segment, values, errors));

  staffRoute(router, { method: 'GET', path: `${UNITS}/new` }, (req, res) => {
    renderNew(res, 200, segmentOf(req), { code: '', name: '', kind: '', ...emptyDate }, {});
  });

  staffRoute(router, { method: 'POST', path: `${UNITS}/new` }, (req, res) => {
    const segment = segmentOf(req);
    const type = unitTypes[segment]!.type;
    const fields = readFormFields(req.body, [
      'code',
      'name',
      'kind',
      'date-day',
      'date-month',
      'date-year',
      CSRF_FIELD,
    ]);
    const values: NewUnitValues = {
      code: (fields.code ?? '').trim(),
      name: fields.name ?? '',
      kind: fields.kind ?? '',
      day: fields['date-day'] ?? '',
      month: fields['date-month'] ?? '',
      year: fields['date-year'] ?? '',
    };
    const errors: NewUnitErrors = {};
    if (!values.code) errors.code = 'Enter the code';
    else if (!CODE_PATTERN.test(values.code) || values.code === 'new')
      errors.code = 'Code must be 2 to 40 lowercase letters, digits or hyphens';
    if (!values.name.trim()) errors.name = 'Enter the name';
    const kind = directorateKinds.find((k) => k.value === values.kind)?.value;
    if (type === 'directorate' && !kind) errors.kind = 'Select the kind of directorate';
    const opens = readTypedDate(values, 'it opens');
    if ('message' in opens) errors.date = opens.message;
    const openedOn = 'date' in opens ? opens.date : undefined;
    if (Object.keys(errors).length === 0 && openedOn) {
      try {
        changes.addUnit(type, { code: values.code, name: values.name, kind }, openedOn, staffActor(res));
        res.redirect(303, `/staff/admin/organisation/units/${segment}/${values.code}?saved=added`);
        return;
      } catch (error) {
        if (!(error instanceof OrganisationChangeError)) throw error;
        const field = error.field === 'effectiveFrom' ? 'date' : error.field;
        errors[(['code', 'name', 'kind', 'date'].includes(field) ? field : 'code') as keyof NewUnitErrors] =
          error.message;
      }
    }
    renderNew(res, 400, segment, values, errors);
  });

  staffRoute(router, { method: 'GET', path: UNIT }, (req, res) => {
    const segment = segmentOf(req);
    renderUnit(res, 200, segment, unitOf(req, segment), { notice: noticeOf(req) });
  });

  staffRoute(router, { method: 'POST', path: `${UNIT}/rename` }, (req, res) => {
    const segment = segmentOf(req);
    const unit = unitOf(req, segment);
    const fields = readFormFields(req.body, ['name', CSRF_FIELD]);
    const name = fields.name ?? '';
    try {
      changes.renameUnit(unitTypes[segment]!.type, unit.code, name, staffActor(res));
      res.redirect(303, `/staff/admin/organisation/units/${segment}/${unit.code}?saved=renamed`);
    } catch (error) {
      if (!(error instanceof OrganisationChangeError)) throw error;
      renderUnit(res, 400, segment, unit, { name, errors: { name: error.message } });
    }
  });

  staffRoute(router, { method: 'POST', path: `${UNIT}/retire` }, (req, res) => {
    const segment = segmentOf(req);
    const unit = unitOf(req, segment);
    const fields = readFormFields(req.body, ['retire-day', 'retire-month', 'retire-year', CSRF_FIELD]);
    const retireValues: RetireValues = {
      day: fields['retire-day'] ?? '',
      month: fields['retire-month'] ?? '',
      year: fields['retire-year'] ?? '',
    };
    const closes = readTypedDate(retireValues, 'it closes');
    let message: string;
    if ('message' in closes) message = closes.message;
    else {
      try {
        changes.retireUnit(unitTypes[segment]!.type, unit.code, closes.date, staffActor(res));
        res.redirect(303, `/staff/admin/organisation/units/${segment}/${unit.code}?saved=retired`);
        return;
      } catch (error) {
        if (!(error instanceof OrganisationChangeError)) throw error;
        message = error.message;
      }
    }
    renderUnit(res, 400, segment, unit, { retireValues, errors: { retireDate: message } });
  });
}
