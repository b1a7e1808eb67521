-- The W3C trace context of the transaction that appended the event (null while tracing is off); the relay
-- sends it as the record header traceparent, so a trace follows the fact into the consumers.
alter table outbox_event add column trace_parent varchar(64);
