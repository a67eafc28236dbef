-- Knowledge base: procedure entries, their full version history, and what the assistant learns from citizens.
-- See src/kb/README.md for the workflow (draft -> review -> published -> archived | rejected) and the file-vs-editor rule.

create table kb_entries (
  slug text primary key,
  -- The published version the assistant serves; set once the first version exists.
  current_version_id bigint,
  -- active: served to citizens; withdrawn: kept with its history but not served.
  status text not null default 'active' check (status in ('active', 'withdrawn')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table kb_versions (
  id bigserial primary key,
  slug text not null references kb_entries(slug),
  version integer not null,
  -- The full entry (entrySchema output, defaults applied).
  content jsonb not null,
  -- sha256 of the canonical JSON of content (sorted keys): equal content, equal hash.
  content_hash text not null,
  state text not null check (state in ('draft', 'review', 'published', 'archived', 'rejected')),
  source text not null check (source in ('file', 'editor')),
  -- sha256 of the YAML file bytes this version was read from (source = file only).
  file_hash text,
  -- The version a draft was started from (the live one at that time).
  base_version_id bigint references kb_versions(id),
  -- A file version that was not applied because an editor had published since: the editor version live then.
  conflict_with_version_id bigint references kb_versions(id),
  author_id uuid references users(id) on delete set null,
  author_username text,
  reviewer_id uuid references users(id) on delete set null,
  reviewer_username text,
  change_note text not null default '',
  reject_reason text,
  -- An admin published their own version (four-eyes override, audited).
  four_eyes_override boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  published_at timestamptz,
  archived_at timestamptz,
  rejected_at timestamptz,
  unique (slug, version),
  check ((source = 'file') = (file_hash is not null))
);
create index kb_versions_slug_idx on kb_versions(slug, version desc);
create index kb_versions_state_idx on kb_versions(state) where state in ('draft', 'review');

alter table kb_entries add constraint kb_entries_current_version_fk foreign key (current_version_id) references kb_versions(id);

-- Version history is never deleted.
create function kb_versions_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'kb_versions rows are never deleted';
end;
$$;
create trigger kb_versions_no_delete before delete on kb_versions for each row execute function kb_versions_no_delete();

-- "Was this answer helpful?" from the assistant. The comment is stored with phone/ID numbers masked.
create table kb_feedback (
  id bigserial primary key,
  conversation_id text,
  slug text,
  version_id bigint,
  helpful boolean not null,
  comment text,
  at timestamptz not null default now()
);
create index kb_feedback_slug_idx on kb_feedback(slug, at desc);
create index kb_feedback_at_idx on kb_feedback(at desc);

-- Questions the assistant could not answer, normalized (NFC, lower case, spaces collapsed) with personal data masked.
create table kb_unanswered (
  id bigserial primary key,
  question text not null unique,
  count integer not null default 1,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  -- [{ "slug": string, "score": number }], best first, from the latest occurrence.
  best_guesses jsonb not null default '[]',
  status text not null default 'open' check (status in ('open', 'covered', 'ignored')),
  updated_at timestamptz not null default now()
);
create index kb_unanswered_open_idx on kb_unanswered(status, count desc, last_seen_at desc);
