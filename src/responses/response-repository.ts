import type { Db } from '../db/database';
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
 * Checks the error's shape rather than `instanceof SqliteError`: the native addon keeps the SqliteError class of
 * the first copy of better-sqlite3 loaded in the process, so under jest (a module registry per test file, one
 * addon per worker) a later file's SqliteError class is a different one and `instanceof` fails intermittently.
 */
function isSqliteError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function createResponseRepository(db: Db) {
  const insertResponse = db.prepare(
    `INSERT INTO responses (
       submission_token, survey_version_id, team_id, site_id, directorate_id, community_id,
       mode, fft_code, respondent_role, language, submitted_at, submitted_on)
     VALUES (
       :submissionToken, :surveyVersionId, :teamId, :siteId, :directorateId, :communityId,
       :mode, :fftCode, :respondentRole, :language, :submittedAt, :submittedOn)`,
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
       :mode, coalesce(:respondentRole, 'not_stated'), substr(:submittedOn, 1, 7), :fftCode, 1)
     ON CONFLICT DO UPDATE SET responses = responses + 1`,
  );
  const insertComment = db.prepare(
    `INSERT INTO comments (response_id, item_code, comment_type, body)
     VALUES (:responseId, :itemCode, :commentType, :body)`,
  );

  const insertAll = db.transaction((response: NewResponse): number => {
    const { answers, comments, ...row } = response;
    const responseId = Number(insertResponse.run(row).lastInsertRowid);
    countInSummary.run(row);
    for (const answer of answers) insertAnswer.run({ responseId, ...answer });
    for (const comment of comments) insertComment.run({ responseId, ...comment });
    return responseId;
  });

  return {
    /** Stores a response with its answers and comments atomically; a reused submission token stores nothing. */
    insert(response: NewResponse): InsertResult {
      try {
        return { stored: true, responseId: insertAll(response) };
      } catch (error) {
        if (
          isSqliteError(error) &&
          error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
          error.message.includes('responses.submission_token')
        ) {
          return { stored: false, reason: 'duplicate' };
        }
        throw error;
      }
    },
  };
}

export type ResponseRepository = ReturnType<typeof createResponseRepository>;
