-- The city directory. Lists that are always read with their city (languages, heritage assets,
-- associations, officials) are JSON documents in the row; interests and partners are tables because
-- they are filtered on and change on their own.

create table city (
  id              uuid primary key,
  name            varchar(200) not null,
  local_name      varchar(200),
  country         varchar(2)   not null,
  region          varchar(100) not null,
  sub_region      varchar(100) not null,
  population      bigint check (population >= 0),
  latitude        double precision check (latitude between -90 and 90),
  longitude       double precision check (longitude between -180 and 180),
  languages       jsonb        not null default '[]',
  description     text,
  heritage_assets jsonb        not null default '[]',
  associations    jsonb        not null default '[]',
  officials       jsonb        not null default '[]',
  retired         boolean      not null default false,
  version         bigint       not null,
  created_at      timestamptz  not null,
  updated_at      timestamptz  not null
);
-- same name in the same country is the same city (case-insensitive), retired or not
create unique index city_name_country on city (lower(name), country);
create index city_country on city (country);
create index city_region on city (region);

create table interest (
  id           uuid primary key,
  city_id      uuid         not null references city (id),
  area         varchar(50)  not null,
  stance       varchar(20)  not null,
  intent       varchar(30)  not null,
  preferences  jsonb        not null default '{}',
  note         varchar(1000),
  source       varchar(100) not null,
  expressed_at timestamptz  not null,
  withdrawn_at timestamptz
);
-- one active interest per (area, stance, intent) per city
create unique index interest_active on interest (city_id, area, stance, intent) where withdrawn_at is null;
create index interest_area on interest (area, stance) where withdrawn_at is null;

-- partnerships formed (announced by matchmaking-service), one row per side
create table city_partner (
  id             uuid primary key,
  city_id        uuid        not null references city (id),
  partner_id     uuid        not null,
  partnership_id uuid        not null,
  kind           varchar(20) not null,
  area           varchar(50),
  formed_on      date        not null,
  unique (city_id, partnership_id)
);
