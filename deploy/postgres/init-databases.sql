-- One database per service (no service reads another's), and one for Keycloak.
-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
CREATE DATABASE cities;
CREATE DATABASE clusters;
CREATE DATABASE matchmaking;
CREATE DATABASE webhooks;
CREATE DATABASE keycloak;
