import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { AuditFilter } from '../../staff/audit-service';
import { signedInStaff, auditActorOf } from '../../staff/permissions';
import type { StaffAccess } from '../../staff/staff-access';
import { buildAuditLogViewModel, type AuditQueryValues } from './audit-view-model';

const PAGE_SIZE = 50;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const auditQuery = z.object({
  action: z.string().max(80).optional().catch(undefined),
  actor: z.string().max(254).optional().catch(undefined),
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** Reads the filters; a date that is not YYYY-MM-DD is reported against its field. */
function readFilter(query: unknown): {
  values: AuditQueryValues;
  filter: AuditFilter;
  errors: Record<string, string>;
} {
  const q = auditQuery.parse(query);
  const values: AuditQueryValues = {
    action: q.action ?? '',
    actor: (q.actor ?? '').trim(),
    from: (q.from ?? '').trim(),
    to: (q.to ?? '').trim(),
    page: q.page ?? 1,
  };
  const errors: Record<string, string> = {};
  if (values.from && (!isoDate.test(values.from) || Number.isNaN(Date.parse(values.from)))) {
    errors.from = 'Date from must be a real date, like 2026-11-23';
  }
  if (values.to && (!isoDate.test(values.to) || Number.isNaN(Date.parse(values.to)))) {
    errors.to = 'Date to must be a real date, like 2026-11-30';
  }
  const filter: AuditFilter = {
    action: values.action || undefined,
    actorEmail: values.actor || undefined,
    from: values.from && !errors.from ? values.from : undefined,
    to: values.to && !errors.to ? values.to : undefined,
  };
  return { values, filter, errors };
}

/** The audit log for admins: filter by action, person and dates; export the same selection as CSV (audited). */
export function createAuditController(staff: StaffAccess) {
  return {
    show: (req: Request, res: Response): void => {
      const { values, filter, errors } = readFilter(req.query);
      const rows = staff.audit.list(filter, PAGE_SIZE + 1, (values.page - 1) * PAGE_SIZE);
      const model = buildAuditLogViewModel(values, staff.audit.actions(), rows, PAGE_SIZE, errors);
      res.status(Object.keys(errors).length > 0 ? 400 : 200).render('pages/staff/admin-audit', model);
    },

    exportCsv: (req: Request, res: Response): void => {
      const { filter } = readFilter(req.query);
      const user = signedInStaff(res)!;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
      const csv = stringify({
        header: true,
        bom: true,
        escape_formulas: true,
        columns: [
          { key: 'id', header: 'id' },
          { key: 'occurredAt', header: 'occurred_at' },
          { key: 'actorUserId', header: 'actor_user_id' },
          { key: 'actorEmail', header: 'actor_email' },
          { key: 'action', header: 'action' },
          { key: 'objectType', header: 'object_type' },
          { key: 'objectId', header: 'object_id' },
          { key: 'sessionRef', header: 'session_ref' },
          { key: 'details', header: 'details' },
        ],
      });
      csv.pipe(res);
      let count = 0;
      for (const row of staff.audit.iterate(filter)) {
        csv.write(row);
        count += 1;
      }
      // Recorded after reading (a write cannot run while the statement iterates), before the response ends.
      staff.audit.record({
        actor: auditActorOf(user),
        action: 'audit.exported',
        objectType: 'audit_log',
        details: {
          rows: count,
          action: filter.action ?? null,
          actor: filter.actorEmail ?? null,
          from: filter.from ?? null,
          to: filter.to ?? null,
        },
      });
      csv.end();
    },
  };
}
