-- Events caused by an API request carry the acting subject (CloudEvents extension ce_actor).
alter table outbox_event add column actor varchar(200);
