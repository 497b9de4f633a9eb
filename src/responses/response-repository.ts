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
  const insertComment = db.prepare(
    `INSERT INTO comments (response_id, item_code, comment_type, body)
     VALUES (:responseId, :itemCode, :commentType, :body)`,
  );

  const insertAll = db.transaction((response: NewResponse): number => {
    const { answers, comments, ...row } = response;
    const responseId = Number(insertResponse.run(row).lastInsertRowid);
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
        // Checked by its code, not `instanceof SqliteError`: under jest, a second test file in the same worker loads a
        // second copy of better-sqlite3's JS (and its own Error) while the native addon throws the first copy's class.
        const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
        if (
          code === 'SQLITE_CONSTRAINT_UNIQUE' &&
          typeof message === 'string' &&
          message.includes('responses.submission_token')
        ) {
          return { stored: false, reason: 'duplicate' };
        }
        throw error;
      }
    },
  };
}

export type ResponseRepository = ReturnType<typeof createResponseRepository>;
