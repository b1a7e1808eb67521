-- JSON lists are stored as jsonb, as in the other services, and mapped by Hibernate (no hand-written JSON).
alter table mm_city
  alter column world_heritage drop default, alter column world_heritage type jsonb using world_heritage::jsonb,
  alter column world_heritage set default '[]',
  alter column associations drop default, alter column associations type jsonb using associations::jsonb,
  alter column associations set default '[]',
  alter column partners drop default, alter column partners type jsonb using partners::jsonb,
  alter column partners set default '[]';

alter table mm_interest
  alter column preferred_regions drop default,
  alter column preferred_regions type jsonb using preferred_regions::jsonb,
  alter column preferred_regions set default '[]',
  alter column preferred_countries drop default,
  alter column preferred_countries type jsonb using preferred_countries::jsonb,
  alter column preferred_countries set default '[]';

alter table mm_exchange
  alter column participants drop default, alter column participants type jsonb using participants::jsonb,
  alter column participants set default '[]';

alter table mm_proposal alter column reasons type jsonb using reasons::jsonb;

alter table mm_pairing_round
  alter column request type jsonb using request::jsonb,
  alter column result type jsonb using result::jsonb;
