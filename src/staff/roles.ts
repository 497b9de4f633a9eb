/** The staff roles, as stored in user_roles.role. docs/staff-access.md holds the permission matrix. */
export const roles = ['admin', 'pals', 'quality', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  pals: 'PALS',
  quality: 'Quality and reporting',
  viewer: 'Report viewer',
};

/** A role held by a user, optionally limited to one directorate or one team. */
export interface RoleGrant {
  role: Role;
  directorateId: number | null;
  teamId: number | null;
}
