-- pgbench: what one GET /api/v1/cities/{id} asks PostgreSQL (the city row by id, then its partners),
-- with a random id of the loaded cities (bench.city_ids numbers them 1..:ncities).
\set n random(1, :ncities)
SELECT c.* FROM city c WHERE c.id = (SELECT id FROM bench.city_ids WHERE n = :n);
SELECT p.* FROM city_partner p WHERE p.city_id = (SELECT id FROM bench.city_ids WHERE n = :n);
