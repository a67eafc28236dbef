import type { StaffUser } from '../../api.ts';

/** What a role may do in the dispatch workspace (mirrors DISPATCH_ROLES in src/dispatch/dispatch.routes.ts). */
export const roleCan = (u: StaffUser) => ({
  write: u.role === 'admin' || u.role === 'dispatcher' || u.role === 'ward_officer',
  warn: u.role === 'admin' || u.role === 'dispatcher',
  stats: u.role === 'admin' || u.role === 'dispatcher' || u.role === 'leader',
  /** A ward officer's ward (the server confines every read and write to it); null = city-wide. */
  scope: u.role === 'ward_officer' ? u.wardCode : null,
});
