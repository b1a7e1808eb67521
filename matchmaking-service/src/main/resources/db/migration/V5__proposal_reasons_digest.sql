-- A digest of each proposal's reasons, so that re-ranking compares digests instead of reading every changed
-- pair's reasons back (about 1.3 kB of JSON each). Proposals stored before it have none: their reasons are
-- compared once, the first time their pair changes, and the digest written then.
alter table mm_proposal add column reasons_digest bytea;
