import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import type { CountKey } from '../db/group-commit';
import type { CollectionMode } from './submission-token';

export type RespondentRole = 'service_user' | 'helped_by_other' | 'carer_on_behalf' | 'carer_own_experience';
export type CommentType = 'what_good' | 'could_improve' | 'nonspecific';

export interface NewResponse {
  submissionToken: string;
  surveyVersionId: number;
  teamId: number;
  siteId: number;
  directorateId: number;
  communityId: number;
  mode: CollectionMode;
  /** The kiosk, QR code or link it came through (migration 0011); null for the team's own link. */
  collectionPointId?: number | null;
  fftCode: number;
  respondentRole: RespondentRole | null;
  language: string;
  submittedAt: string;
  submittedOn: string;
  answers: { itemCode: string; value: string }[];
  comments: { itemCode: string; commentType: CommentType; body: string }[];
}

export type InsertResult = { stored: true; responseId: number } | { stored: false; reason: 'duplicate' };

/**
 * Duck-typed on purpose: better-sqlite3 registers its SqliteError class once per process, so under jest (a fresh
 * module registry per test file) `instanceof SqliteError` is false for errors thrown in later test files.
 */
export function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column);
}

export interface ResponseRepositoryOptions {
  /** Runs inside the insert's transaction once the response and its comments are written (PALS intake). */
  onStored?: (responseId: number) => void;
  /**
   * Where the summary and roll-up counts go (`:n` added to the count `upsert` writes for `key`). By default each is
   * written at once; the survey's stores pass their group commit's `count`, which sums a group's (src/db/group-commit.ts).
   */
  count?: (upsert: Statement, key: CountKey) => void;
}

