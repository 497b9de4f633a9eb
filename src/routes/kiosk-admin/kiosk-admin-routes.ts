import { Router } from 'express';
import type { AppDeps } from '../../app';
import { staffRoute } from '../../staff/permissions';
import { createKioskAdminController } from './kiosk-admin-controller';

/** Admin pages for collection points and kiosks; roles come from the permission table (src/staff/kiosk-permissions.ts). */
export function kioskAdminRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = createKioskAdminController(deps);
  staffRoute(router, { method: 'GET', path: '/staff/admin/collection-points' }, admin.list);
  staffRoute(router, { method: 'GET', path: '/staff/admin/collection-points/new' }, admin.showNew);
  staffRoute(router, { method: 'POST', path: '/staff/admin/collection-points/new' }, admin.create);
  staffRoute(
    router,
    { method: 'POST', path: '/staff/admin/collection-points/:pointId/retire' },
    admin.retire,
  );
  staffRoute(router, { method: 'POST', path: '/staff/admin/collection-points/:pointId/enrol' }, admin.enrol);
  staffRoute(router, { method: 'GET', path: '/staff/admin/kiosks' }, admin.statuses);
  staffRoute(router, { method: 'POST', path: '/staff/admin/kiosks/:deviceId/revoke' }, admin.revoke);
  return router;
}
