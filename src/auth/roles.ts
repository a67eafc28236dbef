export const ROLES = ['admin', 'dispatcher', 'ward_officer', 'leader', 'kb_editor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  dispatcher: 'Điều phối viên Trung tâm chỉ huy',
  ward_officer: 'Cán bộ công an xã/phường',
  leader: 'Lãnh đạo',
  kb_editor: 'Biên tập viên cơ sở tri thức',
};

/** The authenticated staff member attached to a request. */
export interface StaffUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** Set for ward officers only: the one unit whose data they may see. */
  wardCode: string | null;
}

/**
 * The ward a caller is confined to: a ward officer sees exactly one ward; city-level roles see all (null).
 * Every repository query over ward data takes this value and filters on it.
 */
export function wardScope(user: StaffUser): string | null {
  return user.role === 'ward_officer' ? user.wardCode : null;
}

/** True when the user may see data belonging to `wardCode` (null = city-level data). */
export function canSeeWard(user: StaffUser, wardCode: string | null): boolean {
  const scope = wardScope(user);
  return scope === null || scope === wardCode;
}