export function createResponseRepository(db: Db, options: ResponseRepositoryOptions = {}) {
  const insertResponse = db.prepare(
    `INSERT INTO responses (
       submission_token, survey_version_id, team_id, site_id, directorate_id, community_id,
       mode, fft_code, respondent_role, language, submitted_at, submitted_on, collection_point_id)
     VALUES (
       :submissionToken, :surveyVersionId, :teamId, :siteId, :directorateId, :communityId,
       :mode, :fftCode, :respondentRole, :language, :submittedAt, :submittedOn, :collectionPointId)`,
  );
  const insertAnswer = db.prepare(
    'INSERT INTO response_answers (response_id, item_code, value) VALUES (:responseId, :itemCode, :value)',
  );
  // Keeps the report summaries (migration 0007) in step, in the same transaction as the response.
  const countInSummary = db.prepare(
    `INSERT INTO response_summaries (
       team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month, fft_code, responses)
     VALUES (
       :teamId, :siteId, :directorateId, :communityId,
       (SELECT survey_id FROM survey_versions WHERE id = :surveyVersionId),
       :mode, coalesce(:respondentRole, 'not_stated'), :month, :fftCode, :n)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  );
  // And the answer summaries (migration 0014): % agree and equality breakdowns read these, not response_answers.
  const countAnswer = db.prepare(
    `INSERT INTO answer_summaries (
       month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses)
     VALUES (
       :month, :teamId, :siteId, :directorateId, :communityId, :itemCode, :value, :fftCode, :n)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  );
  // And the dashboard's monthly roll-ups (migration 0019): by place, and by mode and by role for a team and the trust.
  const countInPlaceRollup = db.prepare(
    `INSERT INTO report_month_places (month, team_id, site_id, directorate_id, community_id, fft_code, responses)
     VALUES (:month, :teamId, :siteId, :directorateId, :communityId, :fftCode, :n)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  );
  const countInBreakdownRollup = db.prepare(
    `INSERT INTO report_month_breakdowns (
       team_id, month, site_id, directorate_id, community_id, breakdown, value, fft_code, responses)
     VALUES (
       :teamId, :month, :siteId, :directorateId, :communityId, :breakdown, :value, :fftCode, :n)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  );
  const countInTrustRollup = db.prepare(
    `INSERT INTO report_trust_breakdowns (month, breakdown, value, fft_code, responses)
     VALUES (:month, :breakdown, :value, :fftCode, :n)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  );
  const insertComment = db.prepare(
    `INSERT INTO comments (response_id, item_code, comment_type, body)
     VALUES (:responseId, :itemCode, :commentType, :body)`,
  );

  const deleteDraft = db.prepare('DELETE FROM survey_drafts WHERE id = :draftId');
  const findToken = db.prepare('SELECT 1 AS found FROM responses WHERE submission_token = :nonce');

  const count = options.count ?? ((upsert: Statement, key: CountKey) => upsert.run({ ...key, n: 1 }));

  /** The summary and roll-up counts one response adds to, each as the upsert and the parameters naming its row. */
  function countsOf(row: Omit<NewResponse, 'answers' | 'comments'>, answers: NewResponse['answers']) {
    // The month, not the day: a key names the row it counts into, so a group's (or a bulk load's) responses on
    // different days of one month sum into one write.
    const place = {
      month: row.submittedOn.slice(0, 7),
      teamId: row.teamId,
      siteId: row.siteId,
      directorateId: row.directorateId,
      communityId: row.communityId,
      fftCode: row.fftCode,
    };
    const counts: [Statement, CountKey][] = [
      [
        countInSummary,
        {
          ...place,
          surveyVersionId: row.surveyVersionId,
          mode: row.mode,
          respondentRole: row.respondentRole,
        },
      ],
      [countInPlaceRollup, place],
    ];
    for (const [breakdown, value] of [
      ['mode', row.mode],
      ['role', row.respondentRole ?? 'not_stated'],
    ] as const) {
      counts.push([countInBreakdownRollup, { ...place, breakdown, value }]);
      counts.push([countInTrustRollup, { month: place.month, fftCode: row.fftCode, breakdown, value }]);
    }
    for (const answer of answers) {
      counts.push([countAnswer, { ...place, itemCode: answer.itemCode, value: answer.value }]);
    }
    return counts;
  }

  const insertAll = db.transaction(
    (
      response: NewResponse,
      draftId: string | undefined,
      alsoRecord: ((responseId: number) => void) | undefined,
    ): number => {
      const { answers, comments, ...fields } = response;
      const row = { ...fields, collectionPointId: fields.collectionPointId ?? null };
      const responseId = Number(insertResponse.run(row).lastInsertRowid);
      for (const answer of answers) insertAnswer.run({ responseId, ...answer });
      for (const comment of comments) insertComment.run({ responseId, ...comment });
      if (draftId !== undefined) deleteDraft.run({ draftId });
      alsoRecord?.(responseId);
      options.onStored?.(responseId);
      // Counted last, once everything else of the response is written: a group commit keeps the counts of kept
      // units only, so a response undone above is never counted.
      for (const [upsert, key] of countsOf(row, answers)) count(upsert, key);
      return responseId;
    },
  );

  return {
    /**
     * Stores a response with its answers and comments atomically, deleting the draft it came from in the same
     * transaction; a reused submission token stores nothing.
     */
    insert(
      response: NewResponse,
      draftId?: string,
      /** More rows to write in the same transaction (an audit row); when it throws, nothing is stored. */
      alsoRecord?: (responseId: number) => void,
    ): InsertResult {
      try {
        return { stored: true, responseId: insertAll(response, draftId, alsoRecord) };
      } catch (error) {
        if (isUniqueViolation(error, 'responses.submission_token')) {
          return { stored: false, reason: 'duplicate' };
        }
        throw error;
      }
    },

    /** Whether a response was already stored under this submission nonce. */
    isStored(nonce: string): boolean {
      return findToken.get({ nonce }) !== undefined;
    },
  };
}

export type ResponseRepository = ReturnType<typeof createResponseRepository>;
