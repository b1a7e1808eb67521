-- Subscriptions of partner systems, the platform's events kept for delivery and replay, the deliveries
-- (one per subscription and event, the unit of ordering and retry) and every attempt of each.

create table webhook_subscription (
    id                    uuid primary key,
    owner                 varchar(255) not null,   -- token subject of the partner system (or admin) that made it
    url                   varchar(2000) not null,
    event_types           varchar(2000) not null,  -- CloudEvents types, comma-separated
    mode                  varchar(16)  not null,   -- STRUCTURED or BINARY (CloudEvents HTTP binding)
    description           varchar(500),
    secret                varchar(100) not null,   -- whsec_…, signs every delivery
    previous_secret       varchar(100),            -- still signs (as a second signature) until previous_secret_until
    previous_secret_until timestamptz,
    status                varchar(16)  not null,   -- ACTIVE or PAUSED
    paused_reason         varchar(500),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    version               bigint       not null
);
create index webhook_subscription_owner on webhook_subscription (owner, created_at);

create table webhook_event (
    id          varchar(64)  primary key,        -- ce_id
    seq         bigserial    not null unique,    -- order of arrival: deliveries of one aggregate go in this order
    type        varchar(200) not null,
    source      varchar(200) not null,
    subject     varchar(100) not null,           -- the aggregate id (the record key)
    time        timestamptz  not null,
    data        text         not null,
    received_at timestamptz  not null
);
create index webhook_event_time on webhook_event (time);

create table webhook_delivery (
    id              uuid primary key,            -- the webhook-id header: the same on every attempt
    subscription_id uuid         not null references webhook_subscription (id) on delete cascade,
    event_id        varchar(64)  not null references webhook_event (id) on delete cascade,
    event_seq       bigint       not null,
    ordering_key    varchar(100) not null,       -- the event's aggregate: one at a time, in event_seq order
    status          varchar(16)  not null,       -- PENDING, DELIVERED or FAILED
    attempts        int          not null,
    next_attempt_at timestamptz,
    last_status     int,
    last_latency_ms int,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    delivered_at    timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_order on webhook_delivery (subscription_id, ordering_key, event_seq) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at);

create table webhook_attempt (
    id           bigserial primary key,
    delivery_id  uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  int,                           -- none when no answer came (refused target, timeout, connection)
    latency_ms   int         not null,
    error        varchar(500)
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempted_at);
