import type { YouSaidWeDidEntry } from '../../pals/publication-service';

const statusLabels = { planned: 'Planned', in_progress: 'In progress', done: 'Done' } as const;
const statusColours = {
  planned: 'nhsuk-tag--grey',
  in_progress: 'nhsuk-tag--blue',
  done: 'nhsuk-tag--green',
} as const;

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export const youSaidWeDidStatusLabels = statusLabels;

/** One entry as the public sees it; a quote the small-numbers rule holds back has no "You said" at all. */
export function publicEntry(entry: YouSaidWeDidEntry) {
  return {
    heading: entry.themeLabel ?? 'Your feedback',
    where: entry.teamName ?? (entry.directorateName ? `${entry.directorateName} directorate` : ''),
    youSaid: entry.youSaid,
    isQuote: entry.isQuote,
    weDid: entry.weDid,
    statusText: statusLabels[entry.status],
    statusClass: statusColours[entry.status],
    date: longDate.format(new Date(`${entry.publishedOn}T00:00:00Z`)),
    dateIso: entry.publishedOn,
  };
}

export type PublicEntry = ReturnType<typeof publicEntry>;

export function buildYouSaidWeDidViewModel(entries: YouSaidWeDidEntry[]) {
  return {
    pageTitle: 'You said, we did',
    entries: entries.map(publicEntry),
  };
}

/** A team's "You said, we did" poster: its latest public entries and the address to give feedback. */
export function buildYouSaidWeDidPosterViewModel(
  team: { code: string; name: string },
  entries: YouSaidWeDidEntry[],
  publicBaseUrl: string,
  serviceName: string,
) {
  return {
    pageTitle: `You said, we did poster for ${team.name}`,
    teamName: team.name,
    serviceName,
    displayUrl: new URL(`/t/${team.code}`, publicBaseUrl).toString().replace(/^https?:\/\//, ''),
    entries: entries.map(publicEntry),
  };
}
