import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import type { Role } from './roles.ts';

export interface UserRow {
  id: string;
  username: string;
  full_name: string;
  password_hash: string;
  role: Role;
  ward_code: string | null;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export function createUserRepository(db: Queryable) {
  return {
    async findByUsername(username: string) {
      const rows = await db.query<UserRow>('select * from users where lower(username) = lower($1)', [username]);
      return rows[0];
    },
    async findById(id: string) {
      const rows = await db.query<UserRow>('select * from users where id = $1', [id]);
      return rows[0];
    },
    async list(filter: { wardCode?: string | null } = {}) {
      if (filter.wardCode) {
        return db.query<UserRow>('select * from users where ward_code = $1 order by username', [filter.wardCode]);
      }
      return db.query<UserRow>('select * from users order by username');
    },
    async insert(u: { username: string; fullName: string; passwordHash: string; role: Role; wardCode: string | null; mustChangePassword?: boolean }) {
      const id = randomUUID();
      await db.query(
        `insert into users (id, username, full_name, password_hash, role, ward_code, must_change_password)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, u.username, u.fullName, u.passwordHash, u.role, u.wardCode, u.mustChangePassword ?? false],
      );
      return id;
    },
    async update(id: string, patch: { fullName?: string; role?: Role; wardCode?: string | null; disabled?: boolean; passwordHash?: string; mustChangePassword?: boolean }) {
      const rows = await db.query<UserRow>(
        `update users set
           full_name = coalesce($2, full_name),
           role = coalesce($3, role),
           ward_code = case when $4::boolean then $5 else ward_code end,
           disabled = coalesce($6, disabled),
           password_hash = coalesce($7, password_hash),
           must_change_password = coalesce($8, must_change_password),
           updated_at = now()
         where id = $1 returning *`,
        [id, patch.fullName ?? null, patch.role ?? null, patch.wardCode !== undefined, patch.wardCode ?? null, patch.disabled ?? null, patch.passwordHash ?? null, patch.mustChangePassword ?? null],
      );
      return rows[0];
    },

    async insertSession(s: { idHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null }) {
      await db.query(
        `insert into sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)`,
        [s.idHash, s.userId, s.csrfToken, s.expiresAt, s.ip, s.userAgent],
      );
    },
    async findSession(idHash: string) {
      const rows = await db.query<SessionRow & { user: UserRow }>(
        `select s.*, row_to_json(u.*) as user from sessions s join users u on u.id = s.user_id where s.id_hash = $1`,
        [idHash],
      );
      return rows[0];
    },
    async touchSession(idHash: string, at: Date) {
      await db.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, at]);
    },
    async deleteSession(idHash: string) {
      await db.query('delete from sessions where id_hash = $1', [idHash]);
    },
    async deleteSessionsOfUser(userId: string) {
      await db.query('delete from sessions where user_id = $1', [userId]);
    },
    async deleteExpiredSessions(now: Date) {
      await db.query('delete from sessions where expires_at < $1', [now]);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
