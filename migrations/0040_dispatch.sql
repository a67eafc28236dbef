-- Command Information Center (computer-aided dispatch): incidents, units, assignments,
-- a hash-chained append-only timeline per incident, and stored CAP public warnings.

create table incident_code_seq (
  year integer primary key,
  last integer not null
);

create table incidents (
  id uuid primary key,
  code text not null unique,
  type text not null check (type in ('fire', 'rescue', 'crime', 'public_order', 'traffic_accident', 'medical', 'other')),
  priority integer not null default 3 check (priority between 1 and 4),
  status text not null default 'new' check (status in ('new', 'acknowledged', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed')),
  source text not null check (source in ('chat', 'call', 'alarm', 'manual', 'ward_report')),
  ward_code text,
  address_text text,
  lat double precision,
  lon double precision,
  reporter_name text,
  callback_phone text,
  description text,
  is_demo boolean not null default false,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  received_at timestamptz not null,
  shown_at timestamptz,
  shown_by text,
  acknowledged_at timestamptz,
  acknowledged_by text,
  dispatched_at timestamptz,
  dispatched_by text,
  first_enroute_at timestamptz,
  first_on_scene_at timestamptz,
  resolved_at timestamptz,
  resolved_by text,
  closed_at timestamptz,
  closed_by text,
  merged_into uuid references incidents(id),
  timeline_seq integer not null default 0,
  timeline_head text,
  check ((lat is null) = (lon is null)),
  check (lat is null or (lat between -90 and 90 and lon between -180 and 180))
);
create index incidents_ward_idx on incidents(ward_code, status);
create index incidents_received_idx on incidents(received_at desc);
create index incidents_open_idx on incidents(priority, received_at) where status <> 'closed';

create table incident_links (
  incident_id uuid not null references incidents(id),
  kind text not null check (kind in ('alarm_event', 'conversation', 'call', 'report')),
  ref_id text not null,
  via_incident_id uuid references incidents(id),
  created_at timestamptz not null,
  primary key (incident_id, kind, ref_id)
);
create index incident_links_ref_idx on incident_links(kind, ref_id);

create table units (
  id uuid primary key,
  call_sign text not null unique,
  name text not null,
  kind text not null check (kind in ('fire_rescue', 'police_patrol', 'medical_liaison')),
  agency text not null,
  ward_code text,
  home_name text not null,
  home_lat double precision not null,
  home_lon double precision not null,
  status text not null default 'available' check (status in ('available', 'dispatched', 'en_route', 'on_scene', 'returning', 'off_duty')),
  lat double precision not null,
  lon double precision not null,
  status_since timestamptz not null,
  position_at timestamptz not null,
  current_incident_id uuid references incidents(id),
  is_demo boolean not null default false,
  created_at timestamptz not null
);
create index units_status_idx on units(kind, status);

create table incident_units (
  incident_id uuid not null references incidents(id),
  unit_id uuid not null references units(id),
  dispatched_at timestamptz not null,
  dispatched_by text not null,
  enroute_at timestamptz,
  on_scene_at timestamptz,
  cleared_at timestamptz,
  eta_seconds integer,
  distance_m double precision,
  primary key (incident_id, unit_id, dispatched_at)
);
create index incident_units_unit_idx on incident_units(unit_id) where cleared_at is null;

create table incident_timeline (
  incident_id uuid not null references incidents(id),
  seq integer not null check (seq >= 1),
  at timestamptz not null,
  actor text not null,
  action text not null,
  data jsonb not null,
  prev_hash text not null,
  hash text not null,
  primary key (incident_id, seq)
);

-- The timeline is evidence: rows may only be inserted. Any UPDATE, DELETE or TRUNCATE is refused.
create function incident_timeline_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'incident_timeline is append-only (% refused)', tg_op;
end;
$$;

create trigger incident_timeline_no_change before update or delete on incident_timeline
  for each row execute function incident_timeline_append_only();

create trigger incident_timeline_no_truncate before truncate on incident_timeline
  for each statement execute function incident_timeline_append_only();

create table public_warnings (
  id uuid primary key,
  identifier text not null unique,
  incident_id uuid references incidents(id),
  ward_codes text[] not null default '{}',
  status text not null,
  headline text not null,
  xml text not null,
  created_by text not null,
  created_at timestamptz not null
);
