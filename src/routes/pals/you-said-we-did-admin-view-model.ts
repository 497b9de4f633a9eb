import { monthLabel } from '../../reports/report-period';
import type {
  QuoteChoice,
  StoredEntry,
  YouSaidWeDidEntry,
  YouSaidWeDidStatus,
} from '../../pals/publication-service';
import { statusLabels } from '../you-said-we-did/you-said-we-did-view-model';
import { errorListOf, inputField, titleWith } from '../staff/staff-view-model';

/** What the entry form holds, as typed (strings), so a refused form shows it again. */
export interface EntryFormValues {
  place: string;
  themeId: string;
  youSaid: string;
  quoteCommentId: string;
  weDid: string;
  publishedOn: string;
  status: string;
}

export interface PlaceChoice {
  value: string;
  text: string;
}

const shortQuote = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "team-12" or "directorate-3": one field for "team or directorate". */
export function placeValue(entry: { teamId: number | null; directorateId: number | null }): string {
  if (entry.teamId !== null) return `team-${entry.teamId}`;
  return entry.directorateId !== null ? `directorate-${entry.directorateId}` : '';
}

export function readPlace(value: string): { teamId: number | null; directorateId: number | null } | null {
  const match = /^(team|directorate)-(\d{1,12})$/.exec(value);
  if (!match) return null;
  const id = Number(match[2]);
  return match[1] === 'team' ? { teamId: id, directorateId: null } : { teamId: null, directorateId: id };
}

export function entryFormValues(entry: StoredEntry): EntryFormValues {
  return {
    place: placeValue(entry),
    themeId: entry.themeId === null ? '' : String(entry.themeId),
    youSaid: entry.youSaid ?? '',
    quoteCommentId: entry.quoteCommentId === null ? 'none' : String(entry.quoteCommentId),
    weDid: entry.weDid,
    publishedOn: entry.publishedOn,
    status: entry.status,
  };
}

/** The list of entries for PALS, with a status filter. */
export function buildEntryListViewModel(entries: YouSaidWeDidEntry[], status: YouSaidWeDidStatus | null) {
  return {
    pageTitle: 'You said, we did entries',
    statusField: {
      id: 'status',
      label: 'Status',
      items: [
        { value: '', text: 'Any status', selected: status === null },
        ...Object.entries(statusLabels).map(([value, text]) => ({
          value,
          text,
          selected: value === status,
        })),
      ],
    },
    filtered: status !== null,
    rows: entries.map((entry) => ({
      anchor: `entry-${entry.id}`,
      href: `/staff/pals/you-said-we-did/${entry.id}`,
      heading: entry.themeLabel ?? 'No theme',
      where: entry.teamName ?? (entry.directorateName ? `${entry.directorateName} directorate` : ''),
      date: entry.publishedOn,
      said:
        entry.youSaid === null
          ? 'Quote not shown publicly: fewer than 5 responses that month, or the copy was withdrawn'
          : shortQuote(entry.isQuote ? `“${entry.youSaid}”` : entry.youSaid, 120),
      did: shortQuote(entry.weDid, 120),
      statusText: statusLabels[entry.status],
      statusAction: `/staff/pals/you-said-we-did/${entry.id}/status`,
      /** Buttons for the statuses the entry can move to (any other one). */
      moves: (Object.keys(statusLabels) as YouSaidWeDidStatus[])
        .filter((s) => s !== entry.status)
        .map((value) => ({ value, text: `Mark as ${statusLabels[value].toLowerCase()}` })),
    })),
  };
}

/** The add or edit form. Quotes are approved, redacted copies only; the service checks they fit the place. */
export function buildEntryFormViewModel(input: {
  entryId: number | null;
  values: EntryFormValues;
  errors: Record<string, string>;
  places: PlaceChoice[];
  themes: { id: number; label: string }[];
  quotes: QuoteChoice[];
}) {
  const { values, errors } = input;
  const heading = input.entryId === null ? 'Add a You said, we did entry' : 'Change a You said, we did entry';
  const action =
    input.entryId === null
      ? '/staff/pals/you-said-we-did/new'
      : `/staff/pals/you-said-we-did/${input.entryId}`;
  const radios = (name: string, legend: string, items: { value: string; text: string }[], hint?: string) => ({
    name,
    fieldset: { legend: { text: legend, size: 's' } },
    ...(hint ? { hint: { text: hint } } : {}),
    ...(errors[name] ? { errorMessage: { text: errors[name] } } : {}),
    items: items.map((item) => ({ ...item, checked: item.value === values[name as keyof EntryFormValues] })),
  });
  return {
    pageTitle: titleWith(heading, errors),
    heading,
    action,
    backHref: '/staff/pals/you-said-we-did',
    errorList: errorListOf(errors),
    placeField: {
      id: 'place',
      label: 'Team or directorate',
      error: errors.place,
      items: [
        { value: '', text: 'Select a team or directorate', selected: values.place === '' },
        ...input.places.map((p) => ({ ...p, selected: p.value === values.place })),
      ],
    },
    themeField: {
      id: 'themeId',
      label: 'Theme',
      error: errors.themeId,
      items: [
        { value: '', text: 'No theme', selected: values.themeId === '' },
        ...input.themes.map((t) => ({
          value: String(t.id),
          text: t.label,
          selected: String(t.id) === values.themeId,
        })),
      ],
    },
    youSaidField: {
      id: 'youSaid',
      name: 'youSaid',
      label: { text: 'What people said', size: 's' },
      hint: { text: 'A summary in your words. Leave this empty if you choose a quote below.' },
      maxlength: 2000,
      rows: 4,
      value: values.youSaid,
      ...(errors.youSaid ? { errorMessage: { text: errors.youSaid } } : {}),
    },
    quoteField: radios(
      'quoteCommentId',
      'Or quote a published comment',
      [
        { value: 'none', text: 'No quote: use the summary' },
        ...input.quotes.map((q) => ({
          value: String(q.commentId),
          text: `${q.teamName}, ${monthLabel(q.month)}: “${shortQuote(q.text)}”`,
        })),
      ],
      'Only approved, redacted copies from teams with at least 5 responses that month. The quote must come from the team or directorate above.',
    ),
    weDidField: {
      id: 'weDid',
      name: 'weDid',
      label: { text: 'What we did', size: 's' },
      maxlength: 2000,
      rows: 4,
      value: values.weDid,
      ...(errors.weDid ? { errorMessage: { text: errors.weDid } } : {}),
    },
    publishedOnField: inputField('publishedOn', 'Date', errors, {
      value: values.publishedOn,
      hint: { text: 'For example, 2026-11-23' },
      classes: 'nhsuk-input--width-10',
    }),
    statusField: radios(
      'status',
      'Status',
      Object.entries(statusLabels).map(([value, text]) => ({ value, text })),
    ),
  };
}
