import type { Request, Response } from 'express';
import { z } from 'zod';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import { PalsRuleError, type PalsService } from '../../pals/pals-service';
import { staffActor } from '../../staff/permissions';
import { buildThemeAdminViewModel } from './theme-admin-view-model';

const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Admins edit the theme taxonomy: add, rename, deactivate (and reactivate). Each change is audited. */
export function createThemeAdminController(pals: PalsService) {
  const page = (
    res: Response,
    status: number,
    typed: Record<string, string>,
    errors: Record<string, string>,
  ) =>
    res.status(status).render('pages/pals/themes', buildThemeAdminViewModel(pals.allThemes(), typed, errors));

  return {
    list: (_req: Request, res: Response) => page(res, 200, {}, {}),

    add: (req: Request, res: Response) => {
      const form = readFormFields(req.body, ['label', '_csrf']);
      try {
        pals.addTheme(form.label ?? '', staffActor(res));
      } catch (error) {
        if (!(error instanceof PalsRuleError) || !error.field) throw error;
        page(res, 400, { label: form.label ?? '' }, { label: error.message });
        return;
      }
      res.redirect(303, '/staff/admin/themes');
    },

    change: (req: Request, res: Response) => {
      const themeId = idParam.safeParse(req.params.themeId);
      if (!themeId.success) throw notFound();
      const field = `label-${themeId.data}`;
      const form = readFormFields(req.body, [field, 'action', '_csrf']);
      try {
        if (form.action === 'deactivate') pals.setThemeActive(themeId.data, false, staffActor(res));
        else if (form.action === 'reactivate') pals.setThemeActive(themeId.data, true, staffActor(res));
        else pals.renameTheme(themeId.data, form[field] ?? '', staffActor(res));
      } catch (error) {
        if (!(error instanceof PalsRuleError)) throw error;
        if (!error.field) throw notFound();
        page(res, 400, { [field]: form[field] ?? '' }, { [field]: error.message });
        return;
      }
      res.redirect(303, '/staff/admin/themes');
    },
  };
}
