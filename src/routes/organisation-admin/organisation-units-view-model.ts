import { formatDay, londonDateOf } from '../../clock';
import type { DirectorateKind, UnitType } from '../../organisation/organisation-changes';
import type { OrganisationUnitRow, UnitRename } from '../../organisation/organisation-units-repository';
import {
  codeAndNameFields,
  dateInput,
  errorListInOrder,
  type RetireValues,
} from './organisation-admin-view-model';

/** The address segment of each unit type, and the words for it. */
export const unitTypes: Record<string, { type: UnitType; one: string; many: string; article: string }> = {
  sites: { type: 'site', one: 'site', many: 'Sites', article: 'a' },
  directorates: { type: 'directorate', one: 'directorate', many: 'Directorates', article: 'a' },
  communities: {
    type: 'community',
    one: 'Community of Excellence',
    many: 'Communities of Excellence',
    article: 'a',
  },
};

export const directorateKinds: readonly { value: DirectorateKind; text: string }[] = [
  { value: 'community', text: 'Community' },
  { value: 'inpatient', text: 'Inpatient' },
  { value: 'specialist', text: 'Specialist' },
];

const base = (segment: string) => `/staff/admin/organisation/units/${segment}`;
const withError = (title: string, errors: object) =>
  Object.keys(errors).length > 0 ? `Error: ${title}` : title;

/** The list of one unit type: open ones first, each with when it opened and retired. */
export function buildUnitListViewModel(segment: string, rows: OrganisationUnitRow[]) {
  const words = unitTypes[segment]!;
  return {
    pageTitle: words.many,
    heading: words.many,
    addHref: `${base(segment)}/new`,
    addText: `Add ${words.article} ${words.one}`,
    rows: rows.map((row) => ({
      name: row.name,
      href: `${base(segment)}/${row.code}`,
      code: row.code,
      opened: row.openedOn === null ? 'From the start' : formatDay(row.openedOn),
      retired: row.retiredOn === null ? 'Open' : `Retired from ${formatDay(row.retiredOn)}`,
    })),
  };
}

export interface NewUnitValues {
  code: string;
  name: string;
  kind: string;
  day: string;
  month: string;
  year: string;
}
export type NewUnitErrors = Partial<Record<'code' | 'name' | 'kind' | 'date', string>>;

export function buildNewUnitViewModel(segment: string, values: NewUnitValues, errors: NewUnitErrors) {
  const words = unitTypes[segment]!;
  const title = `Add ${words.article} ${words.one}`;
  const order: (keyof NewUnitErrors)[] = ['code', 'name', 'kind', 'date'];
  return {
    pageTitle: withError(title, errors),
    heading: title,
    action: `${base(segment)}/new`,
    backHref: base(segment),
    backText: words.many,
    errorList: errorListInOrder(order, errors),
    ...codeAndNameFields(values, errors, {
      code: 'Code',
      codeHint: 'A short, permanent identifier that is never reused. Lowercase letters, digits and hyphens.',
      name: 'Name',
    }),
    kindSelect:
      words.type === 'directorate'
        ? {
            id: 'kind',
            label: 'Kind of directorate',
            items: [
              { value: '', text: 'Select a kind', selected: values.kind === '' },
              ...directorateKinds.map((k) => ({ ...k, selected: k.value === values.kind })),
            ],
            error: errors.kind,
          }
        : undefined,
    date: dateInput('date', `Date the ${words.one} opens`, values, errors.date),
  };
}

export type UnitErrors = Partial<Record<'name' | 'retireDate', string>>;

/** One unit: when it opened, its former names, and the forms to rename or retire it. */
export function buildUnitViewModel(input: {
  segment: string;
  unit: OrganisationUnitRow;
  renames: UnitRename[];
  name: string;
  retireValues: RetireValues;
  errors: UnitErrors;
  notice?: string;
}) {
  const { segment, unit, errors } = input;
  const words = unitTypes[segment]!;
  const action = `${base(segment)}/${unit.code}`;
  return {
    pageTitle: withError(unit.name, errors),
    heading: unit.name,
    caption: words.one.charAt(0).toUpperCase() + words.one.slice(1),
    notice: input.notice,
    backHref: base(segment),
    backText: words.many,
    errorList: (['name', 'retireDate'] as const)
      .filter((field) => errors[field])
      .map((field) => ({ text: errors[field]!, href: field === 'name' ? '#name' : '#retire-day' })),
    code: unit.code,
    opened: unit.openedOn === null ? 'From the start' : formatDay(unit.openedOn),
    retired: unit.retiredOn === null ? undefined : formatDay(unit.retiredOn),
    formerNames: input.renames.map((r) => ({
      name: r.formerName,
      until: formatDay(londonDateOf(new Date(r.renamedAt))),
    })),
    renameAction: `${action}/rename`,
    retireAction: `${action}/retire`,
    renameHeading: `Rename this ${words.one}`,
    retireHeading: `Retire this ${words.one}`,
    nameField: {
      name: 'name',
      label: { text: 'New name' },
      hint: {
        text: 'The new name shows at once everywhere, also for earlier responses. The former name is kept.',
      },
      value: input.name,
      errorMessage: errors.name ? { text: errors.name } : undefined,
      autocomplete: 'off',
    },
    retireDate: dateInput(
      'retire',
      `Date the ${words.one} closes`,
      input.retireValues,
      errors.retireDate,
      `For example, 1 4 2027. Every team must have moved out or retired by then.`,
    ),
  };
}
