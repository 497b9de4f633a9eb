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
  teamId: number | null;
  directorateId: number | null;
  teamName: string | null;
  directorateName: string | null;
  /** The summary, or the quote; null when the entry quotes a comment that may not be shown (small numbers). */
  youSaid: string | null;
  isQuote: boolean;
  weDid: string;
  status: YouSaidWeDidStatus;
  publishedOn: string;
}

/** What a PALS officer enters: a summary (youSaid) or an approved quote (quoteCommentId), never both. */
export interface EntryInput {
  themeId: number | null;
  teamId: number | null;
  directorateId: number | null;
  youSaid?: string | null;
  quoteCommentId?: number | null;
  weDid: string;
  status: YouSaidWeDidStatus;
  publishedOn: string;
}

export interface StoredEntry {
  id: number;
  themeId: number | null;
  teamId: number | null;
  directorateId: number | null;
  youSaid: string | null;
  quoteCommentId: number | null;
  weDid: string;
  status: YouSaidWeDidStatus;
  publishedOn: string;
}

export interface QuoteChoice {
  commentId: number;
  text: string;
  teamId: number;
  directorateId: number;
  teamName: string;
  month: string;
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
  const withdrawPublication = db.prepare(
    'UPDATE comment_publications SET withdrawn_at = :at WHERE comment_id = :commentId AND withdrawn_at IS NULL',
  );
  const approvedCopy = db.prepare(
    'SELECT redacted_text AS text FROM comment_publications WHERE comment_id = :commentId AND withdrawn_at IS NULL',
  );
  const insertEntry = db.prepare(
    `INSERT INTO you_said_we_did (theme_id, team_id, directorate_id, you_said, quote_comment_id, we_did, status,
       published_on, created_by, created_at)
     VALUES (:themeId, :teamId, :directorateId, :youSaid, :quoteCommentId, :weDid, :status, :publishedOn, :actor, :at)`,
  );
  const updateEntry = db.prepare(
    `UPDATE you_said_we_did SET theme_id = :themeId, team_id = :teamId, directorate_id = :directorateId,
       you_said = :youSaid, quote_comment_id = :quoteCommentId, we_did = :weDid, status = :status,
       published_on = :publishedOn, updated_by = :actor, updated_at = :at
     WHERE id = :entryId`,
  );
  const updateEntryStatus = db.prepare(
    'UPDATE you_said_we_did SET status = :status, updated_by = :actor, updated_at = :at WHERE id = :entryId',
  );
  const entryById = db.prepare(
    `SELECT id, theme_id AS themeId, team_id AS teamId, directorate_id AS directorateId, you_said AS youSaid,
            quote_comment_id AS quoteCommentId, we_did AS weDid, status, published_on AS publishedOn
     FROM you_said_we_did WHERE id = :entryId`,
  );
  // A quote is public only while its approved copy stands, the person's consent is on record and the team had at
  // least the minimum number of responses in the comment's month (checked again at every read, not only at approval).
  const publicQuote = `(SELECT p.redacted_text FROM comment_publications p
       JOIN comments qc ON qc.id = p.comment_id JOIN responses qr ON qr.id = qc.response_id
       WHERE p.comment_id = y.quote_comment_id AND p.withdrawn_at IS NULL
         AND EXISTS (SELECT 1 FROM response_answers a WHERE a.response_id = qr.id AND a.item_code = :consentItem
                     AND a.value = 'yes')
         AND (SELECT count(*) FROM responses n WHERE n.team_id = qr.team_id
              AND n.submitted_on >= substr(qr.submitted_on, 1, 7) || '-01'
              AND n.submitted_on <= substr(qr.submitted_on, 1, 7) || '-31') >= :minimum)`;
  const entryColumns = `y.id, t.label AS themeLabel, y.team_id AS teamId, y.directorate_id AS directorateId,
            (SELECT p.name FROM team_placements p WHERE p.team_id = y.team_id ORDER BY p.valid_from DESC LIMIT 1) AS teamName,
            d.name AS directorateName,
            CASE WHEN y.quote_comment_id IS NULL THEN y.you_said ELSE ${publicQuote} END AS youSaid,
            y.quote_comment_id IS NOT NULL AS isQuote,
            y.we_did AS weDid, y.status, y.published_on AS publishedOn
     FROM you_said_we_did y
     LEFT JOIN themes t ON t.id = y.theme_id
     LEFT JOIN directorates d ON d.id = y.directorate_id`;
  const entries = db.prepare(
    `SELECT ${entryColumns}
     WHERE (:teamId IS NULL OR y.team_id = :teamId) AND (:status IS NULL OR y.status = :status)
     ORDER BY y.published_on DESC, y.id DESC
     LIMIT :limit`,
  );
  /** A team's own entries and its directorate's, done or in progress: what a team shows its patients. */
  const latestForTeam = db.prepare(
    `SELECT ${entryColumns}
     WHERE (y.team_id = :teamId OR (y.team_id IS NULL AND y.directorate_id = :directorateId))
       AND y.status IN ('done', 'in_progress')
     ORDER BY y.published_on DESC, y.id DESC
     LIMIT :limit`,
  );
  /** Approved copies that may be quoted now (newest 500), or the one with :commentId when it may be. */
  const quoteChoices = db.prepare(
    `SELECT p.comment_id AS commentId, p.redacted_text AS text, r.team_id AS teamId, r.directorate_id AS directorateId,
            (SELECT tp.name FROM team_placements tp WHERE tp.team_id = r.team_id ORDER BY tp.valid_from DESC LIMIT 1) AS teamName,
            substr(r.submitted_on, 1, 7) AS month
     FROM comment_publications p
     JOIN comments c ON c.id = p.comment_id JOIN responses r ON r.id = c.response_id
     WHERE p.withdrawn_at IS NULL AND (:commentId IS NULL OR p.comment_id = :commentId)
       AND EXISTS (SELECT 1 FROM response_answers a WHERE a.response_id = r.id AND a.item_code = :consentItem
                   AND a.value = 'yes')
       AND (SELECT count(*) FROM responses n WHERE n.team_id = r.team_id
            AND n.submitted_on >= substr(r.submitted_on, 1, 7) || '-01'
            AND n.submitted_on <= substr(r.submitted_on, 1, 7) || '-31') >= :minimum
     ORDER BY p.approved_at DESC, p.comment_id DESC
     LIMIT 500`,
  );

