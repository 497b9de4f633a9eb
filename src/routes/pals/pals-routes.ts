import { Router } from 'express';
import type { AppDeps } from '../../app';
import { staffRoute } from '../../staff/permissions';
import { createPalsController } from './pals-controller';
import { createThemeAdminController } from './theme-admin-controller';
import { createComplimentsController } from './compliments-controller';
import { createYouSaidWeDidAdminController } from './you-said-we-did-admin-controller';

/** The PALS workspace under /staff/pals; roles come from the permission table (src/staff/permissions.ts). */
export function palsRoutes(deps: AppDeps): Router {
  const router = Router();
  const pals = createPalsController({
    pals: deps.services.pals,
    publications: deps.services.publications,
    compliments: deps.services.compliments,
    organisation: deps.services.organisation,
    clock: deps.clock,
  });
  staffRoute(router, { method: 'GET', path: '/staff/pals/comments' }, pals.showInbox);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/bulk' }, pals.bulk);
  staffRoute(router, { method: 'GET', path: '/staff/pals/comments/:commentId' }, pals.showComment);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/status' }, pals.changeStatus);
  staffRoute(
    router,
    { method: 'POST', path: '/staff/pals/comments/:commentId/sentiment' },
    pals.confirmSentiment,
  );
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/themes' }, pals.setThemes);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/owner' }, pals.setOwner);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/notes' }, pals.addNote);
  staffRoute(
    router,
    { method: 'POST', path: '/staff/pals/comments/:commentId/compliment' },
    pals.setCompliment,
  );
  staffRoute(router, { method: 'GET', path: '/staff/pals/comments/:commentId/publish' }, pals.showPublish);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/publish' }, pals.publish);
  staffRoute(router, { method: 'POST', path: '/staff/pals/comments/:commentId/withdraw' }, pals.withdraw);
  staffRoute(router, { method: 'GET', path: '/staff/pals/flags/:flagId' }, pals.showFlag);
  staffRoute(router, { method: 'POST', path: '/staff/pals/flags/:flagId' }, pals.closeFlag);

  const entries = createYouSaidWeDidAdminController({
    publications: deps.services.publications,
    pals: deps.services.pals,
    organisation: deps.services.organisation,
    clock: deps.clock,
  });
  staffRoute(router, { method: 'GET', path: '/staff/pals/you-said-we-did' }, entries.list);
  staffRoute(router, { method: 'GET', path: '/staff/pals/you-said-we-did/new' }, entries.showNew);
  staffRoute(router, { method: 'POST', path: '/staff/pals/you-said-we-did/new' }, entries.add);
  staffRoute(router, { method: 'GET', path: '/staff/pals/you-said-we-did/:entryId' }, entries.showEdit);
  staffRoute(router, { method: 'POST', path: '/staff/pals/you-said-we-did/:entryId' }, entries.update);
  staffRoute(
    router,
    { method: 'POST', path: '/staff/pals/you-said-we-did/:entryId/status' },
    entries.changeStatus,
  );

  const compliments = createComplimentsController({
    compliments: deps.services.compliments,
    pals: deps.services.pals,
    clock: deps.clock,
  });
  staffRoute(router, { method: 'GET', path: '/staff/pals/compliments' }, compliments.list);
  staffRoute(router, { method: 'GET', path: '/staff/pals/compliments.csv' }, compliments.exportCsv);

  const themes = createThemeAdminController(deps.services.pals);
  staffRoute(router, { method: 'GET', path: '/staff/admin/themes' }, themes.list);
  staffRoute(router, { method: 'POST', path: '/staff/admin/themes' }, themes.add);
  staffRoute(router, { method: 'POST', path: '/staff/admin/themes/:themeId' }, themes.change);
  return router;
}
