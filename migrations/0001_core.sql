-- Staff accounts, sessions and the security audit log.
create table users (
  id uuid primary key,
  username text not null unique,
  full_name text not null default '',
  password_hash text not null,
  role text not null check (role in ('admin', 'dispatcher', 'ward_officer', 'leader', 'kb_editor')),
  ward_code text,
  disabled boolean not null default false,
  must_change_password boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((role = 'ward_officer') = (ward_code is not null))
);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions(user_id);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_username text,
  action text not null,
  target text,
  outcome text not null default 'ok',
  ip text,
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log(at desc);
