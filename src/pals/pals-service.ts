import type { AuditActor, AuditSink } from '../audit-sink';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { CommentStatus, FlagOutcome, InboxFilters, PalsRepository } from './pals-repository';
import type { RiskDetector } from './risk-detector';
import { suggestSentiment, type Sentiment } from './sentiment';

/** Tells someone a flagged comment is waiting; carries a link, never the comment's text. */
export interface RiskNotifier {
  flagged(notice: { flagId: number; category: string; link: string }): void;
}

/** The allowed moves of a comment's status; anything else is refused. */
export const statusTransitions: Record<CommentStatus, readonly CommentStatus[]> = {
  new: ['reviewed', 'closed'],
  reviewed: ['actioned', 'closed'],
  actioned: ['closed', 'reviewed'],
  closed: ['reviewed'],
};

export class PalsRuleError extends Error {
  constructor(
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = 'PalsRuleError';
  }
}

function checkThemeLabel(label: string): string {
  const text = label.trim();
  if (!text) throw new PalsRuleError('Enter the theme name', 'label');
  if (text.length > 120) throw new PalsRuleError('Theme name must be 120 characters or fewer', 'label');
  return text;
}

export function createPalsService(deps: {
  /** Every change and its audit row commit together (or neither does). */
  db: Db;
  clock: Clock;
  repository: PalsRepository;
  detector: RiskDetector;
  audit: AuditSink;
  notifier: RiskNotifier;
  /** Builds the staff link for a flag, from PUBLIC_BASE_URL. */
  flagLink: (flagId: number) => string;
}) {
  const { db, clock, repository, detector, audit, notifier } = deps;
  const now = () => clock.now().toISOString();
  /** Runs a change and the audit rows that record it in one transaction (a savepoint inside an outer one). */
  const atomically = <T>(change: () => T): T => db.transaction(change)();

  return {
    /**
     * Runs inside the submission transaction: every comment of the response gets a review row with a suggested
     * sentiment, and each risk category it discloses gets a flag for same-day review. Returns the flags raised so
     * the caller can notify after commit.
     */
    intake(responseId: number): { flagId: number; category: string }[] {
      const at = now();
      const raised: { flagId: number; category: string }[] = [];
      for (const comment of repository.commentsOfResponse(responseId)) {
        repository.insertReview(comment.id, suggestSentiment(comment.body), at);
        for (const match of detector.detect(comment.body)) {
          const result = repository.insertFlag(comment.id, match.category, at);
          if (result.changes === 1)
            raised.push({ flagId: Number(result.lastInsertRowid), category: match.category });
        }
      }
      return raised;
    },

    /** After commit: one notification per flag, with a link only. */
    notify(flags: { flagId: number; category: string }[]): void {
      for (const flag of flags) notifier.flagged({ ...flag, link: deps.flagLink(flag.flagId) });
    },

    inbox: (filters: InboxFilters, page: { limit: number; offset: number }) =>
      repository.inbox(filters, page),
    openFlags: () => repository.openFlags(),
    categoryLabels: () => detector.labels(),

    /** The inbox as a PALS officer sees it: comment text is shown, so the view is audited with its filters and ids. */
    viewInbox(filters: InboxFilters, page: { limit: number; offset: number }, actor: AuditActor) {
      const result = repository.inbox(filters, page);
      audit.record({
        actor,
        action: 'comment.list_viewed',
        objectType: 'comment',
        details: {
          filters: JSON.stringify(filters),
          offset: page.offset,
          shown: result.rows.map((row) => row.commentId).join(','),
        },
      });
      return result;
    },

    /** Whether the comment exists: for an action on it, which shows no text and so records no view. */
    hasComment: (commentId: number) => repository.comment(commentId) !== undefined,

    /** One comment with everything about it; opening it is audited. Undefined when there is no such comment. */
    viewComment(commentId: number, actor: AuditActor) {
      const comment = repository.comment(commentId);
      if (!comment) return undefined;
      audit.record({ actor, action: 'comment.viewed', objectType: 'comment', objectId: String(commentId) });
      return {
        comment,
        notes: repository.notes(commentId),
        flags: repository.flagsOfComment(commentId),
        themeIds: repository.themeIdsOf(commentId),
      };
    },

    /** A flag and its comment, for recording the outcome; the comment's text is shown, so this is audited too. */
    viewFlag(flagId: number, actor: AuditActor) {
      const flag = repository.flagDetail(flagId);
      if (!flag) return undefined;
      const comment = repository.comment(flag.commentId);
      if (!comment) return undefined;
      audit.record({
        actor,
        action: 'comment.viewed',
        objectType: 'comment',
        objectId: String(flag.commentId),
        details: { via: 'risk_flag', flagId },
      });
      return { flag, comment };
    },

    palsOfficers: () => repository.palsUsers(),

    /** The theme taxonomy, active first (admins edit it). */
    allThemes: () => repository.allThemes(),

    addTheme(label: string, actor: AuditActor): number {
      return atomically(() => {
        const text = checkThemeLabel(label);
        const code = text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^[^a-z]+|_+$/g, '')
          .slice(0, 40);
        if (!code) throw new PalsRuleError('Theme name must include letters', 'label');
        const result = repository.insertTheme(code, text, now());
        if (result.changes !== 1) throw new PalsRuleError('There is already a theme with this name', 'label');
        const id = Number(result.lastInsertRowid);
        audit.record({
          actor,
          action: 'theme.added',
          objectType: 'theme',
          objectId: String(id),
          details: { code },
        });
        return id;
      });
    },

    renameTheme(themeId: number, label: string, actor: AuditActor): void {
      return atomically(() => {
        const text = checkThemeLabel(label);
        if (!repository.renameTheme(themeId, text)) throw new PalsRuleError('Theme not found');
        audit.record({ actor, action: 'theme.renamed', objectType: 'theme', objectId: String(themeId) });
      });
    },

    /** A deactivated theme stays on the comments that have it, but cannot be chosen any more. */
    setThemeActive(themeId: number, active: boolean, actor: AuditActor): void {
      return atomically(() => {
        if (!repository.setThemeActive(themeId, active)) throw new PalsRuleError('Theme not found');
        audit.record({
          actor,
          action: active ? 'theme.reactivated' : 'theme.deactivated',
          objectType: 'theme',
          objectId: String(themeId),
        });
      });
    },
    surveyCodes: () => repository.surveyCodes(),

    setOwner(commentId: number, ownerUserId: number | null, actor: AuditActor): void {
      return atomically(() => {
        if (ownerUserId !== null && !repository.palsUsers().some((u) => u.id === ownerUserId)) {
          throw new PalsRuleError('Select a PALS officer', 'owner');
        }
        repository.setOwner(commentId, ownerUserId);
        audit.record({
          actor,
          action: 'comment.owner',
          objectType: 'comment',
          objectId: String(commentId),
          details: { owner: ownerUserId },
        });
      });
    },

    /** Bulk "add theme": the theme is added to each comment (kept if already there), one audit row per comment. */
    addThemeToMany(commentIds: number[], themeId: number, actor: AuditActor): number {
      return atomically(() => {
        if (!repository.themes().some((t) => t.id === themeId))
          throw new PalsRuleError('Select a theme', 'theme');
        let added = 0;
        for (const id of commentIds) {
          if (!repository.statusOf(id)) continue;
          added += repository.addTheme(id, themeId, actor.userId, now()).changes;
          audit.record({
            actor,
            action: 'comment.themes',
            objectType: 'comment',
            objectId: String(id),
            details: { added: themeId },
          });
        }
        return added;
      });
    },
    themes: () => repository.themes(),

    changeStatus(commentId: number, to: CommentStatus, actor: AuditActor): void {
      return atomically(() => {
        const from = repository.statusOf(commentId);
        if (!from) throw new PalsRuleError('Comment not found');
        if (!statusTransitions[from].includes(to)) {
          throw new PalsRuleError(`A ${from} comment cannot be marked ${to}`, 'status');
        }
        repository.setStatus(commentId, to, actor.userId, now());
        audit.record({
          actor,
          action: 'comment.status',
          objectType: 'comment',
          objectId: String(commentId),
          details: { from, to },
        });
      });
    },

    /** Bulk "mark as reviewed": new comments move on; others are left as they are and counted. */
    markReviewed(commentIds: number[], actor: AuditActor): { changed: number; skipped: number } {
      return atomically(() => {
        let changed = 0;
        for (const id of commentIds) {
          if (repository.statusOf(id) === 'new') {
            repository.setStatus(id, 'reviewed', actor.userId, now());
            audit.record({
              actor,
              action: 'comment.status',
              objectType: 'comment',
              objectId: String(id),
              details: { from: 'new', to: 'reviewed' },
            });
            changed += 1;
          }
        }
        return { changed, skipped: commentIds.length - changed };
      });
    },

    confirmSentiment(commentId: number, sentiment: Sentiment, actor: AuditActor): void {
      return atomically(() => {
        repository.setSentiment(commentId, sentiment, actor.userId);
        audit.record({
          actor,
          action: 'comment.sentiment',
          objectType: 'comment',
          objectId: String(commentId),
          details: { sentiment },
        });
      });
    },

    setThemes(commentId: number, themeIds: number[], actor: AuditActor): void {
      return atomically(() => {
        repository.replaceThemes(commentId, themeIds, actor.userId, now());
        audit.record({
          actor,
          action: 'comment.themes',
          objectType: 'comment',
          objectId: String(commentId),
          details: { themes: themeIds.join(',') },
        });
      });
    },

    addNote(commentId: number, body: string, actor: AuditActor): void {
      return atomically(() => {
        if (!body.trim()) throw new PalsRuleError('Enter a note', 'note');
        if (body.length > 5000) throw new PalsRuleError('Note must be 5,000 characters or fewer', 'note');
        repository.addNote(commentId, body, actor.userId, now());
        audit.record({
          actor,
          action: 'comment.note',
          objectType: 'comment',
          objectId: String(commentId),
        });
      });
    },

    /** Closing a flag needs an outcome; an incident needs its reference. */
    closeFlag(flagId: number, outcome: FlagOutcome, reference: string | null, actor: AuditActor): void {
      return atomically(() => {
        const flag = repository.flag(flagId);
        if (!flag) throw new PalsRuleError('Flag not found');
        if (flag.outcome) throw new PalsRuleError('This flag has already been closed', 'outcome');
        const ref = reference?.trim() ?? '';
        if (outcome === 'incident_raised' && !ref) {
          throw new PalsRuleError('Enter the incident reference', 'incidentReference');
        }
        if (ref.length > 60)
          throw new PalsRuleError('Incident reference must be 60 characters or fewer', 'incidentReference');
        repository.closeFlag(
          flagId,
          outcome,
          outcome === 'incident_raised' ? ref : null,
          actor.userId,
          now(),
        );
        audit.record({
          actor,
          action: 'risk_flag.close',
          objectType: 'risk_flag',
          objectId: String(flagId),
          details: { outcome, incidentReference: outcome === 'incident_raised' ? ref : null },
        });
      });
    },
  };
}

export type PalsService = ReturnType<typeof createPalsService>;

/** The default notifier: writes a log line with the link (never the comment text). */
export function logNotifier(
  log: (msg: string, fields: Record<string, string | number>) => void,
): RiskNotifier {
  return {
    flagged: (notice) =>
      log('risk flag raised', { flagId: notice.flagId, category: notice.category, link: notice.link }),
  };
}
