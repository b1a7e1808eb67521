-- The type of the consumed event that caused the change, where the producer states it (null for API requests);
-- the relay sends it as the CloudEvents extension ce_cause, so consumers can pass over restatements unread.
alter table outbox_event add column cause varchar(200);
