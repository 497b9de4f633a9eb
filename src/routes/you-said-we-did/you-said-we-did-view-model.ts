import { formatDay } from '../../clock';
import type { YouSaidWeDidEntry, YouSaidWeDidStatus } from '../../pals/publication-service';

/** What each status is called, on the public page and in the PALS list alike. */
export const statusLabels: Record<YouSaidWeDidStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
};
const statusColours = {
  planned: 'nhsuk-tag--grey',
  in_progress: 'nhsuk-tag--blue',
  done: 'nhsuk-tag--green',
} as const;

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
    date: formatDay(entry.publishedOn),
    dateIso: entry.publishedOn,
  };
}

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
