import type { Db } from '../db/database';
import type { Sentiment } from './sentiment';

export type CommentStatus = 'new' | 'reviewed' | 'actioned' | 'closed';
export type FlagOutcome = 'no_action' | 'passed_to_manager' | 'safeguarding_referral' | 'incident_raised';

export interface InboxFilters {
  status?: CommentStatus;
  teamId?: number;
  directorateId?: number;
  communityId?: number;
  surveyCode?: string;
  fftCode?: number;
  respondentRole?: string;
  sentiment?: Sentiment;
  themeId?: number;
  ownerUserId?: number;
  from?: string;
  to?: string;
  /** Full-text search (FTS5 query syntax is not exposed: the words are quoted). */
  search?: string;
}

export interface InboxRow {
  commentId: number;
  responseId: number;
  itemCode: string;
  commentType: string;
  /** The text with search matches between \u0001 and \u0002 markers (or plain, when not searching). */
  marked: string;
  teamName: string;
  directorateName: string;
  communityName: string;
  surveyCode: string;
  fftCode: number;
  respondentRole: string | null;
  submittedOn: string;
  status: CommentStatus;
  sentiment: Sentiment | null;
  sentimentSuggested: Sentiment;
  ownerUserId: number | null;
  themes: string | null;
  openFlags: number;
}

export interface CommentDetail {
  commentId: number;
  responseId: number;
  itemCode: string;
  commentType: string;
  body: string;
  textRemovedAt: string | null;
  teamId: number;
  teamName: string;
  directorateName: string;
  communityName: string;
  surveyCode: string;
  fftCode: number;
  respondentRole: string | null;
  submittedOn: string;
  status: CommentStatus;
  statusChangedAt: string;
  statusChangedBy: string | null;
  sentiment: Sentiment | null;
  sentimentSuggested: Sentiment;
  ownerUserId: number | null;
  ownerEmail: string | null;
}

export interface FlagRow {
  id: number;
  commentId: number;
  category: string;
  flaggedAt: string;
  outcome: FlagOutcome | null;
  incidentReference: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** Quotes each word so user input can never become FTS5 syntax. */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 12)
        .map((w) => `"${w}"`)
        .join(' ')
    : null;
}

const inboxSql = `
  SELECT c.id AS commentId, c.response_id AS responseId, c.item_code AS itemCode, c.comment_type AS commentType,
         CASE WHEN :match IS NULL THEN c.body
              ELSE (SELECT highlight(comments_fts, 0, char(1), char(2)) FROM comments_fts
                    WHERE comments_fts MATCH :match AND comments_fts.rowid = c.id) END AS marked,
         (SELECT name FROM team_placements p WHERE p.team_id = r.team_id AND p.valid_from <= r.submitted_on
            ORDER BY p.valid_from DESC LIMIT 1) AS teamName,
         d.name AS directorateName, co.name AS communityName, s.code AS surveyCode,
         r.fft_code AS fftCode, r.respondent_role AS respondentRole, r.submitted_on AS submittedOn,
         cr.status, cr.sentiment, cr.sentiment_suggested AS sentimentSuggested, cr.owner_user_id AS ownerUserId,
         (SELECT group_concat(t.label, '; ') FROM comment_themes ct JOIN themes t ON t.id = ct.theme_id
            WHERE ct.comment_id = c.id) AS themes,
         (SELECT count(*) FROM risk_flags f WHERE f.comment_id = c.id AND f.outcome IS NULL) AS openFlags
  FROM comments c
  JOIN comment_reviews cr ON cr.comment_id = c.id
  JOIN responses r ON r.id = c.response_id
  JOIN directorates d ON d.id = r.directorate_id
  JOIN communities co ON co.id = r.community_id
  JOIN survey_versions sv ON sv.id = r.survey_version_id
  JOIN surveys s ON s.id = sv.survey_id
  WHERE (:status IS NULL OR cr.status = :status)
    AND (:teamId IS NULL OR r.team_id = :teamId)
    AND (:directorateId IS NULL OR r.directorate_id = :directorateId)
    AND (:communityId IS NULL OR r.community_id = :communityId)
    AND (:surveyCode IS NULL OR s.code = :surveyCode)
    AND (:fftCode IS NULL OR r.fft_code = :fftCode)
    AND (:respondentRole IS NULL OR r.respondent_role = :respondentRole)
    AND (:sentiment IS NULL OR coalesce(cr.sentiment, cr.sentiment_suggested) = :sentiment)
    AND (:themeId IS NULL OR EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = c.id AND ct.theme_id = :themeId))
    AND (:ownerUserId IS NULL OR cr.owner_user_id = :ownerUserId)
    AND (:from IS NULL OR r.submitted_on >= :from)
    AND (:to IS NULL OR r.submitted_on <= :to)
    AND (:match IS NULL OR c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH :match))`;

