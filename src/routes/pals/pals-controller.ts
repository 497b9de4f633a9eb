import type { Request, Response } from 'express';
import { z } from 'zod';
import { londonDateOf, type Clock } from '../../clock';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import type { OrganisationRepository } from '../../organisation/organisation-repository';
import type { InboxFilters } from '../../pals/pals-repository';
import { PalsRuleError, type PalsService } from '../../pals/pals-service';
import { PublicationRefused, type PublicationService } from '../../pals/publication-service';
import type { ComplimentService } from '../../pals/compliment-service';
import { staffActor } from '../../staff/permissions';
import { errorListOf, titleWith } from '../staff/staff-view-model';
import {
  buildCommentViewModel,
  buildFlagViewModel,
  buildInboxViewModel,
  buildSameDayPanel,
  outcomeLabels,
  sentimentLabels,
  statusLabels,
  type CommentForms,
  type InboxQueryValues,
} from './pals-view-model';

const PAGE_SIZE = 25;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().max(max).optional().catch(undefined);

const inboxQuery = z.object({
  search: text(200),
  status: text(20),
  teamId: text(12),
  directorateId: text(12),
  communityId: text(12),
  surveyCode: text(80),
  fftCode: text(2),
  respondentRole: text(40),
  sentiment: text(20),
  themeId: text(12),
  ownerUserId: text(12),
  from: text(10),
  to: text(10),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const optionalId = (value: string) => (/^\d{1,12}$/.test(value) ? Number(value) : undefined);
const oneOf = <T extends string>(labels: Record<T, string>, value: string): T | undefined =>
  Object.hasOwn(labels, value) ? (value as T) : undefined;

/** Reads the inbox filters; a date that is not YYYY-MM-DD is reported against its field. */
function readInboxQuery(query: unknown) {
  const q = inboxQuery.parse(query);
  const values: InboxQueryValues = {
    search: (q.search ?? '').trim(),
    status: q.status ?? '',
    teamId: q.teamId ?? '',
    directorateId: q.directorateId ?? '',
    communityId: q.communityId ?? '',
    surveyCode: q.surveyCode ?? '',
    fftCode: q.fftCode ?? '',
    respondentRole: q.respondentRole ?? '',
    sentiment: q.sentiment ?? '',
    themeId: q.themeId ?? '',
    ownerUserId: q.ownerUserId ?? '',
    from: (q.from ?? '').trim(),
    to: (q.to ?? '').trim(),
    page: q.page ?? 1,
  };
  const errors: Record<string, string> = {};
  if (values.from && (!isoDate.test(values.from) || Number.isNaN(Date.parse(values.from)))) {
    errors.from = 'Date from must be a real date, like 2026-11-01';
  }
  if (values.to && (!isoDate.test(values.to) || Number.isNaN(Date.parse(values.to)))) {
    errors.to = 'Date to must be a real date, like 2026-11-30';
  }
  const fft = optionalId(values.fftCode);
  const filters: InboxFilters = {
    status: oneOf(statusLabels, values.status),
    teamId: optionalId(values.teamId),
    directorateId: optionalId(values.directorateId),
    communityId: optionalId(values.communityId),
    surveyCode: values.surveyCode || undefined,
    fftCode: fft !== undefined && fft >= 1 && fft <= 6 ? fft : undefined,
    respondentRole: values.respondentRole || undefined,
    sentiment: oneOf(sentimentLabels, values.sentiment),
    themeId: optionalId(values.themeId),
    ownerUserId: optionalId(values.ownerUserId),
    from: values.from && !errors.from ? values.from : undefined,
    to: values.to && !errors.to ? values.to : undefined,
    search: values.search || undefined,
  };
  return { values, filters, errors };
}

/** Only a return address inside the inbox is followed after a bulk action. */
const inboxReturn = (value: string | undefined) =>
  value && /^\/staff\/pals\/comments(\?[A-Za-z0-9\-._~=&%+]*)?$/.test(value) ? value : '/staff/pals/comments';

/** Renders a PALS page with the same-day review queue first: every PALS page shows it. */
export function palsPageRenderer(pals: PalsService, clock: Clock) {
  return (res: Response, status: number, view: string, model: object): void => {
    res.status(status).render(view, {
      ...model,
      sameDay: buildSameDayPanel(pals.openFlags(), pals.categoryLabels(), clock.now()),
    });
  };
}

/** The PALS workspace: same-day risk queue, comment inbox, a comment's triage and publication. */
export function createPalsController(deps: {
  pals: PalsService;
  publications: PublicationService;
  compliments: ComplimentService;
  organisation: OrganisationRepository;
  clock: Clock;
}) {
  const { pals, publications, clock } = deps;
  const render = palsPageRenderer(pals, clock);
  const idOf = (req: Request, name: string) => {
    const parsed = idParam.safeParse(req.params[name]);
    if (!parsed.success) throw notFound();
    return parsed.data;
  };

  function showInbox(req: Request, res: Response): void {
    const { values, filters, errors } = readInboxQuery(req.query);
    const result = pals.viewInbox(
      filters,
      { limit: PAGE_SIZE, offset: (values.page - 1) * PAGE_SIZE },
      staffActor(res),
    );
    const teams = deps.organisation.listActiveTeamsOn(londonDateOf(clock.now()));
    const unique = (pairs: [number, string][]) =>
      [...new Map(pairs).entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const model = buildInboxViewModel(
      values,
      {
        teams: teams
          .map((t) => ({ id: t.teamId, name: t.name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        directorates: unique(teams.map((t) => [t.directorateId, t.directorateName])),
        communities: unique(teams.map((t) => [t.communityId, t.communityName])),
        surveys: pals.surveyCodes(),
        themes: pals.themes(),
        owners: pals.palsOfficers(),
      },
      result,
      PAGE_SIZE,
      errors,
    );
    render(res, Object.keys(errors).length > 0 ? 400 : 200, 'pages/pals/inbox', model);
  }

  function bulk(req: Request, res: Response): void {
    const names = Object.keys((req.body ?? {}) as object).filter((k) => /^comment-\d{1,12}$/.test(k));
    const form = readFormFields(req.body, [...names, 'action', 'theme', 'returnTo', '_csrf']);
    const ids = names.filter((n) => form[n] === 'yes').map((n) => Number(n.slice('comment-'.length)));
    const actor = staffActor(res);
    if (ids.length > 0 && form.action === 'reviewed') pals.markReviewed(ids, actor);
    if (ids.length > 0 && form.action === 'theme') {
      const themeId = optionalId(form.theme ?? '');
      if (themeId !== undefined) {
        try {
          pals.addThemeToMany(ids, themeId, actor);
        } catch (error) {
          if (!(error instanceof PalsRuleError)) throw error;
        }
      }
    }
    res.redirect(303, inboxReturn(form.returnTo));
  }

  /** Whether the comment is marked as a compliment, and, when it is not, whether marking it is suggested. */
  function complimentState(commentId: number, comment: Parameters<ComplimentService['suggested']>[0]) {
    const marked = deps.compliments.isCompliment(commentId);
    return { marked, suggested: !marked && deps.compliments.suggested(comment) };
  }

  function commentPage(
    req: Request,
    res: Response,
    status: number,
    form: CommentForms,
    errors: Record<string, string>,
  ): void {
    const commentId = idOf(req, 'commentId');
    const viewed = pals.viewComment(commentId, staffActor(res));
    if (!viewed) throw notFound();
    const model = buildCommentViewModel({
      ...viewed,
      themes: pals.themes(),
      owners: pals.palsOfficers(),
      labels: pals.categoryLabels(),
      publicationRefusal: publications.refusal(commentId),
      published: publications.approvedCopy(commentId) !== null,
      compliment: complimentState(commentId, viewed.comment),
      now: clock.now(),
      form,
      errors,
    });
    render(res, status, 'pages/pals/comment', model);
  }

  /** Runs a triage change; a rule it breaks is shown on the comment page against its field (400). */
  function triage(
    req: Request,
    res: Response,
    fields: string[],
    change: (commentId: number, form: Record<string, string>) => void,
  ): void {
    const commentId = idOf(req, 'commentId');
    const form = readFormFields(req.body, [...fields, '_csrf']);
    try {
      change(commentId, form);
    } catch (error) {
      if (!(error instanceof PalsRuleError)) throw error;
      if (!error.field) throw notFound();
      commentPage(
        req,
        res,
        400,
        { status: form.status ?? '', note: form.note ?? '' },
        {
          [error.field]: error.message,
        },
      );
      return;
    }
    res.redirect(303, `/staff/pals/comments/${commentId}`);
  }

  return {
    showInbox,
    bulk,

    showComment: (req: Request, res: Response) => commentPage(req, res, 200, { status: '', note: '' }, {}),

    changeStatus: (req: Request, res: Response) =>
      triage(req, res, ['status'], (id, form) => {
        const to = oneOf(statusLabels, form.status ?? '');
        if (!to) throw new PalsRuleError('Select a new status', 'status');
        pals.changeStatus(id, to, staffActor(res));
      }),

    confirmSentiment: (req: Request, res: Response) =>
      triage(req, res, ['sentiment'], (id, form) => {
        const sentiment = oneOf(sentimentLabels, form.sentiment ?? '');
        if (!sentiment) throw new PalsRuleError('Select the sentiment', 'sentiment');
        if (!pals.hasComment(id)) throw new PalsRuleError('Comment not found');
        pals.confirmSentiment(id, sentiment, staffActor(res));
      }),

    setThemes: (req: Request, res: Response) => {
      const themes = pals.themes();
      triage(
        req,
        res,
        themes.map((t) => `theme-${t.id}`),
        (id, form) => {
          if (!pals.hasComment(id)) throw new PalsRuleError('Comment not found');
          pals.setThemes(
            id,
            themes.filter((t) => form[`theme-${t.id}`] === 'yes').map((t) => t.id),
            staffActor(res),
          );
        },
      );
    },

    setOwner: (req: Request, res: Response) =>
      triage(req, res, ['owner'], (id, form) => {
        if (!pals.hasComment(id)) throw new PalsRuleError('Comment not found');
        const owner = form.owner ? optionalId(form.owner) : null;
        if (owner === undefined) throw new PalsRuleError('Select a PALS officer', 'owner');
        pals.setOwner(id, owner, staffActor(res));
      }),

    addNote: (req: Request, res: Response) =>
      triage(req, res, ['note'], (id, form) => {
        if (!pals.hasComment(id)) throw new PalsRuleError('Comment not found');
        pals.addNote(id, form.note ?? '', staffActor(res));
      }),

    /** Marks (`compliment=yes`) or unmarks (`no`) a comment as a compliment to pass on to its team. */
    setCompliment: (req: Request, res: Response) =>
      triage(req, res, ['compliment'], (id, form) => {
        if (!pals.hasComment(id)) throw new PalsRuleError('Comment not found');
        if (form.compliment === 'yes') deps.compliments.mark(id, staffActor(res));
        else if (form.compliment === 'no') deps.compliments.unmark(id, staffActor(res));
      }),

    showFlag: (req: Request, res: Response) => {
      const viewed = pals.viewFlag(idOf(req, 'flagId'), staffActor(res));
      if (!viewed) throw notFound();
      const model = buildFlagViewModel(
        viewed.flag,
        viewed.comment,
        pals.categoryLabels(),
        clock.now(),
        { outcome: '', incidentReference: '' },
        {},
      );
      render(res, 200, 'pages/pals/flag', model);
    },

    closeFlag: (req: Request, res: Response) => {
      const flagId = idOf(req, 'flagId');
      const form = readFormFields(req.body, ['outcome', 'incidentReference', '_csrf']);
      const outcome = oneOf(outcomeLabels, form.outcome ?? '');
      const errors: Record<string, string> = {};
      if (!outcome) errors.outcome = 'Select the outcome';
      else {
        try {
          pals.closeFlag(flagId, outcome, form.incidentReference ?? null, staffActor(res));
        } catch (error) {
          if (!(error instanceof PalsRuleError)) throw error;
          if (!error.field) throw notFound();
          errors[error.field] = error.message;
        }
      }
      if (Object.keys(errors).length === 0) {
        res.redirect(303, `/staff/pals/flags/${flagId}`);
        return;
      }
      const viewed = pals.viewFlag(flagId, staffActor(res));
      if (!viewed) throw notFound();
      const model = buildFlagViewModel(
        viewed.flag,
        viewed.comment,
        pals.categoryLabels(),
        clock.now(),
        { outcome: form.outcome ?? '', incidentReference: form.incidentReference ?? '' },
        errors,
      );
      render(res, 400, 'pages/pals/flag', model);
    },

    showPublish: (req: Request, res: Response) => publishPage(req, res, 200, undefined, {}),

    publish: (req: Request, res: Response) => {
      const commentId = idOf(req, 'commentId');
      const form = readFormFields(req.body, ['redactedText', '_csrf']);
      try {
        publications.approve(commentId, form.redactedText ?? '', staffActor(res));
      } catch (error) {
        if (!(error instanceof PublicationRefused)) throw error;
        if (error.field === 'comment' && error.message === 'Comment not found') throw notFound();
        publishPage(req, res, 400, form.redactedText ?? '', {
          [error.field === 'comment' ? 'redactedText' : error.field]: error.message,
        });
        return;
      }
      res.redirect(303, `/staff/pals/comments/${commentId}`);
    },

    withdraw: (req: Request, res: Response) => {
      const commentId = idOf(req, 'commentId');
      readFormFields(req.body, ['_csrf']);
      if (!publications.withdraw(commentId, staffActor(res))) throw notFound();
      res.redirect(303, `/staff/pals/comments/${commentId}`);
    },
  };

  function publishPage(
    req: Request,
    res: Response,
    status: number,
    typed: string | undefined,
    errors: Record<string, string>,
  ): void {
    const commentId = idOf(req, 'commentId');
    const viewed = pals.viewComment(commentId, staffActor(res));
    if (!viewed) throw notFound();
    const refusal = publications.refusal(commentId);
    const suggestion = refusal ? undefined : publications.suggest(commentId);
    const published = publications.approvedCopy(commentId);
    render(res, status, 'pages/pals/publish', {
      pageTitle: titleWith(`Publish comment ${commentId}`, errors),
      errorList: errorListOf(errors),
      heading: `Publish comment ${commentId}`,
      backHref: `/staff/pals/comments/${commentId}`,
      action: `/staff/pals/comments/${commentId}/publish`,
      refusal,
      original: viewed.comment.textRemovedAt ? '' : viewed.comment.body,
      suggestions: (suggestion?.suggestions ?? []).map((s) => `${s.replacement}: ${s.original}`),
      redactedText: typed ?? published ?? suggestion?.redacted ?? '',
      withdrawAction: published === null ? undefined : `/staff/pals/comments/${commentId}/withdraw`,
      redactedError: errors.redactedText,
    });
  }
}
