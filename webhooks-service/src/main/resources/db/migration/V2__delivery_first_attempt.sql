-- The retry window of a delivery counts from its first attempt, not from when it was queued: a delivery that
-- waited behind an earlier one of its aggregate still gets its full retries.
alter table webhook_delivery add column first_attempt_at timestamptz;