export function createPalsRepository(db: Db) {
  const insertReview = db.prepare(
    `INSERT INTO comment_reviews (comment_id, status, status_changed_at, sentiment_suggested)
     VALUES (:commentId, 'new', :at, :sentiment)`,
  );
  const insertFlag = db.prepare(
    `INSERT OR IGNORE INTO risk_flags (comment_id, category, flagged_at) VALUES (:commentId, :category, :at)`,
  );
  const commentsOfResponse = db.prepare('SELECT id, body FROM comments WHERE response_id = :responseId');
  const inboxPage = db.prepare(
    `${inboxSql} ORDER BY r.submitted_at DESC, c.id DESC LIMIT :limit OFFSET :offset`,
  );
  const inboxCount = db.prepare(`SELECT count(*) AS n FROM (${inboxSql})`);
  const reviewOf = db.prepare('SELECT status FROM comment_reviews WHERE comment_id = :commentId');
  const updateStatus = db.prepare(
    `UPDATE comment_reviews SET status = :status, status_changed_at = :at, status_changed_by = :actor
     WHERE comment_id = :commentId`,
  );
  const updateSentiment = db.prepare(
    'UPDATE comment_reviews SET sentiment = :sentiment, sentiment_confirmed_by = :actor WHERE comment_id = :commentId',
  );
  const updateOwner = db.prepare(
    'UPDATE comment_reviews SET owner_user_id = :owner WHERE comment_id = :commentId',
  );
  const addThemeRow = db.prepare(
    `INSERT OR IGNORE INTO comment_themes (comment_id, theme_id, added_by, added_at)
     VALUES (:commentId, :themeId, :actor, :at)`,
  );
  const clearThemes = db.prepare('DELETE FROM comment_themes WHERE comment_id = :commentId');
  const insertNote = db.prepare(
    `INSERT INTO comment_notes (comment_id, author_user_id, body, created_at)
     VALUES (:commentId, :actor, :body, :at)`,
  );
  const openFlagsList = db.prepare(
    `SELECT f.id, f.comment_id AS commentId, f.category, f.flagged_at AS flaggedAt
     FROM risk_flags f WHERE f.outcome IS NULL ORDER BY f.flagged_at, f.id`,
  );
  const flagById = db.prepare(
    'SELECT id, comment_id AS commentId, outcome FROM risk_flags WHERE id = :flagId',
  );
  const closeFlagRow = db.prepare(
    `UPDATE risk_flags SET outcome = :outcome, incident_reference = :reference, closed_by = :actor, closed_at = :at
     WHERE id = :flagId AND outcome IS NULL`,
  );
  const commentById = db.prepare(
    `SELECT c.id AS commentId, c.response_id AS responseId, c.item_code AS itemCode, c.comment_type AS commentType,
            c.body, c.text_removed_at AS textRemovedAt, r.team_id AS teamId,
            (SELECT name FROM team_placements p WHERE p.team_id = r.team_id AND p.valid_from <= r.submitted_on
               ORDER BY p.valid_from DESC LIMIT 1) AS teamName,
            d.name AS directorateName, co.name AS communityName, s.code AS surveyCode, r.fft_code AS fftCode,
            r.respondent_role AS respondentRole, r.submitted_on AS submittedOn, cr.status,
            cr.status_changed_at AS statusChangedAt, cu.email AS statusChangedBy, cr.sentiment,
            cr.sentiment_suggested AS sentimentSuggested, cr.owner_user_id AS ownerUserId, ou.email AS ownerEmail
     FROM comments c
     JOIN comment_reviews cr ON cr.comment_id = c.id
     JOIN responses r ON r.id = c.response_id
     JOIN directorates d ON d.id = r.directorate_id
     JOIN communities co ON co.id = r.community_id
     JOIN survey_versions sv ON sv.id = r.survey_version_id
     JOIN surveys s ON s.id = sv.survey_id
     LEFT JOIN users cu ON cu.id = cr.status_changed_by
     LEFT JOIN users ou ON ou.id = cr.owner_user_id
     WHERE c.id = :commentId`,
  );
  const notesOf = db.prepare(
    `SELECT n.id, n.body, n.created_at AS createdAt, u.email AS authorEmail
     FROM comment_notes n LEFT JOIN users u ON u.id = n.author_user_id
     WHERE n.comment_id = :commentId ORDER BY n.created_at, n.id`,
  );
  const flagColumns = `f.id, f.comment_id AS commentId, f.category, f.flagged_at AS flaggedAt, f.outcome,
            f.incident_reference AS incidentReference, f.closed_at AS closedAt, u.email AS closedBy
     FROM risk_flags f LEFT JOIN users u ON u.id = f.closed_by`;
  const flagsOf = db.prepare(
    `SELECT ${flagColumns} WHERE f.comment_id = :commentId ORDER BY f.flagged_at, f.id`,
  );
  const flagDetail = db.prepare(`SELECT ${flagColumns} WHERE f.id = :flagId`);
  const themeIdsOf = db.prepare('SELECT theme_id AS id FROM comment_themes WHERE comment_id = :commentId');
  const palsUsers = db.prepare(
    `SELECT DISTINCT u.id, u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id
     WHERE ur.role = 'pals' AND u.disabled = 0 ORDER BY u.email`,
  );
  const allThemes = db.prepare('SELECT id, code, label, active FROM themes ORDER BY active DESC, label');
  const insertTheme = db.prepare(
    'INSERT OR IGNORE INTO themes (code, label, created_at) VALUES (:code, :label, :at)',
  );
  const renameTheme = db.prepare('UPDATE themes SET label = :label WHERE id = :themeId');
  const setThemeActive = db.prepare('UPDATE themes SET active = :active WHERE id = :themeId');
  const surveyCodes = db.prepare('SELECT code FROM surveys ORDER BY code');
  const themesList = db.prepare('SELECT id, code, label FROM themes WHERE active = 1 ORDER BY label');

  const filterParams = (filters: InboxFilters) => ({
    status: filters.status ?? null,
    teamId: filters.teamId ?? null,
    directorateId: filters.directorateId ?? null,
    communityId: filters.communityId ?? null,
    surveyCode: filters.surveyCode ?? null,
    fftCode: filters.fftCode ?? null,
    respondentRole: filters.respondentRole ?? null,
    sentiment: filters.sentiment ?? null,
    themeId: filters.themeId ?? null,
    ownerUserId: filters.ownerUserId ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
    match: filters.search ? ftsQuery(filters.search) : null,
  });

  return {
    commentsOfResponse: (responseId: number) =>
      commentsOfResponse.all({ responseId }) as { id: number; body: string }[],
    insertReview: (commentId: number, sentiment: Sentiment, at: string) =>
      insertReview.run({ commentId, sentiment, at }),
    insertFlag: (commentId: number, category: string, at: string) =>
      insertFlag.run({ commentId, category, at }),

    inbox(
      filters: InboxFilters,
      page: { limit: number; offset: number },
    ): { rows: InboxRow[]; total: number } {
      const params = filterParams(filters);
      return {
        rows: inboxPage.all({ ...params, ...page }) as InboxRow[],
        total: (inboxCount.get(params) as { n: number }).n,
      };
    },

    statusOf: (commentId: number) =>
      (reviewOf.get({ commentId }) as { status: CommentStatus } | undefined)?.status,
    setStatus: (commentId: number, status: CommentStatus, actor: number | null, at: string) =>
      updateStatus.run({ commentId, status, actor, at }),
    setSentiment: (commentId: number, sentiment: Sentiment, actor: number | null) =>
      updateSentiment.run({ commentId, sentiment, actor }),
    setOwner: (commentId: number, owner: number | null) => updateOwner.run({ commentId, owner }),
    replaceThemes: db.transaction(
      (commentId: number, themeIds: number[], actor: number | null, at: string) => {
        clearThemes.run({ commentId });
        for (const themeId of themeIds) addThemeRow.run({ commentId, themeId, actor, at });
      },
    ),
    addTheme: (commentId: number, themeId: number, actor: number | null, at: string) =>
      addThemeRow.run({ commentId, themeId, actor, at }),
    addNote: (commentId: number, body: string, actor: number | null, at: string) =>
      insertNote.run({ commentId, body, actor, at }),

    openFlags: () =>
      openFlagsList.all() as { id: number; commentId: number; category: string; flaggedAt: string }[],
    flag: (flagId: number) =>
      flagById.get({ flagId }) as { id: number; commentId: number; outcome: FlagOutcome | null } | undefined,
    closeFlag: (
      flagId: number,
      outcome: FlagOutcome,
      reference: string | null,
      actor: number | null,
      at: string,
    ) => closeFlagRow.run({ flagId, outcome, reference, actor, at }).changes === 1,

    themes: () => themesList.all() as { id: number; code: string; label: string }[],

    comment: (commentId: number) => commentById.get({ commentId }) as CommentDetail | undefined,
    notes: (commentId: number) =>
      notesOf.all({ commentId }) as {
        id: number;
        body: string;
        createdAt: string;
        authorEmail: string | null;
      }[],
    flagsOfComment: (commentId: number) => flagsOf.all({ commentId }) as FlagRow[],
    flagDetail: (flagId: number) => flagDetail.get({ flagId }) as FlagRow | undefined,
    themeIdsOf: (commentId: number) => (themeIdsOf.all({ commentId }) as { id: number }[]).map((r) => r.id),
    allThemes: () => allThemes.all() as { id: number; code: string; label: string; active: number }[],
    insertTheme: (code: string, label: string, at: string) => insertTheme.run({ code, label, at }),
    renameTheme: (themeId: number, label: string) => renameTheme.run({ themeId, label }).changes === 1,
    setThemeActive: (themeId: number, active: boolean) =>
      setThemeActive.run({ themeId, active: active ? 1 : 0 }).changes === 1,
    surveyCodes: () => (surveyCodes.all() as { code: string }[]).map((r) => r.code),
    palsUsers: () => palsUsers.all() as { id: number; email: string }[],
  };
}

export type PalsRepository = ReturnType<typeof createPalsRepository>;
