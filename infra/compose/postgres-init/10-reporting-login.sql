-- Reporting's read-only login for docker-compose.yml, as `kt up` makes it (apps/cli/src/up/reporting-login.ts):
-- `kt_reporting`, a member of `kt_reporting_read` only. The ledger's migration grants that role SELECT
-- on the ledger tables later and keeps the role when it exists, so this creates it first, empty.
-- PostgreSQL runs this once, when it initialises an empty data volume.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kt_reporting_read') THEN
    CREATE ROLE kt_reporting_read NOLOGIN;
  END IF;
END $$;

CREATE ROLE kt_reporting LOGIN PASSWORD 'kt_reporting' NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT
  IN ROLE kt_reporting_read;
