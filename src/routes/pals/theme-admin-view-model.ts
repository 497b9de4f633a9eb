import { errorListOf, inputField, titleWith } from '../staff/staff-view-model';

/** The theme taxonomy page: one rename form per theme, deactivate or reactivate, and an add form. */
export function buildThemeAdminViewModel(
  themes: { id: number; code: string; label: string; active: number }[],
  typed: Record<string, string>,
  errors: Record<string, string>,
) {
  return {
    pageTitle: titleWith('PALS themes', errors),
    errorList: errorListOf(errors),
    themes: themes.map((theme) => {
      const name = `label-${theme.id}`;
      return {
        action: `/staff/admin/themes/${theme.id}`,
        active: theme.active === 1,
        status: theme.active === 1 ? 'Active' : 'Deactivated',
        field: inputField(name, `Name of theme ${theme.code}`, errors, { value: typed[name] ?? theme.label }),
        toggle:
          theme.active === 1
            ? { value: 'deactivate', text: 'Deactivate' }
            : { value: 'reactivate', text: 'Reactivate' },
      };
    }),
    addField: inputField('label', 'New theme name', errors, { value: typed.label ?? '' }),
  };
}
