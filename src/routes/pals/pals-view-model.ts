import { formatLondonDateTime } from '../../clock';
import type {
  CommentDetail,
  CommentStatus,
  FlagOutcome,
  FlagRow,
  InboxRow,
} from '../../pals/pals-repository';
import { MATCH_END, MATCH_START } from '../../pals/pals-repository';
import { statusTransitions } from '../../pals/pals-service';
import type { Sentiment } from '../../pals/sentiment';
import { errorListOf, inputField, titleWith } from '../staff/staff-view-model';

export const statusLabels: Record<CommentStatus, string> = {
  new: 'New',
  reviewed: 'Reviewed',
  actioned: 'Actioned',
  closed: 'Closed',
};
export const sentimentLabels: Record<Sentiment, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  mixed: 'Mixed',
};
export const outcomeLabels: Record<FlagOutcome, string> = {
  no_action: 'No action needed',
  passed_to_manager: 'Passed to ward or team manager',
  safeguarding_referral: 'Safeguarding referral',
  incident_raised: 'Incident raised',
};
const fftLabels: Record<number, string> = {
  1: 'Very good',
  2: 'Good',
  3: 'Neither good nor poor',
  4: 'Poor',
  5: 'Very poor',
  6: "Don't know",
};
const roleLabels: Record<string, string> = {
  service_user: 'Service user',
  helped_by_other: 'Service user, helped',
  carer_on_behalf: 'Carer, for the person',
  carer_own_experience: 'Carer, own experience',
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "flagged 3 hours ago": minutes under an hour, hours under two days, then days. */
export function flaggedAgo(flaggedAt: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(flaggedAt)) / 60_000));
  if (minutes < 1) return 'flagged just now';
  if (minutes < 60) return `flagged ${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `flagged ${plural(hours, 'hour')} ago`;
  return `flagged ${plural(Math.floor(hours / 24), 'day')} ago`;
}

const labelOf = (labels: Record<string, string>, code: string) => labels[code] ?? code.replace(/_/g, ' ');

/** The same-day review panel shown first on every PALS page: open flags, oldest first, with their age. */
export function buildSameDayPanel(
  flags: { id: number; commentId: number; category: string; flaggedAt: string }[],
  labels: Record<string, string>,
  now: Date,
) {
  return {
    count: flags.length,
    heading: flags.length === 0 ? 'Same-day review: nothing waiting' : `Same-day review (${flags.length})`,
    items: flags.map((flag) => ({
      href: `/staff/pals/flags/${flag.id}`,
      category: labelOf(labels, flag.category),
      age: flaggedAgo(flag.flaggedAt, now),
      commentId: flag.commentId,
    })),
  };
}

export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits the repository's marked text (matches between \u0001 and \u0002) into parts; the template escapes
 * each part and wraps matches in <mark>. Stray markers in the text itself are dropped, never turned into HTML.
 */
export function highlightParts(marked: string): TextPart[] {
  const parts: TextPart[] = [];
  let match = false;
  let current = '';
  for (const ch of marked) {
    if (ch === MATCH_START || ch === MATCH_END) {
      if (current) parts.push({ text: current, match });
      current = '';
      match = ch === MATCH_START;
      continue;
    }
    current += ch;
  }
  if (current) parts.push({ text: current, match });
  return parts;
}

export interface InboxQueryValues {
  search: string;
  status: string;
  teamId: string;
  directorateId: string;
  communityId: string;
  surveyCode: string;
  fftCode: string;
  respondentRole: string;
  sentiment: string;
  themeId: string;
  ownerUserId: string;
  from: string;
  to: string;
  page: number;
}

export function inboxQueryString(values: InboxQueryValues, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'page' && typeof value === 'string' && value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface Option {
  value: string;
  text: string;
}
const selectOf = (id: string, label: string, all: string, options: Option[], selected: string) => ({
  id,
  label,
  items: [
    { value: '', text: all, selected: selected === '' },
    ...options.map((o) => ({ ...o, selected: o.value === selected })),
  ],
});

export interface InboxChoices {
  teams: { id: number; name: string }[];
  directorates: { id: number; name: string }[];
  communities: { id: number; name: string }[];
  surveys: string[];
  themes: { id: number; label: string }[];
  owners: { id: number; email: string }[];
}

/** The inbox: filters as chosen, the rows of this page (text split for highlighting), paging and bulk actions. */
export function buildInboxViewModel(
  values: InboxQueryValues,
  choices: InboxChoices,
  result: { rows: InboxRow[]; total: number },
  pageSize: number,
  errors: Record<string, string>,
  notice?: string,
) {
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const first = result.total === 0 ? 0 : (values.page - 1) * pageSize + 1;
  const last = Math.min(result.total, values.page * pageSize);
  return {
    pageTitle: titleWith('Comments', errors),
    errorList: errorListOf(errors),
    notice,
    searchField: inputField('search', 'Search the comments', errors, {
      type: 'search',
      value: values.search,
    }),
    selects: [
      selectOf(
        'status',
        'Status',
        'Any status',
        Object.entries(statusLabels).map(([value, text]) => ({ value, text })),
        values.status,
      ),
      selectOf(
        'teamId',
        'Team',
        'All teams',
        choices.teams.map((t) => ({ value: String(t.id), text: t.name })),
        values.teamId,
      ),
      selectOf(
        'directorateId',
        'Directorate',
        'All directorates',
        choices.directorates.map((d) => ({ value: String(d.id), text: d.name })),
        values.directorateId,
      ),
      selectOf(
        'communityId',
        'Community of Excellence',
        'All communities',
        choices.communities.map((c) => ({ value: String(c.id), text: c.name })),
        values.communityId,
      ),
      selectOf(
        'surveyCode',
        'Survey',
        'All surveys',
        choices.surveys.map((code) => ({ value: code, text: code })),
        values.surveyCode,
      ),
      selectOf(
        'fftCode',
        'FFT answer',
        'Any answer',
        Object.entries(fftLabels).map(([value, text]) => ({ value, text })),
        values.fftCode,
      ),
      selectOf(
        'respondentRole',
        'Respondent',
        'Anyone',
        Object.entries(roleLabels).map(([value, text]) => ({ value, text })),
        values.respondentRole,
      ),
      selectOf(
        'sentiment',
        'Sentiment',
        'Any sentiment',
        Object.entries(sentimentLabels).map(([value, text]) => ({ value, text })),
        values.sentiment,
      ),
      selectOf(
        'themeId',
        'Theme',
        'Any theme',
        choices.themes.map((t) => ({ value: String(t.id), text: t.label })),
        values.themeId,
      ),
      selectOf(
        'ownerUserId',
        'Owner',
        'Anyone',
        choices.owners.map((o) => ({ value: String(o.id), text: o.email })),
        values.ownerUserId,
      ),
    ],
    fromField: inputField('from', 'Date from', errors, { type: 'date', value: values.from }),
    toField: inputField('to', 'Date to', errors, { type: 'date', value: values.to }),
    summary:
      result.total === 0
        ? 'No comments match'
        : `Showing ${first} to ${last} of ${result.total} comments (page ${values.page} of ${pages})`,
    rows: result.rows.map((row) => ({
      id: row.commentId,
      checkboxId: `comment-${row.commentId}`,
      href: `/staff/pals/comments/${row.commentId}`,
      parts: highlightParts(row.marked),
      team: row.teamName,
      directorate: row.directorateName,
      community: row.communityName,
      survey: row.surveyCode,
      fft: fftLabels[row.fftCode] ?? String(row.fftCode),
      respondent: row.respondentRole ? (roleLabels[row.respondentRole] ?? row.respondentRole) : 'Not stated',
      date: row.submittedOn,
      status: statusLabels[row.status],
      sentiment: row.sentiment
        ? sentimentLabels[row.sentiment]
        : `${sentimentLabels[row.sentimentSuggested]} (suggested)`,
      themes: row.themes ?? 'None',
      openFlags: row.openFlags,
    })),
    themeItems: choices.themes.map((t) => ({ value: String(t.id), text: t.label })),
    previousHref:
      values.page > 1 ? `/staff/pals/comments${inboxQueryString(values, values.page - 1)}` : undefined,
    nextHref:
      values.page < pages ? `/staff/pals/comments${inboxQueryString(values, values.page + 1)}` : undefined,
    returnTo: `/staff/pals/comments${inboxQueryString(values, values.page)}`,
  };
}

const when = (iso: string | null) => (iso ? formatLondonDateTime(new Date(iso)) : '');

export function flagHistoryView(flags: FlagRow[], labels: Record<string, string>, now: Date) {
  return flags.map((flag) => ({
    href: `/staff/pals/flags/${flag.id}`,
    category: labelOf(labels, flag.category),
    flagged: when(flag.flaggedAt),
    open: flag.outcome === null,
    age: flaggedAgo(flag.flaggedAt, now),
    outcome: flag.outcome
      ? `${outcomeLabels[flag.outcome]}${flag.incidentReference ? ` (reference ${flag.incidentReference})` : ''}`
      : 'Open',
    closed: flag.closedAt ? `${when(flag.closedAt)} by ${flag.closedBy ?? 'unknown'}` : '',
  }));
}

const commentText = (comment: CommentDetail) =>
  comment.textRemovedAt ? 'The text of this comment was removed under the retention policy.' : comment.body;

/** The flag page: the comment, the flag, and (while open) the outcome form. */
export function buildFlagViewModel(
  flag: FlagRow,
  comment: CommentDetail,
  labels: Record<string, string>,
  now: Date,
  form: { outcome: string; incidentReference: string },
  errors: Record<string, string>,
) {
  const category = labelOf(labels, flag.category);
  return {
    pageTitle: titleWith(`Risk flag: ${category}`, errors),
    errorList: errorListOf(errors),
    category,
    age: flaggedAgo(flag.flaggedAt, now),
    flagged: when(flag.flaggedAt),
    text: commentText(comment),
    commentHref: `/staff/pals/comments/${comment.commentId}`,
    team: comment.teamName,
    open: flag.outcome === null,
    outcome: flagHistoryView([flag], labels, now)[0],
    action: `/staff/pals/flags/${flag.id}`,
    outcomeRadios: {
      name: 'outcome',
      fieldset: { legend: { text: 'What was the outcome?', size: 'm' } },
      ...(errors.outcome ? { errorMessage: { text: errors.outcome } } : {}),
      items: Object.entries(outcomeLabels).map(([value, text]) => ({
        value,
        text,
        checked: form.outcome === value,
      })),
    },
    referenceField: inputField('incidentReference', 'Incident reference', errors, {
      value: form.incidentReference,
      hint: { text: 'Needed when an incident was raised, for example W123456' },
      classes: 'nhsuk-input--width-10',
    }),
  };
}

export interface CommentForms {
  status: string;
  note: string;
  redactedText?: string;
}

/** The comment page: text, context, triage forms, notes, flags and publication. */
export function buildCommentViewModel(input: {
  comment: CommentDetail;
  notes: { id: number; body: string; createdAt: string; authorEmail: string | null }[];
  flags: FlagRow[];
  themeIds: number[];
  themes: { id: number; label: string }[];
  owners: { id: number; email: string }[];
  labels: Record<string, string>;
  publicationRefusal: string | null;
  published: boolean;
  /** Whether the comment is marked as a compliment, and whether marking it is suggested. */
  compliment: { marked: boolean; suggested: boolean };
  now: Date;
  form: CommentForms;
  errors: Record<string, string>;
  notice?: string;
}) {
  const { comment, errors } = input;
  const effectiveSentiment = comment.sentiment ?? comment.sentimentSuggested;
  const base = `/staff/pals/comments/${comment.commentId}`;
  return {
    pageTitle: titleWith(`Comment ${comment.commentId}`, errors),
    errorList: errorListOf(errors),
    notice: input.notice,
    heading: `Comment ${comment.commentId}`,
    text: commentText(comment),
    context: [
      { key: 'Team', value: comment.teamName },
      { key: 'Directorate', value: comment.directorateName },
      { key: 'Community of Excellence', value: comment.communityName },
      { key: 'Survey', value: comment.surveyCode },
      { key: 'Question', value: comment.commentType.replace(/_/g, ' ') },
      { key: 'FFT answer', value: fftLabels[comment.fftCode] ?? String(comment.fftCode) },
      {
        key: 'Respondent',
        value: comment.respondentRole
          ? (roleLabels[comment.respondentRole] ?? comment.respondentRole)
          : 'Not stated',
      },
      { key: 'Date', value: comment.submittedOn },
      {
        key: 'Status',
        value: `${statusLabels[comment.status]}, ${when(comment.statusChangedAt)}${comment.statusChangedBy ? ` by ${comment.statusChangedBy}` : ''}`,
      },
      { key: 'Owner', value: comment.ownerEmail ?? 'Nobody' },
    ],
    statusAction: `${base}/status`,
    statusRadios: {
      name: 'status',
      fieldset: { legend: { text: 'Change status', size: 's' } },
      ...(errors.status ? { errorMessage: { text: errors.status } } : {}),
      items: statusTransitions[comment.status].map((value) => ({
        value,
        text: statusLabels[value],
        checked: input.form.status === value,
      })),
    },
    sentimentAction: `${base}/sentiment`,
    sentimentRadios: {
      name: 'sentiment',
      fieldset: { legend: { text: 'Sentiment', size: 's' } },
      hint: {
        text: comment.sentiment
          ? `Confirmed as ${sentimentLabels[comment.sentiment].toLowerCase()}. Suggested: ${sentimentLabels[comment.sentimentSuggested].toLowerCase()}.`
          : `Suggested: ${sentimentLabels[comment.sentimentSuggested].toLowerCase()}. Confirm or change it.`,
      },
      ...(errors.sentiment ? { errorMessage: { text: errors.sentiment } } : {}),
      items: Object.entries(sentimentLabels).map(([value, text]) => ({
        value,
        text,
        checked: value === effectiveSentiment,
      })),
    },
    themesAction: `${base}/themes`,
    themeCheckboxes: {
      idPrefix: 'theme',
      fieldset: { legend: { text: 'Themes' } },
      ...(errors.theme ? { errorMessage: { text: errors.theme } } : {}),
      items: input.themes.map((t) => ({
        name: `theme-${t.id}`,
        value: 'yes',
        text: t.label,
        checked: input.themeIds.includes(t.id),
      })),
    },
    ownerAction: `${base}/owner`,
    ownerSelect: {
      id: 'owner',
      label: 'Owner',
      error: errors.owner,
      items: [
        { value: '', text: 'Nobody', selected: comment.ownerUserId === null },
        ...input.owners.map((o) => ({
          value: String(o.id),
          text: o.email,
          selected: o.id === comment.ownerUserId,
        })),
      ],
    },
    notesAction: `${base}/notes`,
    notes: input.notes.map((n) => ({
      body: n.body,
      by: n.authorEmail ?? 'unknown',
      when: when(n.createdAt),
    })),
    noteError: errors.note,
    noteValue: input.form.note,
    flags: flagHistoryView(input.flags, input.labels, input.now),
    publication: {
      refusal: input.publicationRefusal,
      published: input.published,
      href: `${base}/publish`,
    },
    compliment: complimentView(base, input.compliment),
  };
}

/** The compliment section of a comment page: one button that marks or unmarks it. */
export function complimentView(base: string, state: { marked: boolean; suggested: boolean }) {
  return {
    action: `${base}/compliment`,
    value: state.marked ? 'no' : 'yes',
    buttonText: state.marked ? 'Remove from compliments' : 'Mark as a compliment',
    text: state.marked
      ? "This comment is marked as a compliment. It is on its team's compliments list and export."
      : state.suggested
        ? 'This looks like a compliment: it reads as positive and names someone. Mark it so the team hears about it.'
        : 'If this comment praises someone, mark it as a compliment so the team hears about it.',
    suggested: !state.marked && state.suggested,
  };
}
