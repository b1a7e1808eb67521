-- clusters-service schema: the city projection, clusters and their members, organisations,
-- exchanges and post-exchange survey responses. Enum-valued columns hold the Java constant names.

-- Cities known from city-events (never written by this service's API).
create table known_city (
  id              uuid primary key,
  name            varchar(200) not null,
  country         varchar(2),
  retired         boolean      not null default false,
  profile_version bigint       not null,
  updated_at      timestamptz  not null
);

create table cluster (
  id          uuid primary key,
  slug        varchar(100) not null unique,
  name        varchar(300) not null,
  description text,
  status      varchar(20)  not null,
  launched_at timestamptz  not null,
  -- true once ClusterLaunched sits in the outbox; seeded clusters are announced at first start
  announced   boolean      not null default false,
  version     bigint       not null,
  updated_at  timestamptz  not null
);

create table cluster_area (
  cluster_id uuid        not null references cluster (id),
  area       varchar(40) not null,
  primary key (cluster_id, area)
);

create table organisation (
  id         uuid primary key,
  name       varchar(300) not null,
  kind       varchar(30)  not null,
  country    varchar(2),
  website    varchar(500),
  version    bigint       not null,
  created_at timestamptz  not null,
  updated_at timestamptz  not null
);
create unique index organisation_name_unique on organisation (lower(name));

create table membership (
  id          uuid primary key,
  cluster_id  uuid         not null references cluster (id),
  member_kind varchar(20)  not null,
  member_id   uuid         not null,
  member_name varchar(300) not null,
  role        varchar(20)  not null,
  joined_at   timestamptz  not null,
  left_at     timestamptz,
  version     bigint       not null
);
-- a member belongs to a cluster at most once at a time; history keeps earlier memberships
create unique index membership_active_unique on membership (cluster_id, member_kind, member_id) where left_at is null;
create index membership_member on membership (member_kind, member_id);

create table exchange (
  id                  uuid primary key,
  title               varchar(300) not null,
  format              varchar(30)  not null,
  start_date          date         not null,
  end_date            date         not null,
  cluster_id          uuid references cluster (id),
  status              varchar(20)  not null,
  outcome_notes       text,
  cancellation_reason text,
  held_at             timestamptz,
  cancelled_at        timestamptz,
  version             bigint       not null,
  created_at          timestamptz  not null,
  updated_at          timestamptz  not null
);
create index exchange_cluster on exchange (cluster_id);
create index exchange_dates on exchange (start_date, end_date);

create table exchange_facilitator (
  exchange_id     uuid not null references exchange (id),
  organisation_id uuid not null references organisation (id),
  primary key (exchange_id, organisation_id)
);

create table exchange_participant (
  exchange_id uuid not null references exchange (id),
  city_id     uuid not null,
  primary key (exchange_id, city_id)
);
create index exchange_participant_city on exchange_participant (city_id);

create table exchange_topic (
  exchange_id uuid        not null references exchange (id),
  area        varchar(40) not null,
  primary key (exchange_id, area)
);

create table survey_response (
  id                uuid primary key,
  exchange_id       uuid        not null references exchange (id),
  city_id           uuid        not null,
  wants_partnership boolean     not null,
  rating            integer     not null check (rating between 1 and 5),
  comment           text,
  recorded_at       timestamptz not null,
  version           bigint      not null,
  -- one response per participating city and exchange
  unique (exchange_id, city_id)
);

create table survey_interest (
  response_id         uuid        not null references survey_response (id),
  position            integer     not null,
  area                varchar(40) not null,
  stance              varchar(20) not null,
  intent              varchar(30) not null,
  -- '|'-separated lists; empty means any
  preferred_regions   text        not null,
  preferred_countries text        not null,
  primary key (response_id, position)
);
