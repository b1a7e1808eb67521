-- Long work (imports, re-ranking, fits, large pairing rounds) runs as jobs: their state and progress are
-- here, so a client can follow one and a restart cannot make one silently vanish. Applied out of order
-- in databases that already hold the services' own migrations (quarkus.flyway.out-of-order).
create table job (
  id               uuid primary key,
  kind             varchar(50)  not null,
  state            varchar(20)  not null,  -- QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
  done             bigint       not null default 0,
  total            bigint       not null default 0,
  result           jsonb,
  error            text,
  requested_by     varchar(200) not null,
  cancel_requested boolean      not null default false,
  created_at       timestamptz  not null,
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz  not null,
  version          bigint       not null
);
create index job_unfinished on job (state) where state in ('QUEUED', 'RUNNING');
