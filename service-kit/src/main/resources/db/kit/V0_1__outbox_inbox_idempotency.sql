-- Tables every service has: the transactional outbox, the ids of consumed events, and the stored
-- responses of Idempotency-Key requests. Versioned below the services' own migrations (V1+).

create table outbox_event (
  seq          bigint generated always as identity primary key,
  event_id     varchar(64)  not null unique,
  type         varchar(200) not null,
  source       varchar(200) not null,
  topic        varchar(200) not null,
  record_key   varchar(100) not null,
  payload      text         not null,
  occurred_at  timestamptz  not null,
  published_at timestamptz
);
-- the relay reads unpublished events in order
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

create table processed_event (
  event_id     varchar(64)  primary key,
  type         varchar(200) not null,
  processed_at timestamptz  not null
);

create table idempotency_key (
  scope       varchar(300) not null,
  key         varchar(200) not null,
  fingerprint varchar(64)  not null,
  status      integer,
  location    varchar(500),
  etag        varchar(100),
  body        text,
  created_at  timestamptz  not null,
  primary key (scope, key)
);
