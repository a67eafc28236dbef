-- Alarm monitoring: monitored premises (alarm accounts) and the events their panels report over SIA DC-09.

create table alarm_accounts (
  account text primary key,
  receiver text,
  line text,
  key text,
  key_format text not null default 'hex' check (key_format in ('hex', 'ascii')),
  enabled boolean not null default true,
  name text not null default '',
  address text not null default '',
  ward_code text,
  lat double precision,
  lon double precision,
  contacts jsonb not null default '[]',
  zones jsonb not null default '{}',
  heartbeat_interval_s integer check (heartbeat_interval_s is null or heartbeat_interval_s > 0),
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (account ~ '^[0-9A-F]{3,16}$')
);
create index alarm_accounts_ward_idx on alarm_accounts(ward_code);

-- The dedupe key: one row per account + receiver + line + sequence. A message whose key was first received less
-- than the dedupe window ago is a retransmission (ACKed again, not stored again), also across restarts.
create table alarm_dedupe (
  account text not null,
  receiver text not null,
  line text not null,
  sequence text not null,
  first_received_at timestamptz not null,
  primary key (account, receiver, line, sequence)
);

create table alarm_events (
  id uuid primary key,
  account text not null,
  sequence text not null,
  receiver text,
  line text,
  token text not null check (token in ('SIA-DCS', 'ADM-CID')),
  encrypted boolean not null,
  event_index smallint not null default 0,
  code text not null,
  zone text,
  area text,
  user_number text,
  qualifier text not null check (qualifier in ('new', 'restore', 'status')),
  category text not null,
  description text,
  cid_code text,
  alarm_text text,
  event_time timestamptz,
  received_at timestamptz not null,
  raw text not null,
  plaintext text,
  transport text not null check (transport in ('tcp', 'udp')),
  remote_addr text,
  incident_id uuid,
  unique nulls not distinct (account, receiver, line, sequence, received_at, event_index)
);
create index alarm_events_account_idx on alarm_events(account, received_at desc);
create index alarm_events_received_idx on alarm_events(received_at desc);
create index alarm_events_incident_idx on alarm_events(incident_id) where incident_id is not null;
