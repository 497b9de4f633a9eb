import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { applyRedactions, type RedactionSuggestion, type Redactor } from './redaction';

/** Fewer responses than this for a team in the month: no comment or quote from it is published. */
export const PUBLICATION_MINIMUM_RESPONSES = 5;
/** The answer that records the respondent's opt-in to anonymous publication (unticked by default). */
export const CONSENT_ITEM_CODE = 'publish_consent';

export type YouSaidWeDidStatus = 'planned' | 'in_progress' | 'done';

export interface YouSaidWeDidEntry {
  id: number;
  themeLabel: string | null;
  teamName: string | null;
  directorateName: string | null;
  youSaid: string;
  weDid: string;
  status: YouSaidWeDidStatus;
  publishedOn: string;
}

export class PublicationRefused extends Error {
  constructor(
    message: string,
    public readonly field = 'redactedText',
  ) {
    super(message);
    this.name = 'PublicationRefused';
  }
}

export function createPublicationService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditSink;
  redactor: Redactor;
}) {
  const { db, clock, audit, redactor } = deps;
  const comment = db.prepare(
    `SELECT c.id, c.body, r.team_id AS teamId, substr(r.submitted_on, 1, 7) AS month,
            EXISTS (SELECT 1 FROM response_answers a WHERE a.response_id = r.id AND a.item_code = :consentItem
                    AND a.value = 'yes') AS consented
     FROM comments c JOIN responses r ON r.id = c.response_id WHERE c.id = :commentId`,
  );
  const teamMonthCount = db.prepare(
    `SELECT count(*) AS n FROM responses WHERE team_id = :teamId AND submitted_on >= :month || '-01'
     AND submitted_on <= :month || '-31'`,
  );
  const upsertPublication = db.prepare(
    `INSERT INTO comment_publications (comment_id, redacted_text, approved_by, approved_at)
     VALUES (:commentId, :text, :actor, :at)
     ON CONFLICT (comment_id) DO UPDATE SET redacted_text = excluded.redacted_text,
       approved_by = excluded.approved_by, approved_at = excluded.approved_at, withdrawn_at = NULL`,
  );
  const approvedCopy = db.prepare(
    'SELECT redacted_text AS text FROM comment_publications WHERE comment_id = :commentId AND withdrawn_at IS NULL',
  );
  const insertEntry = db.prepare(
    `INSERT INTO you_said_we_did (theme_id, team_id, directorate_id, you_said, we_did, status, published_on, created_by, created_at)
     VALUES (:themeId, :teamId, :directorateId, :youSaid, :weDid, :status, :publishedOn, :actor, :at)`,
  );
  const entries = db.prepare(
    `SELECT y.id, t.label AS themeLabel,
            (SELECT p.name FROM team_placements p WHERE p.team_id = y.team_id ORDER BY p.valid_from DESC LIMIT 1) AS teamName,
            d.name AS directorateName, y.you_said AS youSaid, y.we_did AS weDid, y.status, y.published_on AS publishedOn
     FROM you_said_we_did y
     LEFT JOIN themes t ON t.id = y.theme_id
     LEFT JOIN directorates d ON d.id = y.directorate_id
     WHERE (:teamId IS NULL OR y.team_id = :teamId)
     ORDER BY y.published_on DESC, y.id DESC
     LIMIT :limit`,
  );

  type CommentRow = { id: number; body: string; teamId: number; month: string; consented: number };
  const load = (commentId: number) => {
    const row = comment.get({ commentId, consentItem: CONSENT_ITEM_CODE }) as CommentRow | undefined;
    if (!row) throw new PublicationRefused('Comment not found', 'comment');
    return row;
  };

  return {
    /** Why a comment cannot be published, or null when it can. */
    refusal(commentId: number): string | null {
      const row = load(commentId);
      if (!row.consented) return 'The person did not agree to their comment being published';
      const n = (teamMonthCount.get({ teamId: row.teamId, month: row.month }) as { n: number }).n;
      if (n < PUBLICATION_MINIMUM_RESPONSES) {
        return `The team had fewer than ${PUBLICATION_MINIMUM_RESPONSES} responses that month, so the comment could identify someone`;
      }
      return null;
    },

    /** The approved, redacted copy of a comment, if one is published. */
    approvedCopy: (commentId: number) =>
      (approvedCopy.get({ commentId }) as { text: string } | undefined)?.text ?? null,

    /** A redacted copy to start from: names, emails, phone and NHS numbers and postcodes replaced. */
    suggest(commentId: number): { original: string; suggestions: RedactionSuggestion[]; redacted: string } {
      const row = load(commentId);
      const suggestions = redactor.suggest(row.body);
      return { original: row.body, suggestions, redacted: applyRedactions(row.body, suggestions) };
    },

    /** Approves the redacted copy a PALS officer checked. Refused without consent or for a small team. */
    approve(commentId: number, redactedText: string, actor: AuditActor): void {
      const reason = this.refusal(commentId);
      if (reason) throw new PublicationRefused(reason, 'comment');
      const text = redactedText.trim();
      if (!text) throw new PublicationRefused('Enter the text to publish');
      if (text.length > 10_000)
        throw new PublicationRefused('Text to publish must be 10,000 characters or fewer');
      upsertPublication.run({ commentId, text, actor: actor.userId, at: clock.now().toISOString() });
      audit.record({
        actor,
        action: 'comment.published',
        objectType: 'comment',
        objectId: String(commentId),
      });
    },

    addEntry(
      entry: {
        themeId: number | null;
        teamId: number | null;
        directorateId: number | null;
        youSaid: string;
        weDid: string;
        status: YouSaidWeDidStatus;
        publishedOn: string;
      },
      actor: AuditActor,
    ): number {
      const id = Number(
        insertEntry.run({ ...entry, actor: actor.userId, at: clock.now().toISOString() }).lastInsertRowid,
      );
      audit.record({
        actor,
        action: 'you_said_we_did.created',
        objectType: 'you_said_we_did',
        objectId: String(id),
      });
      return id;
    },

    /** Public "You said, we did" entries, newest first, optionally for one team. */
    entries: (teamId: number | null = null, limit = 100) =>
      entries.all({ teamId, limit }) as YouSaidWeDidEntry[],
  };
}

export type PublicationService = ReturnType<typeof createPublicationService>;
