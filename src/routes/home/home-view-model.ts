import type { PlacedTeam } from '../../organisation/organisation-repository';

export interface TeamLink {
  name: string;
  href: string;
  place: string;
}

export interface HomeViewModel {
  pageTitle: string;
  query: string;
  searched: boolean;
  results: TeamLink[];
  groups: { heading: string; id: string; teams: TeamLink[] }[];
}

const toLink = (team: PlacedTeam): TeamLink => ({
  name: team.name,
  href: `/t/${team.code}`,
  place: team.kind === 'ward' ? team.siteName : `${team.directorateName} directorate`,
});

/** Words of the search must all appear in the team's name, site or code, ignoring case and punctuation. */
export function matchesSearch(team: PlacedTeam, query: string): boolean {
  const haystack = `${team.name} ${team.siteName} ${team.code}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  const words = query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((word) => haystack.includes(word));
}

export function buildHomeViewModel(teams: PlacedTeam[], query: string): HomeViewModel {
  const searched = query.trim().length > 0;
  const groups = new Map<string, TeamLink[]>();
  for (const team of teams) {
    const list = groups.get(team.directorateName) ?? [];
    list.push(toLink(team));
    groups.set(team.directorateName, list);
  }
  return {
    pageTitle: searched ? `Search results for "${query.trim()}" - Find your team` : 'Find your team',
    query,
    searched,
    results: searched ? teams.filter((team) => matchesSearch(team, query)).map(toLink) : [],
    groups: [...groups].map(([heading, list]) => ({
      heading,
      id: heading.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      teams: list,
    })),
  };
}
