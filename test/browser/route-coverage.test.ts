import express from 'express';
import { buildTestApp } from '../support/test-app';
import { notPages, pageChecks } from './support/page-checks';
import { getRoutes } from './support/routes';

describe('browser check coverage', () => {
  it('has a row in the page list (or in notPages, with a reason) for every GET route of the app', () => {
    const { app } = buildTestApp();
    const checked = new Set([...pageChecks.map((c) => c.route), ...notPages.map((p) => p.route)]);
    const unchecked = getRoutes(app).filter((route) => !checked.has(route));
    // A route listed here has no browser check: add a row to test/browser/support/page-checks.ts.
    expect(unchecked).toEqual([]);
  });

  it('finds routes in routers mounted under a path, so a new staff router cannot slip past', () => {
    const app = express();
    const staff = express.Router();
    staff.get('/inbox', (_req, res) => res.end());
    staff.post('/inbox', (_req, res) => res.end());
    app.use('/staff', staff);
    app.get('/', (_req, res) => res.end());
    expect(getRoutes(app).sort()).toEqual(['/', '/staff/inbox']);
  });

  it('lists no route that the app does not have, so the list does not rot', () => {
    const routes = new Set(getRoutes(buildTestApp().app));
    const stale = [...pageChecks.map((c) => c.route), ...notPages.map((p) => p.route)].filter(
      (route) => route !== null && !routes.has(route),
    );
    expect(stale).toEqual([]);
  });
});
