import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { PalsRuleError } from './pals-service';
import type { Redactor } from './redaction';

/** A compliment as PALS pass it on: the comment's words are shown, so every read of them is audited. */
export interface ComplimentRow {
  commentId: number;
  teamId: number;
  teamName: string;
  directorateName: string;
  submittedOn: string;
  body: string;
  textRemovedAt: string | null;
  markedAt: string;
  markedBy: string | null;
}

/**
 * Compliments: positive comments that name staff, marked by a PALS officer so the team hears about them. Marking
 * is suggested (never automatic) when the comment reads as positive and the redaction name suggester finds a name.
 */
export function createComplimentService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditSink;
  redactor: Redactor;
}) {
  const { db, clock, audit, redactor } = deps;
  const insert = db.prepare(
    'INSERT OR IGNORE INTO compliments (comment_id, marked_by, marked_at) VALUES (:commentId, :actor, :at)',
  );
  const remove = db.prepare('DELETE FROM compliments WHERE comment_id = :commentId');
  const exists = db.prepare('SELECT 1 AS yes FROM compliments WHERE comment_id = :commentId');
  const commentOf = db.prepare(
    `SELECT c.body, coalesce(cr.sentiment, cr.sentiment_suggested) AS sentiment
     FROM comments c JOIN comment_reviews cr ON cr.comment_id = c.id WHERE c.id = :commentId`,
  );
  const listSql = `
    SELECT m.comment_id AS commentId, r.team_id AS teamId,
           (SELECT p.name FROM team_placements p WHERE p.team_id = r.team_id AND p.valid_from <= r.submitted_on
              ORDER BY p.valid_from DESC LIMIT 1) AS teamName,
           d.name AS directorateName, r.submitted_on AS submittedOn, c.body, c.text_removed_at AS textRemovedAt,
           m.marked_at AS markedAt, u.email AS markedBy
    FROM compliments m
    JOIN comments c ON c.id = m.comment_id
    JOIN responses r ON r.id = c.response_id
    JOIN directorates d ON d.id = r.directorate_id
    LEFT JOIN users u ON u.id = m.marked_by
    WHERE (:teamId IS NULL OR r.team_id = :teamId)
    ORDER BY r.submitted_on DESC, m.comment_id DESC`;
  const list = db.prepare(listSql);
  const teams = db.prepare(
    `SELECT DISTINCT r.team_id AS teamId,
            (SELECT p.name FROM team_placements p WHERE p.team_id = r.team_id ORDER BY p.valid_from DESC LIMIT 1) AS teamName
     FROM compliments m JOIN comments c ON c.id = m.comment_id JOIN responses r ON r.id = c.response_id
     ORDER BY teamName`,
  );

  return {
    isCompliment: (commentId: number) => exists.get({ commentId }) !== undefined,

    /**
     * Suggest marking when the comment reads as positive (confirmed, else suggested) and names someone (the
     * redaction name suggester). Takes the comment the page already read.
     */
    suggested(comment: { body: string; sentiment: string | null; sentimentSuggested: string }): boolean {
      if ((comment.sentiment ?? comment.sentimentSuggested) !== 'positive') return false;
      return redactor.suggest(comment.body).some((s) => s.kind === 'name');
    },

    mark(commentId: number, actor: AuditActor): void {
      db.transaction(() => {
        if (!commentOf.get({ commentId })) throw new PalsRuleError('Comment not found');
        if (insert.run({ commentId, actor: actor.userId, at: clock.now().toISOString() }).changes === 0)
          return;
        audit.record({
          actor,
          action: 'compliment.marked',
          objectType: 'comment',
          objectId: String(commentId),
        });
      })();
    },

    unmark(commentId: number, actor: AuditActor): void {
      db.transaction(() => {
        if (remove.run({ commentId }).changes === 0) return;
        audit.record({
          actor,
          action: 'compliment.unmarked',
          objectType: 'comment',
          objectId: String(commentId),
        });
      })();
    },

    /** Teams that have compliments, for the team choice. */
    teams: () => teams.all() as { teamId: number; teamName: string }[],

    /** The printable list for a team (or every team): the text is shown, so the view is audited with the ids. */
    viewList(teamId: number | null, actor: AuditActor): ComplimentRow[] {
      const rows = list.all({ teamId }) as ComplimentRow[];
      audit.record({
        actor,
        action: 'comment.list_viewed',
        objectType: 'comment',
        details: { via: 'compliments', teamId, shown: rows.map((r) => r.commentId).join(',') },
      });
      return rows;
    },

    /** Rows for the CSV export, read one at a time (the caller records `recordExport` once they are written). */
    iterate: (teamId: number | null) => list.iterate({ teamId }) as IterableIterator<ComplimentRow>,

    /** Records an export once its rows are written: which comments' words left the system, and for whom. */
    recordExport(teamId: number | null, commentIds: number[], actor: AuditActor): void {
      audit.record({
        actor,
        action: 'compliments.exported',
        objectType: 'comment',
        details: { teamId, rows: commentIds.length, shown: commentIds.join(',') },
      });
    },
  };
}

export type ComplimentService = ReturnType<typeof createComplimentService>;
