import type { Db } from '../db/database';
import type { CollectionMode } from './submission-token';

export interface Draft {
  id: string;
  submissionNonce: string;
  submissionToken: string;
  surveyVersionId: number;
  teamId: number;
  mode: CollectionMode;
  answers: Record<string, string>;
  expiresAt: string;
}

interface DraftRow extends Omit<Draft, 'answers'> {
  answers: string;
}

/**
 * Partial answers held server-side while a person moves through a survey. Never logged; deleted when the response
 * is stored (see ResponseRepository.insert) or when it expires. A page's post writes its draft inside that post's
 * group commit (src/db/group-commit.ts), flushed with the responses of the same group.
 */
export function createDraftRepository(db: Db) {
  const byId = db.prepare(
    `SELECT id, submission_nonce AS submissionNonce, submission_token AS submissionToken,
       survey_version_id AS surveyVersionId, team_id AS teamId, mode, answers, expires_at AS expiresAt
     FROM survey_drafts WHERE id = :id AND expires_at > :now`,
  );
  const byNonce = db.prepare(
    `SELECT id, submission_nonce AS submissionNonce, submission_token AS submissionToken,
       survey_version_id AS surveyVersionId, team_id AS teamId, mode, answers, expires_at AS expiresAt
     FROM survey_drafts WHERE submission_nonce = :nonce AND expires_at > :now`,
  );
  const insert = db.prepare(
    `INSERT INTO survey_drafts (id, submission_nonce, submission_token, survey_version_id, team_id, mode, answers, created_at, expires_at)
     VALUES (:id, :submissionNonce, :submissionToken, :surveyVersionId, :teamId, :mode, :answers, :createdAt, :expiresAt)`,
  );
  const update = db.prepare(
    'UPDATE survey_drafts SET answers = :answers, expires_at = :expiresAt WHERE id = :id',
  );
  const purge = db.prepare('DELETE FROM survey_drafts WHERE expires_at <= :now');
  const remove = db.prepare('DELETE FROM survey_drafts WHERE id = :id');

  const fromRow = (row: DraftRow | undefined): Draft | undefined =>
    row && { ...row, answers: JSON.parse(row.answers) as Record<string, string> };

  return {
    /** A draft that has not expired, or undefined. */
    find(id: string, now: string): Draft | undefined {
      return fromRow(byId.get({ id, now }) as DraftRow | undefined);
    },

    findByNonce(nonce: string, now: string): Draft | undefined {
      return fromRow(byNonce.get({ nonce, now }) as DraftRow | undefined);
    },

    /** Stores a new draft, clearing out expired ones first. */
    create(draft: Draft, createdAt: string): void {
      db.transaction(() => {
        purge.run({ now: createdAt });
        insert.run({ ...draft, answers: JSON.stringify(draft.answers), createdAt });
      })();
    },

    save(id: string, answers: Record<string, string>, expiresAt: string): void {
      update.run({ id, answers: JSON.stringify(answers), expiresAt });
    },

    delete(id: string): void {
      remove.run({ id });
    },

    /** Deletes every expired draft; returns how many. */
    purgeExpired(now: string): number {
      return purge.run({ now }).changes;
    },
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;
