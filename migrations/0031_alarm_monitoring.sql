-- Alarm monitoring on top of the receiver tables (0030): premise details, fire alarm activations (one open per
-- premise, linked to its incident), the trouble list, operator verification outcomes and per-premise counters.

alter table alarm_accounts add column ward_source text check (ward_source in ('code', 'point', 'address'));
alter table alarm_accounts add column is_demo boolean not null default false;
alter table alarm_accounts add column supervision_since timestamptz;
alter table alarm_accounts add column false_alarms integer not null default 0;
alter table alarm_accounts add column confirmed_fires integer not null default 0;
alter table alarm_accounts add column created_by text;
alter table alarm_accounts add column updated_by text;

alter table alarm_events add column acknowledged_at timestamptz;
alter table alarm_events add column acknowledged_by text;

-- One fire alarm condition at a premise: opened by the first fire event, joined by the later ones, until the
-- operator records a false alarm or the incident is resolved or closed. At most one open per account.
create table alarm_activations (
  id uuid primary key,
  account text not null,
  incident_id uuid,
  first_event_id uuid not null,
  last_event_id uuid not null,
  zones text[] not null default '{}',
  event_count integer not null default 1,
  opened_at timestamptz not null,
  last_event_at timestamptz not null,
  restored_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by text,
  outcome text check (outcome in ('confirmed', 'false_alarm')),
  false_alarm_reason text check (false_alarm_reason in ('test', 'device_fault', 'dust_steam', 'user_error', 'other')),
  verification_note text,
  verified_at timestamptz,
  verified_by text,
  closed_at timestamptz,
  close_reason text
);
create unique index alarm_activations_open_idx on alarm_activations(account) where closed_at is null;
create index alarm_activations_incident_idx on alarm_activations(incident_id) where incident_id is not null;
create index alarm_activations_account_idx on alarm_activations(account, opened_at desc);

-- The trouble list: a condition a panel reported (or supervision detected) that is open until its restore.
create table alarm_troubles (
  id uuid primary key,
  account text not null,
  kind text not null check (kind in ('fire-trouble', 'ac-loss', 'low-battery', 'comm-fail', 'comm-loss', 'supervisory', 'tamper', 'trouble')),
  code text,
  cid_event text,
  zone text,
  opened_at timestamptz not null,
  opened_event_id uuid,
  last_event_at timestamptz not null,
  event_count integer not null default 1,
  cleared_at timestamptz,
  cleared_event_id uuid,
  cleared_reason text,
  acknowledged_at timestamptz,
  acknowledged_by text
);
create unique index alarm_troubles_open_idx on alarm_troubles(account, kind, coalesce(code, ''), coalesce(zone, '')) where cleared_at is null;
create index alarm_troubles_account_idx on alarm_troubles(account, opened_at desc);

-- Operator verifications of fire alarms (the call to the premise): confirmed fire or false alarm with reason.
create table alarm_verifications (
  id uuid primary key,
  account text not null,
  activation_id uuid not null references alarm_activations(id),
  incident_id uuid,
  outcome text not null check (outcome in ('confirmed', 'false_alarm')),
  reason text check (reason in ('test', 'device_fault', 'dust_steam', 'user_error', 'other')),
  note text,
  at timestamptz not null,
  by_user text not null
);
create index alarm_verifications_account_idx on alarm_verifications(account, at desc);
