-- Expired idempotency keys and old consumed-event ids are deleted in the background (Retention): by age.
create index idempotency_key_created_at on idempotency_key (created_at);
create index processed_event_processed_at on processed_event (processed_at);
