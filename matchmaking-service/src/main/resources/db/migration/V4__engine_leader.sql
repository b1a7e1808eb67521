-- Where the instance that leads the matchmaking engine answers: the other instances forward the requests
-- that change the engine to it. One row, rewritten by each new leader.
create table mm_engine_leader (
    singleton boolean primary key default true check (singleton),
    instance_url varchar(300) not null,
    elected_at timestamptz not null
);
