-- Read model of matchmaking, built only from city-events and cluster-events.

create table mm_city (
  id              uuid primary key,
  name            varchar(200),
  country         varchar(2),
  region          varchar(100),
  sub_region      varchar(100),
  population      bigint,
  latitude        double precision,
  longitude       double precision,
  world_heritage  text         not null default '[]',  -- JSON array of site names
  associations    text         not null default '[]',  -- JSON array
  partners        text         not null default '[]',  -- JSON array of city ids, from the city's profile
  retired         boolean      not null default false,
  profile_version bigint       not null default 0,
  version         bigint       not null,
  updated_at      timestamptz  not null
);

create table mm_interest (
  id                  uuid primary key,
  city_id             uuid         not null,
  area                varchar(50)  not null,
  stance              varchar(20)  not null,
  intent              varchar(30)  not null,
  preferred_regions   text         not null default '[]',
  preferred_countries text         not null default '[]',
  expressed_at        timestamptz  not null,
  version             bigint       not null
);
create index mm_interest_city on mm_interest (city_id);

create table mm_cluster (
  id      uuid primary key,
  name    varchar(300) not null,
  version bigint       not null
);

create table mm_membership (
  cluster_id uuid not null,
  city_id    uuid not null,
  primary key (cluster_id, city_id)
);

create table mm_exchange (
  id           uuid primary key,
  title        varchar(300),
  start_date   date,
  held         boolean not null,
  participants text    not null default '[]',  -- JSON array of city ids
  version      bigint  not null
);

create table mm_survey_answer (
  exchange_id       uuid    not null,
  city_id           uuid    not null,
  wants_partnership boolean not null,
  rating            integer not null,
  primary key (exchange_id, city_id)
);

-- Proposals: one row per unordered pair and kind (id = PairIds), city_a the lower id.
create table mm_proposal (
  id          uuid primary key,
  city_a      uuid         not null,
  city_b      uuid         not null,
  kind        varchar(20)  not null,
  area        varchar(50),
  score       double precision not null,
  reasons     text         not null,  -- JSON array of {code, text, contribution}
  status      varchar(20)  not null,
  accepted_by_a boolean    not null default false,
  accepted_by_b boolean    not null default false,
  decided_by  uuid,
  origin      varchar(20)  not null,  -- RANKING or PAIRING_ROUND
  created_at  timestamptz  not null,
  updated_at  timestamptz  not null,
  version     bigint       not null
);
create index mm_proposal_pair on mm_proposal (city_a, city_b);
create index mm_proposal_city_b on mm_proposal (city_b);
create index mm_proposal_status on mm_proposal (status);

create table mm_partnership (
  id          uuid primary key,
  pair_id     uuid         not null unique,
  city_a      uuid         not null,
  city_b      uuid         not null,
  kind        varchar(20)  not null,
  area        varchar(50),
  formed_on   date         not null,
  source      varchar(500) not null,
  proposal_id uuid,
  recorded_at timestamptz  not null,
  version     bigint       not null
);
create index mm_partnership_a on mm_partnership (city_a);
create index mm_partnership_b on mm_partnership (city_b);

create table mm_pairing_round (
  id          uuid primary key,
  method      varchar(20)  not null,
  kind        varchar(20)  not null,
  area        varchar(50),
  capacity    integer      not null,
  request     text         not null,  -- JSON of the request
  result      text         not null,  -- JSON of pairs, unmatched cities and total
  total_score double precision not null,
  proposals_created boolean not null default false,
  created_at  timestamptz  not null,
  version     bigint       not null
);
