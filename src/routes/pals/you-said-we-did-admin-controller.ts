import type { Request, Response } from 'express';
import { z } from 'zod';
import { londonDateOf, type Clock } from '../../clock';
import { readFormFields } from '../../middleware/form-body';
import { notFound } from '../../middleware/http-errors';
import type { OrganisationRepository } from '../../organisation/organisation-repository';
import type { PalsService } from '../../pals/pals-service';
import {
  PublicationRefused,
  type EntryInput,
  type PublicationService,
  type YouSaidWeDidStatus,
} from '../../pals/publication-service';
import { staffActor } from '../../staff/permissions';
import {
  buildEntryFormViewModel,
  buildEntryListViewModel,
  entryFormValues,
  readPlace,
  type EntryFormValues,
  type PlaceChoice,
} from './you-said-we-did-admin-view-model';
import { palsPageRenderer } from './pals-controller';
import { statusLabels } from '../you-said-we-did/you-said-we-did-view-model';

const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const statuses = Object.keys(statusLabels) as [YouSaidWeDidStatus, ...YouSaidWeDidStatus[]];
const formFields = [
  'place',
  'themeId',
  'youSaid',
  'quoteCommentId',
  'weDid',
  'publishedOn',
  'status',
] as const;

/** The entry form's shape; each message is shown against its own field. */
const entrySchema = z.object({
  place: z.string().regex(/^(team|directorate)-\d{1,12}$/, 'Select the team or directorate'),
  themeId: z.union([z.literal(''), z.string().regex(/^\d{1,12}$/, 'Select a theme')]),
  youSaid: z.string().trim().max(2000, 'What people said must be 2,000 characters or fewer'),
  quoteCommentId: z.union([z.literal('none'), z.string().regex(/^\d{1,12}$/, 'Choose a quote, or no quote')]),
  weDid: z
    .string()
    .trim()
    .min(1, 'Enter what we did')
    .max(2000, 'What we did must be 2,000 characters or fewer'),
  publishedOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be a real date, like 2026-11-23')
    .refine((d) => !Number.isNaN(Date.parse(d)), 'Date must be a real date, like 2026-11-23'),
  status: z.enum(statuses, 'Select the status'),
});

/** PALS keep the "You said, we did" entries: list (by status), add, change, and move an entry's status. */
export function createYouSaidWeDidAdminController(deps: {
  publications: PublicationService;
  pals: PalsService;
  organisation: OrganisationRepository;
  clock: Clock;
}) {
  const { publications, pals, clock } = deps;
  const render = palsPageRenderer(pals, clock);
  const idOf = (req: Request) => {
    const parsed = idParam.safeParse(req.params.entryId);
    if (!parsed.success) throw notFound();
    return parsed.data;
  };

  /** Active teams and their directorates, by name, for the "team or directorate" select. */
  function places(): PlaceChoice[] {
    const teams = deps.organisation.listActiveTeamsOn(londonDateOf(clock.now()));
    const directorates = new Map(teams.map((t) => [t.directorateId, t.directorateName]));
    return [
      ...[...teams]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({ value: `team-${t.teamId}`, text: t.name })),
      ...[...directorates.entries()]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([id, name]) => ({ value: `directorate-${id}`, text: `${name} directorate (all its teams)` })),
    ];
  }

  function formPage(
    res: Response,
    status: number,
    entryId: number | null,
    values: EntryFormValues,
    errors: Record<string, string>,
  ): void {
    render(
      res,
      status,
      'pages/pals/you-said-we-did-entry',
      buildEntryFormViewModel({
        entryId,
        values,
        errors,
        places: places(),
        themes: pals.themes(),
        quotes: publications.quoteChoices(),
      }),
    );
  }

  /** Validates the form and saves it through `save`; a refused form is shown again with what was typed. */
  function submit(
    req: Request,
    res: Response,
    entryId: number | null,
    save: (entry: EntryInput) => number,
  ): void {
    const form = readFormFields(req.body, [...formFields, '_csrf']);
    const values: EntryFormValues = {
      place: form.place ?? '',
      themeId: form.themeId ?? '',
      youSaid: form.youSaid ?? '',
      quoteCommentId: form.quoteCommentId ?? 'none',
      weDid: form.weDid ?? '',
      publishedOn: form.publishedOn ?? '',
      status: form.status ?? '',
    };
    const parsed = entrySchema.safeParse(values);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        errors[field] ??= issue.message;
      }
    } else {
      const data = parsed.data;
      const quote = data.quoteCommentId === 'none' ? null : Number(data.quoteCommentId);
      if (quote !== null && data.youSaid) {
        errors.youSaid = 'Write a summary or choose a quote, not both';
      } else {
        try {
          const id = save({
            ...readPlace(data.place)!,
            themeId: data.themeId ? Number(data.themeId) : null,
            youSaid: data.youSaid || null,
            quoteCommentId: quote,
            weDid: data.weDid,
            status: data.status,
            publishedOn: data.publishedOn,
          });
          res.redirect(303, `/staff/pals/you-said-we-did#entry-${id}`);
          return;
        } catch (error) {
          if (!(error instanceof PublicationRefused)) throw error;
          if (error.field === 'entry') throw notFound();
          errors[error.field] = error.message;
        }
      }
    }
    formPage(res, 400, entryId, values, errors);
  }

  return {
    list: (req: Request, res: Response) => {
      const asked = typeof req.query.status === 'string' ? req.query.status : '';
      const status = statuses.includes(asked as YouSaidWeDidStatus) ? (asked as YouSaidWeDidStatus) : null;
      render(res, 200, 'pages/pals/you-said-we-did-list', {
        ...buildEntryListViewModel(publications.entries(null, 500, status), status),
      });
    },

    showNew: (_req: Request, res: Response) =>
      formPage(
        res,
        200,
        null,
        {
          place: '',
          themeId: '',
          youSaid: '',
          quoteCommentId: 'none',
          weDid: '',
          publishedOn: londonDateOf(clock.now()),
          status: 'planned',
        },
        {},
      ),

    add: (req: Request, res: Response) =>
      submit(req, res, null, (entry) => publications.addEntry(entry, staffActor(res))),

    showEdit: (req: Request, res: Response) => {
      const entryId = idOf(req);
      const entry = publications.entry(entryId);
      if (!entry) throw notFound();
      formPage(res, 200, entryId, entryFormValues(entry), {});
    },

    update: (req: Request, res: Response) => {
      const entryId = idOf(req);
      if (!publications.entry(entryId)) throw notFound();
      submit(req, res, entryId, (entry) => {
        publications.updateEntry(entryId, entry, staffActor(res));
        return entryId;
      });
    },

    changeStatus: (req: Request, res: Response) => {
      const entryId = idOf(req);
      const form = readFormFields(req.body, ['status', '_csrf']);
      const status = statuses.find((s) => s === form.status);
      if (!publications.entry(entryId)) throw notFound();
      if (status) publications.setEntryStatus(entryId, status, staffActor(res));
      res.redirect(303, '/staff/pals/you-said-we-did');
    },
  };
}
