-- Cities' official languages (from their profiles), for the shared-language feature.
alter table mm_city add column languages jsonb not null default '[]';

-- Versions of the matchmaking model: the weights of its features and what was learned with them (how
-- often the cities of two countries twin). One is active; the first comes from configuration.
create table mm_model (
  version       integer primary key,
  weights       jsonb        not null,  -- feature key to weight
  country_pairs jsonb        not null,  -- "DE-FR" to the number of partnerships
  source        varchar(20)  not null,  -- CONFIGURATION or FIT
  report        jsonb,                  -- how it was fitted and evaluated
  active        boolean      not null default false,
  created_at    timestamptz  not null,
  activated_at  timestamptz,
  row_version   bigint       not null
);
create unique index mm_model_one_active on mm_model (active) where active;