  const publicParams = { consentItem: CONSENT_ITEM_CODE, minimum: PUBLICATION_MINIMUM_RESPONSES };
  const toEntry = (row: unknown): YouSaidWeDidEntry => {
    const entry = row as Omit<YouSaidWeDidEntry, 'isQuote'> & { isQuote: number };
    return { ...entry, isQuote: entry.isQuote === 1 };
  };

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
      db.transaction(() => {
        upsertPublication.run({ commentId, text, actor: actor.userId, at: clock.now().toISOString() });
        audit.record({
          actor,
          action: 'comment.published',
          objectType: 'comment',
          objectId: String(commentId),
        });
      })();
    },

    /**
     * Takes an approved copy down at once (the person asked, or something identifying was missed): it leaves the
     * public page and every "You said, we did" quote. Kept, with who approved it, for the record. False when no
     * copy is published.
     */
    withdraw(commentId: number, actor: AuditActor): boolean {
      return db.transaction(() => {
        const at = clock.now().toISOString();
        if (withdrawPublication.run({ commentId, at }).changes === 0) return false;
        audit.record({
          actor,
          action: 'comment.publication_withdrawn',
          objectType: 'comment',
          objectId: String(commentId),
        });
        return true;
      })();
    },

    /** Approved copies that can be quoted now (consent, not withdrawn, at least 5 responses that month). */
    quoteChoices: () => quoteChoices.all({ ...publicParams, commentId: null }) as QuoteChoice[],

    addEntry(entry: EntryInput, actor: AuditActor): number {
      return db.transaction(() => {
        const row = checkedEntry(entry);
        const id = Number(
          insertEntry.run({ ...row, actor: actor.userId, at: clock.now().toISOString() }).lastInsertRowid,
        );
        audit.record({
          actor,
          action: 'you_said_we_did.created',
          objectType: 'you_said_we_did',
          objectId: String(id),
          details: { status: row.status, quote: row.quoteCommentId },
        });
        return id;
      })();
    },

    updateEntry(entryId: number, entry: EntryInput, actor: AuditActor): void {
      db.transaction(() => {
        if (!entryById.get({ entryId })) throw new PublicationRefused('Entry not found', 'entry');
        const row = checkedEntry(entry);
        updateEntry.run({ ...row, entryId, actor: actor.userId, at: clock.now().toISOString() });
        audit.record({
          actor,
          action: 'you_said_we_did.updated',
          objectType: 'you_said_we_did',
          objectId: String(entryId),
          details: { status: row.status, quote: row.quoteCommentId },
        });
      })();
    },

    setEntryStatus(entryId: number, status: YouSaidWeDidStatus, actor: AuditActor): void {
      db.transaction(() => {
        const before = entryById.get({ entryId }) as StoredEntry | undefined;
        if (!before) throw new PublicationRefused('Entry not found', 'entry');
        updateEntryStatus.run({ entryId, status, actor: actor.userId, at: clock.now().toISOString() });
        audit.record({
          actor,
          action: 'you_said_we_did.status',
          objectType: 'you_said_we_did',
          objectId: String(entryId),
          details: { from: before.status, to: status },
        });
      })();
    },

    /** One entry as stored (for the edit form). */
    entry: (entryId: number) => entryById.get({ entryId }) as StoredEntry | undefined,

    /** Entries newest first, optionally for one team and one status. A quote that may not be shown is null. */
    entries: (teamId: number | null = null, limit = 100, status: YouSaidWeDidStatus | null = null) =>
      entries.all({ ...publicParams, teamId, status, limit }).map(toEntry),

    /** A team's latest public entries, its own or its directorate's, done or in progress (thank-you page, poster). */
    latestForTeam: (team: { teamId: number; directorateId: number }, limit = 3) =>
      latestForTeam
        .all({ ...publicParams, teamId: team.teamId, directorateId: team.directorateId, limit })
        .map(toEntry),
  };

  /** The rules of an entry that the database cannot check alone: a quote must be quotable and from its place. */
  function checkedEntry(entry: EntryInput) {
    const quoteCommentId = entry.quoteCommentId ?? null;
    const youSaid = quoteCommentId === null ? entry.youSaid?.trim() || null : null;
    if (quoteCommentId === null && !youSaid)
      throw new PublicationRefused('Enter what people said, or choose a quote', 'youSaid');
    if (entry.teamId === null && entry.directorateId === null)
      throw new PublicationRefused('Select the team or directorate', 'place');
    if (quoteCommentId !== null) {
      const quote = quoteChoices.get({ ...publicParams, commentId: quoteCommentId }) as
        QuoteChoice | undefined;
      if (!quote)
        throw new PublicationRefused('Choose a quote that is approved for publication', 'quoteCommentId');
      const samePlace =
        entry.teamId !== null ? quote.teamId === entry.teamId : quote.directorateId === entry.directorateId;
      if (!samePlace)
        throw new PublicationRefused(
          'Choose a quote from the same team or directorate as the entry',
          'quoteCommentId',
        );
    }
    return {
      themeId: entry.themeId,
      teamId: entry.teamId,
      directorateId: entry.teamId === null ? entry.directorateId : null,
      youSaid,
      quoteCommentId,
      weDid: entry.weDid.trim(),
      status: entry.status,
      publishedOn: entry.publishedOn,
    };
  }
}

export type PublicationService = ReturnType<typeof createPublicationService>;
