-- Virtual assistant: conversations (any channel), their messages, hand-offs to ward officers,
-- crime reports / tip-offs with their status history and evidence files. See src/assistant/README.md.

create table conversations (
  id uuid primary key,
  channel text not null check (channel in ('web', 'zalo', 'voice')),
  -- HMAC-SHA256 of the channel's user id (Zalo follower id); never the id itself.
  external_user_hash text,
  -- sha256 of the conversation token handed to the client once (reads the history, sends feedback).
  token_hash text not null,
  language text not null default 'vi' check (language in ('vi', 'en')),
  -- Dialogue state (src/assistant/dialogue-state.ts): topic, pending question, emergency, counters.
  state jsonb not null default '{}',
  ward_code text,
  status text not null default 'active' check (status in ('active', 'handed_off', 'closed')),
  -- Last message sequence number used (messages.seq is allocated from here, atomically).
  last_seq integer not null default 0,
  version integer not null default 0,
  created_at timestamptz not null,
  last_activity_at timestamptz not null,
  -- Deleted (with messages and hand-offs) by the retention job after this instant.
  expires_at timestamptz not null
);
create index conversations_expires_idx on conversations(expires_at);
create unique index conversations_external_idx on conversations(channel, external_user_hash)
  where external_user_hash is not null and status <> 'closed';

create table messages (
  conversation_id uuid not null references conversations(id) on delete cascade,
  seq integer not null,
  role text not null check (role in ('citizen', 'assistant', 'officer', 'system')),
  -- As shown in the chat; report secrets are masked before storing.
  text text not null,
  -- Assistant: intent, card, quick replies, slug/version answered; officer: username; feedback once given.
  meta jsonb not null default '{}',
  at timestamptz not null,
  primary key (conversation_id, seq)
);

create table reports (
  id uuid primary key,
  -- "TG-7K3P-9Q2M": unambiguous alphabet, unique; given to the citizen with the secret.
  tracking_code text not null unique,
  -- sha256 (hex) of a high-entropy random secret shown to the citizen once.
  secret_hash text not null,
  kind text not null check (kind in ('to_giac', 'tin_bao', 'lua_dao', 'mat_giay_to', 'khac')),
  what text,
  when_text text,
  happened_on date,
  where_text text,
  who text,
  ward_code text,
  anonymous boolean not null default false,
  contact_text text,
  contact_phone text,
  status text not null default 'received' check (status in ('received', 'verifying', 'transferred', 'resolved', 'insufficient')),
  note_for_citizen text,
  conversation_id uuid references conversations(id) on delete set null,
  channel text not null,
  language text not null default 'vi',
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index reports_ward_idx on reports(ward_code, status, created_at desc);

create table report_status_history (
  report_id uuid not null references reports(id) on delete cascade,
  seq integer not null,
  status text not null,
  note_for_citizen text,
  internal_note text,
  by_username text not null,
  at timestamptz not null,
  primary key (report_id, seq)
);

create table report_attachments (
  id uuid primary key,
  report_id uuid not null references reports(id) on delete cascade,
  -- Random file name under DATA_DIR/uploads; never derived from the upload.
  storage_key text not null unique,
  -- Sanitised, shortened original name (for the officer's download), may be null.
  original_name text,
  mime text not null,
  size_bytes integer not null,
  sha256 text not null,
  created_at timestamptz not null
);
create index report_attachments_report_idx on report_attachments(report_id);

create table handoffs (
  id uuid primary key,
  conversation_id uuid not null references conversations(id) on delete cascade,
  -- Queue of this ward's officers; null = city level (dispatchers).
  ward_code text,
  reason text not null check (reason in ('request', 'low_confidence', 'report')),
  status text not null default 'queued' check (status in ('queued', 'taken', 'closed')),
  report_id uuid references reports(id) on delete set null,
  requested_at timestamptz not null,
  taken_by text,
  taken_by_id uuid,
  taken_at timestamptz,
  closed_at timestamptz,
  closed_by text,
  close_note text
);
create index handoffs_queue_idx on handoffs(ward_code, status, requested_at);
create unique index handoffs_open_idx on handoffs(conversation_id) where status <> 'closed';
