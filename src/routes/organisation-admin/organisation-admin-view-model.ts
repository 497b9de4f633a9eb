import type { PlacedTeam } from '../../organisation/organisation-repository';
import type { PlacementHistoryRow } from '../../organisation/organisation-changes';
import type { OrganisationUnit } from '../../organisation/organisation-units-repository';

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** "1 April 2027" for an ISO date. */
export const formatDay = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));

export function buildTeamListViewModel(teams: PlacedTeam[]) {
  return {
    pageTitle: 'Organisation',
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

export type ChangeErrors = Partial<Record<'name' | 'site' | 'directorate' | 'community' | 'date', string>>;

const options = (units: OrganisationUnit[], chosen: string) =>
  units.map((unit) => ({ value: unit.code, text: unit.name, selected: unit.code === chosen }));

/** A team's page: where it sits now, its history, and the forms to change or retire it from a date. */
export function buildTeamViewModel(input: {
  team: PlacedTeam;
  history: PlacementHistoryRow[];
  units: { sites: OrganisationUnit[]; directorates: OrganisationUnit[]; communities: OrganisationUnit[] };
  values: ChangeValues;
  errors: ChangeErrors;
  changed: boolean;
}) {
  const { team, values, errors } = input;
  const hrefs: Record<keyof ChangeErrors, string> = {
    name: '#name',
    site: '#site',
    directorate: '#directorate',
    community: '#community',
    date: '#date-day',
  };
  const title = team.name;
  return {
    pageTitle: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
    teamName: team.name,
    teamCode: team.code,
    changed: input.changed,
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
