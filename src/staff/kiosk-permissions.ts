import type { StaffPermission } from './permissions';

const adminOnly = ['admin'] as const;
const pals = ['pals'] as const;
/** Where staff key in a paper or telephone response: the survey journey under this base (one per mode, day, team). */
export const STAFF_ENTRY_BASE = '/staff/responses/:mode/:date/:teamCode';
const entryJourney = [
  ['GET', ''],
  ['GET', '/thank-you'],
  ['GET', '/:surveyCode'],
  ['POST', '/:surveyCode'],
  ['GET', '/:surveyCode/check'],
  ['POST', '/:surveyCode/check'],
  ['GET', '/:surveyCode/:step'],
  ['POST', '/:surveyCode/:step'],
] as const;

/** Collection points and kiosks (docs/kiosks.md): rows of the staff permission table, spread into it. */
export const kioskPermissions: readonly StaffPermission[] = [
  {
    method: 'GET',
    path: '/staff/admin/collection-points',
    roles: adminOnly,
    purpose: 'List collection points',
  },
  {
    method: 'GET',
    path: '/staff/admin/collection-points/new',
    roles: adminOnly,
    purpose: 'Add a collection point',
  },
  {
    method: 'POST',
    path: '/staff/admin/collection-points/new',
    roles: adminOnly,
    purpose: 'Add a collection point',
  },
  {
    method: 'POST',
    path: '/staff/admin/collection-points/:pointId/retire',
    roles: adminOnly,
    purpose: 'Retire a collection point',
  },
  {
    method: 'POST',
    path: '/staff/admin/collection-points/:pointId/enrol',
    roles: adminOnly,
    purpose: 'Enrol this device as a kiosk',
  },
  {
    method: 'GET',
    path: '/staff/admin/kiosks',
    roles: adminOnly,
    purpose: 'Kiosks: last contact, responses today',
  },
  {
    method: 'POST',
    path: '/staff/admin/kiosks/:deviceId/revoke',
    roles: adminOnly,
    purpose: 'Revoke a kiosk',
  },
  { method: 'GET', path: '/staff/admin/organisation', roles: adminOnly, purpose: 'Teams and where they sit' },
  {
    method: 'GET',
    path: '/staff/admin/organisation/teams/:teamCode',
    roles: adminOnly,
    purpose: "A team's placement and history",
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/teams/:teamCode',
    roles: adminOnly,
    purpose: 'Move or rename a team from a date',
  },
  {
    method: 'GET',
    path: '/staff/admin/organisation/new-team',
    roles: adminOnly,
    purpose: 'Add a team from a date',
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/new-team',
    roles: adminOnly,
    purpose: 'Add a team from a date',
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/teams/:teamCode/retire',
    roles: adminOnly,
    purpose: 'Retire a team from a date',
  },
  {
    method: 'GET',
    path: '/staff/admin/organisation/units/:unitType',
    roles: adminOnly,
    purpose: 'Sites, directorates or Communities of Excellence',
  },
  {
    method: 'GET',
    path: '/staff/admin/organisation/units/:unitType/new',
    roles: adminOnly,
    purpose: 'Add a site, directorate or Community of Excellence',
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/units/:unitType/new',
    roles: adminOnly,
    purpose: 'Add a site, directorate or Community of Excellence',
  },
  {
    method: 'GET',
    path: '/staff/admin/organisation/units/:unitType/:unitCode',
    roles: adminOnly,
    purpose: 'A site, directorate or Community of Excellence',
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/units/:unitType/:unitCode/rename',
    roles: adminOnly,
    purpose: 'Rename a site, directorate or Community of Excellence',
  },
  {
    method: 'POST',
    path: '/staff/admin/organisation/units/:unitType/:unitCode/retire',
    roles: adminOnly,
    purpose: 'Retire a site, directorate or Community of Excellence from a date',
  },
  {
    method: 'GET',
    path: '/staff/responses/new',
    roles: pals,
    purpose: 'Key in a paper or telephone response',
  },
  {
    method: 'POST',
    path: '/staff/responses/new',
    roles: pals,
    purpose: 'Key in a paper or telephone response',
  },
  ...entryJourney.map(([method, path]) => ({
    method,
    path: `${STAFF_ENTRY_BASE}${path}`,
    roles: pals,
    purpose: 'Key in a paper or telephone response: the survey pages',
  })),
];
