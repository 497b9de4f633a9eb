import type { AuditEventRow } from '../../staff/audit-service';
import { auditRowView, errorListOf, inputField, titleWith } from './staff-view-model';

export interface AuditQueryValues {
  action: string;
  actor: string;
  from: string;
  to: string;
  page: number;
}

const queryString = (values: AuditQueryValues, page?: number) => {
  const params = new URLSearchParams();
  if (values.action) params.set('action', values.action);
  if (values.actor) params.set('actor', values.actor);
  if (values.from) params.set('from', values.from);
  if (values.to) params.set('to', values.to);
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The audit page: filters as typed, the rows of this page, links to the next and previous pages and the CSV. */
export function buildAuditLogViewModel(
  values: AuditQueryValues,
  actions: string[],
  rowsPlusOne: AuditEventRow[],
  pageSize: number,
  errors: Record<string, string>,
) {
  const rows = rowsPlusOne.slice(0, pageSize);
  return {
    pageTitle: titleWith('Audit log', errors),
    errorList: errorListOf(errors),
    actionItems: [
      { value: '', text: 'All actions', selected: values.action === '' },
      ...actions.map((a) => ({ value: a, text: a, selected: a === values.action })),
    ],
    actorField: inputField('actor', 'Email address of the person', errors, {
      type: 'email',
      value: values.actor,
      spellcheck: false,
    }),
    fromField: inputField('from', 'Date from', errors, { type: 'date', value: values.from }),
    toField: inputField('to', 'Date to', errors, { type: 'date', value: values.to }),
    rows: rows.map(auditRowView),
    csvHref: `/staff/admin/audit.csv${queryString({ ...values, page: 1 })}`,
    previousHref: values.page > 1 ? `/staff/admin/audit${queryString(values, values.page - 1)}` : undefined,
    nextHref:
      rowsPlusOne.length > pageSize ? `/staff/admin/audit${queryString(values, values.page + 1)}` : undefined,
  };
}
