/** What staff typed on the "Key in a paper or telephone response" form. */
export interface EntryValues {
  team: string;
  day: string;
  month: string;
  year: string;
  mode: string;
}

export type EntryErrors = Partial<Record<'team' | 'date' | 'mode', string>>;

/** The ISO date (YYYY-MM-DD) for a day, month and year as typed into an NHS date input, if it is a real date. */
export function realDateFrom(values: { day: string; month: string; year: string }): string | undefined {
  const [day, month, year] = [values.day.trim(), values.month.trim(), values.year.trim()];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A date typed into an NHS date input, or the error for it in NHS content style, naming what the date is
 * (`the team starts taking feedback` gives "Enter the date the team starts taking feedback").
 */
export function readTypedDate(
  values: { day: string; month: string; year: string },
  what: string,
): { date: string } | { message: string } {
  if (!values.day && !values.month && !values.year) return { message: `Enter the date ${what}` };
  const date = realDateFrom(values);
  return date ? { date } : { message: `Date ${what} must be a real date, like 1 4 2027` };
}

/** The ISO date (YYYY-MM-DD) for a day, month and year as typed, or an error message in NHS content style. */
export function readEntryDate(
  values: Pick<EntryValues, 'day' | 'month' | 'year'>,
  today: string,
): { ok: true; date: string } | { ok: false; message: string } {
  const { day, month, year } = values;
  if (!day.trim() && !month.trim() && !year.trim()) {
    return { ok: false, message: 'Enter the date the feedback was given' };
  }
  const iso = realDateFrom(values);
  if (iso === undefined) {
    return { ok: false, message: 'Date the feedback was given must be a real date, like 15 3 2026' };
  }
  if (iso > today) return { ok: false, message: 'Date the feedback was given must be today or in the past' };
  const earliest = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  if (iso < earliest) {
    return { ok: false, message: 'Date the feedback was given must be within the last 12 months' };
  }
  return { ok: true, date: iso };
}

export function buildEntryStartViewModel(input: {
  teams: { code: string; name: string }[];
  values: EntryValues;
  errors: EntryErrors;
}) {
  const { values, errors } = input;
  const title = 'Key in a paper or telephone response';
  const hrefs: Record<keyof EntryErrors, string> = { team: '#team', date: '#date-day', mode: '#mode' };
  return {
    pageTitle: Object.keys(errors).length > 0 ? `Error: ${title}` : title,
    errorList: (Object.keys(hrefs) as (keyof EntryErrors)[])
      .filter((field) => errors[field])
      .map((field) => ({ text: errors[field]!, href: hrefs[field] })),
    teamOptions: [
      { value: '', text: 'Choose a team', selected: values.team === '' },
      ...input.teams.map((t) => ({ value: t.code, text: t.name, selected: t.code === values.team })),
    ],
    teamError: errors.team,
    dateError: errors.date,
    dateParts: [
      { name: 'date-day', label: 'Day', value: values.day, width: 2 },
      { name: 'date-month', label: 'Month', value: values.month, width: 2 },
      { name: 'date-year', label: 'Year', value: values.year, width: 4 },
    ],
    modeField: {
      name: 'mode',
      fieldset: { legend: { text: 'How was it given?', size: 's' } },
      errorMessage: errors.mode ? { text: errors.mode } : undefined,
      items: [
        { value: 'paper', text: 'On a paper form', checked: values.mode === 'paper' },
        { value: 'telephone', text: 'By telephone', checked: values.mode === 'telephone' },
      ],
    },
  };
}
