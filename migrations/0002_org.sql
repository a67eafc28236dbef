-- Organisation: Hanoi's commune-level units since 1/7/2025, the city police and one police unit per unit,
-- the former (pre-1/7/2025) units and the old -> new mapping of NQ 1656/NQ-UBTVQH15.
-- Reference rows are seeded on every start from src/org/data (idempotent upsert, see src/org/org.repository.ts).
-- Codes: wards.code and *.new_code are CV 1027 codes (since 1/7/2025); former_units.old_code and
-- ward_transfers.old_code are GSO codes from before the reform. The two systems overlap; never compare across them.

create table wards (
  code text primary key check (code ~ '^[0-9]{5}$'),
  name text not null unique,
  type text not null check (type in ('phường', 'xã')),
  short_name text not null,
  admin_center text not null,
  lat double precision not null,
  lon double precision not null,
  area_km2 double precision not null,
  population integer not null,
  clause integer not null unique,
  clause_text text not null,
  cv1027_row integer not null
);

create table police_units (
  id text primary key,
  name text not null,
  level text not null check (level in ('city', 'ward')),
  ward_code text unique references wards(code),
  address text,
  phone text,
  note text,
  is_demo boolean not null default false,
  updated_by text,
  updated_at timestamptz not null default now(),
  check ((level = 'ward') = (ward_code is not null))
);

create table former_units (
  old_code text primary key check (old_code ~ '^[0-9]{5}$'),
  type text not null check (type in ('phường', 'xã', 'thị trấn')),
  name text not null,
  short_name text not null,
  district_code text not null,
  district_name text not null
);
create index former_units_district_idx on former_units(district_code);

create table ward_transfers (
  old_code text not null references former_units(old_code),
  new_code text not null references wards(code),
  relation text not null check (relation in ('full', 'partial')),
  wording text not null check (wording in ('toan_bo', 'mot_phan', 'mot_phan_dien_tich', 'mot_phan_dien_tich_toan_bo_dan_so', 'phan_con_lai')),
  remainder_after_clauses integer[] not null default '{}',
  clause integer not null,
  primary key (old_code, new_code)
);
create index ward_transfers_new_idx on ward_transfers(new_code);
