import { formatDay } from '../../clock';
import type { PlacedTeam } from '../../organisation/organisation-repository';
import type { PlacementHistoryRow } from '../../organisation/organisation-changes';
import type { OrganisationUnit } from '../../organisation/organisation-units-repository';

export function buildTeamListViewModel(
  teams: PlacedTeam[],
  upcoming: { code: string; name: string; startsOn: string }[] = [],
  retired = false,
) {
  return {
    pageTitle: 'Organisation',
    retired,
    upcoming: upcoming.map((team) => ({
      name: team.name,
      href: `/staff/admin/organisation/teams/${team.code}`,
      startsOn: formatDay(team.startsOn),
    })),
    rows: teams.map((team) => ({
      name: team.name,
      code: team.code,
      href: `/staff/admin/organisation/teams/${team.code}`,
      site: team.siteName,
      directorate: team.directorateName,
      community: team.communityName,
    })),
  };
}

export interface ChangeValues {
  name: string;
  site: string;
  directorate: string;
  community: string;
  day: string;
  month: string;
  year: string;
}

export type ChangeErrors = Partial<
  Record<'name' | 'site' | 'directorate' | 'community' | 'date' | 'retireDate', string>
>;

/** The retire form's date as typed. */
export interface RetireValues {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: RetireValues = { day: '', month: '', year: '' };

/** The error summary's links in the page's field order; a date's link goes to its day box. */
export function errorListInOrder<Field extends string>(
  order: readonly Field[],
  errors: Partial<Record<Field, string>>,
): { text: string; href: string }[] {
  return order
    .filter((field) => errors[field])
    .map((field) => ({ text: errors[field]!, href: field === 'date' ? '#date-day' : `#${field}` }));
}

/** The code and name inputs of the add-a-team and add-a-unit forms. */
export function codeAndNameFields(
  values: { code: string; name: string },
  errors: { code?: string; name?: string },
  labels: { code: string; codeHint: string; name: string },
) {
  return {
    codeField: {
      name: 'code',
      label: { text: labels.code },
      hint: { text: labels.codeHint },
      value: values.code,
      errorMessage: errors.code ? { text: errors.code } : undefined,
      autocomplete: 'off',
      spellcheck: false,
    },
    nameField: {
      name: 'name',
      label: { text: labels.name },
      value: values.name,
      errorMessage: errors.name ? { text: errors.name } : undefined,
      autocomplete: 'off',
    },
  };
}

/** NHS date input parameters (views/components/date-input.ejs) for a date typed as day, month and year. */
export const dateInput = (
  prefix: string,
  legend: string,
  values: RetireValues,
  error: string | undefined,
  hint = 'For example, 1 4 2027',
) => ({
  id: prefix,
  namePrefix: prefix,
  fieldset: { legend: { text: legend } },
  hint: { text: hint },
  errorMessage: error ? { text: error } : undefined,
  items: [
    { name: 'day', value: values.day },
    { name: 'month', value: values.month },
    { name: 'year', value: values.year },
  ],
});

const options = (units: OrganisationUnit[], chosen: string) =>
  units.map((unit) => ({ value: unit.code, text: unit.name, selected: unit.code === chosen }));

/** A team's page: where it sits now, its history, and the forms to change or retire it from a date. */
export function buildTeamViewModel(input: {
  team: PlacedTeam;
  history: PlacementHistoryRow[];
  units: { sites: OrganisationUnit[]; directorates: OrganisationUnit[]; communities: OrganisationUnit[] };
  values: ChangeValues;
  retireValues?: RetireValues;
  errors: ChangeErrors;
  changed: boolean;
  /** Today (YYYY-MM-DD): a team whose first placement is later shows when it starts. */
  today: string;
}) {
  const { team, values, errors } = input;
  const hrefs: Record<keyof ChangeErrors, string> = {
    name: '#name',
    site: '#site',
    directorate: '#directorate',
    community: '#community',
    date: '#date-day',
    retireDate: '#retire-day',
  };
  const title = team.name;
  const startsOn = input.history[0]?.validFrom;
  return {
    pageTitle: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
    teamName: team.name,
    teamCode: team.code,
    changed: input.changed,
    startsLater: startsOn !== undefined && startsOn > input.today ? formatDay(startsOn) : undefined,
    retireAction: `/staff/admin/organisation/teams/${team.code}/retire`,
    retireDate: dateInput(
      'retire',
      'Date the team stops taking feedback',
      input.retireValues ?? emptyDate,
      errors.retireDate,
    ),
    errorList: (Object.keys(hrefs) as (keyof ChangeErrors)[])
      .filter((field) => errors[field])
      .map((field) => ({ text: errors[field]!, href: hrefs[field] })),
    history: input.history.map((row) => ({
      from: formatDay(row.validFrom),
      to: row.validTo === null ? 'Now' : `Until ${formatDay(row.validTo)}`,
      name: row.name,
      site: row.siteName,
      directorate: row.directorateName,
      community: row.communityName,
    })),
    nameField: {
      name: 'name',
      label: { text: 'Team name' },
      value: values.name,
      errorMessage: errors.name ? { text: errors.name } : undefined,
      autocomplete: 'off',
    },
    selects: [
      { name: 'site', label: 'Site', options: options(input.units.sites, values.site), error: errors.site },
      {
        name: 'directorate',
        label: 'Directorate',
        options: options(input.units.directorates, values.directorate),
        error: errors.directorate,
      },
      {
        name: 'community',
        label: 'Community of Excellence',
        options: options(input.units.communities, values.community),
        error: errors.community,
      },
    ],
    dateError: errors.date,
    dateParts: [
      { name: 'date-day', label: 'Day', value: values.day, width: 2 },
      { name: 'date-month', label: 'Month', value: values.month, width: 2 },
      { name: 'date-year', label: 'Year', value: values.year, width: 4 },
    ],
    changeAction: `/staff/admin/organisation/teams/${team.code}`,
  };
}

export interface NewTeamValues {
  code: string;
  name: string;
  site: string;
  directorate: string;
  community: string;
  setting: string;
  kind: string;
  day: string;
  month: string;
  year: string;
}

export type NewTeamErrors = Partial<
  Record<'code' | 'name' | 'site' | 'directorate' | 'community' | 'setting' | 'kind' | 'date', string>
>;

export const settings = [
  { value: 'community', text: 'Community' },
  { value: 'inpatient', text: 'Inpatient' },
  { value: 'forensic', text: 'Forensic' },
] as const;

export const teamKinds = [
  { value: 'ward', text: 'Ward' },
  { value: 'community_team', text: 'Community team' },
  { value: 'service', text: 'Service' },
] as const;

const choose = (text: string, items: readonly { value: string; text: string }[], chosen: string) => [
  { value: '', text, selected: chosen === '' },
  ...items.map((item) => ({ value: item.value, text: item.text, selected: item.value === chosen })),
];

/** The "Add a team" page. */
export function buildNewTeamViewModel(input: {
  units: { sites: OrganisationUnit[]; directorates: OrganisationUnit[]; communities: OrganisationUnit[] };
  values: NewTeamValues;
  errors: NewTeamErrors;
}) {
  const { values, errors, units } = input;
  const title = 'Add a team';
  const asItems = (list: OrganisationUnit[]) => list.map((u) => ({ value: u.code, text: u.name }));
  const order: (keyof NewTeamErrors)[] = [
    'code',
    'name',
    'site',
    'directorate',
    'community',
    'setting',
    'kind',
    'date',
  ];
  return {
    pageTitle: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
    errorList: errorListInOrder(order, errors),
    ...codeAndNameFields(values, errors, {
      code: 'Team code',
      codeHint:
        'Used in its feedback address (/t/code) and never reused. Lowercase letters, digits and hyphens.',
      name: 'Team name',
    }),
    selects: [
      {
        id: 'site',
        label: 'Site',
        items: choose('Select a site', asItems(units.sites), values.site),
        error: errors.site,
      },
      {
        id: 'directorate',
        label: 'Directorate',
        items: choose('Select a directorate', asItems(units.directorates), values.directorate),
        error: errors.directorate,
      },
      {
        id: 'community',
        label: 'Community of Excellence',
        items: choose('Select a Community of Excellence', asItems(units.communities), values.community),
        error: errors.community,
      },
      {
        id: 'setting',
        label: 'Setting',
        items: choose('Select a setting', settings, values.setting),
        error: errors.setting,
      },
      {
        id: 'kind',
        label: 'Kind of team',
        items: choose('Select a kind', teamKinds, values.kind),
        error: errors.kind,
      },
    ],
    date: dateInput('date', 'Date the team starts taking feedback', values, errors.date),
  };
}
