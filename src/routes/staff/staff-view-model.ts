import { formatLondonDateTime } from '../../clock';
import type { AuditEventRow } from '../../staff/audit-service';
import { roleLabels, type Role, type RoleGrant } from '../../staff/roles';

export interface FieldError {
  text: string;
  href: string;
}

export interface InputParams {
  id: string;
  name: string;
  label: { text: string };
  type?: string;
  value?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  inputmode?: string;
  hint?: { text: string };
  errorMessage?: { text: string };
  classes?: string;
}

/** The parameters of an NHS.UK text input, with its error (if any) from the list. */
export function inputField(
  name: string,
  label: string,
  errors: Record<string, string>,
  extra: Partial<InputParams> = {},
): InputParams {
  return {
    id: name,
    name,
    label: { text: label },
    ...extra,
    ...(errors[name] ? { errorMessage: { text: errors[name] } } : {}),
  };
}

export function errorListOf(errors: Record<string, string>): FieldError[] {
  return Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` }));
}

/** "Error: " goes before the title of a page showing errors (NHS service manual). */
export function titleWith(title: string, errors: Record<string, string>): string {
  return Object.keys(errors).length > 0 ? `Error: ${title}` : title;
}

interface Link {
  href: string;
  text: string;
}

const roleLinks: Record<Role, Link[]> = {
  admin: [
    { href: '/staff/admin/users', text: 'Staff users' },
    { href: '/staff/admin/audit', text: 'Audit log' },
    { href: '/staff/admin/themes', text: 'PALS themes' },
    { href: '/staff/admin/organisation', text: 'Organisation' },
    { href: '/staff/admin/collection-points', text: 'Collection points' },
    { href: '/staff/admin/kiosks', text: 'Kiosks' },
  ],
  pals: [
    { href: '/staff/pals/comments', text: 'PALS comments' },
    { href: '/staff/pals/you-said-we-did', text: 'You said, we did' },
    { href: '/staff/pals/compliments', text: 'Compliments' },
    { href: '/staff/responses/new', text: 'Key in a paper or telephone response' },
  ],
  quality: [{ href: '/staff/reports', text: 'Reports' }],
  viewer: [{ href: '/staff/reports', text: 'Reports' }],
};

/** The links a user sees (header and home page), in a stable order without duplicates. */
export function staffLinksFor(grants: readonly { role: Role }[]): Link[] {
  const links: Link[] = [{ href: '/staff', text: 'Staff home' }];
  for (const role of ['admin', 'pals', 'quality', 'viewer'] as const) {
    if (!grants.some((g) => g.role === role)) continue;
    for (const link of roleLinks[role]) if (!links.some((l) => l.href === link.href)) links.push(link);
  }
  links.push({ href: '/staff/account/password', text: 'Change your password' });
  return links;
}

/** "Administrator, Report viewer (directorate 2)" */
export function describeGrants(grants: readonly RoleGrant[]): string {
  if (grants.length === 0) return 'none';
  return grants
    .map((g) => {
      const scope = g.teamId
        ? ` (team ${g.teamId})`
        : g.directorateId
          ? ` (directorate ${g.directorateId})`
          : '';
      return roleLabels[g.role] + scope;
    })
    .join(', ');
}

/** Groups a recovery code's letters for reading aloud is left to the user; codes are shown as issued. */
export function formatSecretForReading(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

export interface AuditRowView {
  when: string;
  who: string;
  action: string;
  object: string;
  session: string;
  details: string;
}

export function auditRowView(row: AuditEventRow): AuditRowView {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  return {
    when: formatLondonDateTime(new Date(row.occurredAt)),
    who: row.actorEmail ?? 'System',
    action: row.action,
    object: row.objectType ? `${row.objectType} ${row.objectId ?? ''}`.trim() : '',
    session: row.sessionRef ?? '',
    details: Object.entries(details)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join('; '),
  };
}
