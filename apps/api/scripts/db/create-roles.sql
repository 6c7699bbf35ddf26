-- Two roles for the shortlinks database, run once by an administrator:
--   psql "$ADMIN_URL/shortlinks_db" -v owner=shortlinks_owner -v app=shortlinks_app -v db=shortlinks_db -f create-roles.sql
-- owner: owns the schema and runs the migrations (DATABASE_MIGRATION_URL).
-- app:   what the API runs as (DATABASE_URL): reads and writes rows, cannot change the schema.
-- Passwords are set apart, never in this file: ALTER ROLE ... PASSWORD '...' (or IAM auth on RDS).
\set ON_ERROR_STOP on

CREATE ROLE :"owner" LOGIN;
CREATE ROLE :"app" LOGIN;

GRANT CONNECT ON DATABASE :"db" TO :"owner", :"app";
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app";

-- Every table and sequence the owner creates from now on (the migrations) is open to the app for
-- DML only: no DROP, ALTER, TRUNCATE or CREATE.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app";
