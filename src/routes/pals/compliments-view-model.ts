import { formatDay } from '../../clock';
import type { ComplimentRow } from '../../pals/compliment-service';

/** The compliments page: a team choice, then that team's compliments to print and pass on. */
export function buildComplimentsViewModel(input: {
  teams: { teamId: number; teamName: string }[];
  teamId: number | null;
  rows: ComplimentRow[] | null;
}) {
  const chosen = input.teams.find((t) => t.teamId === input.teamId);
  const heading = chosen ? `Compliments for ${chosen.teamName}` : 'Compliments';
  return {
    pageTitle: heading,
    heading,
    teamField: {
      id: 'teamId',
      label: 'Team',
      items: [
        { value: '', text: 'Select a team', selected: !chosen },
        ...input.teams.map((t) => ({
          value: String(t.teamId),
          text: t.teamName,
          selected: t.teamId === input.teamId,
        })),
      ],
    },
    hasTeams: input.teams.length > 0,
    chosen: Boolean(chosen),
    csvHref: chosen ? `/staff/pals/compliments.csv?teamId=${chosen.teamId}` : '/staff/pals/compliments.csv',
    rows: (input.rows ?? []).map((row) => ({
      date: formatDay(row.submittedOn),
      dateIso: row.submittedOn,
      text: row.textRemovedAt ? 'The text of this comment has been removed (retention).' : row.body,
      removed: row.textRemovedAt !== null,
      href: `/staff/pals/comments/${row.commentId}`,
      commentId: row.commentId,
    })),
  };
}

/** The compliments CSV: one row per compliment, the words as written (formula-safe when written). */
export const complimentCsvColumns = [
  { key: 'commentId', header: 'comment_id' },
  { key: 'teamName', header: 'team' },
  { key: 'directorateName', header: 'directorate' },
  { key: 'submittedOn', header: 'date' },
  { key: 'text', header: 'compliment' },
  { key: 'markedAt', header: 'marked_at' },
  { key: 'markedBy', header: 'marked_by' },
];

export function complimentCsvRow(row: ComplimentRow) {
  return {
    commentId: row.commentId,
    teamName: row.teamName,
    directorateName: row.directorateName,
    submittedOn: row.submittedOn,
    text: row.textRemovedAt ? '' : row.body,
    markedAt: row.markedAt,
    markedBy: row.markedBy ?? '',
  };
}
