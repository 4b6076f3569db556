import type { MigrationInterface, QueryRunner } from '@kt/persistence';

/** The NOLOGIN role reporting's login is a member of: it may read the ledger, never write it. */
export const REPORTING_READ_ROLE = 'kt_reporting_read';

/**
 * Creates `kt_reporting_read` (roles are cluster-wide, so only if missing, tolerating a concurrent
 * creator), grants it SELECT on every ledger table and, through default privileges, on every table
 * the ledger creates later (monthly partitions, rebuilt tables). Operators grant it to a login role.
 */
export class ReportingRole1764000000003 implements MigrationInterface {
  readonly name = 'ReportingRole1764000000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REPORTING_READ_ROLE}') THEN
          CREATE ROLE ${REPORTING_READ_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END $$`);
    await runner.query(`GRANT USAGE ON SCHEMA public TO ${REPORTING_READ_ROLE}`);
    await runner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${REPORTING_READ_ROLE}`);
    await runner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${REPORTING_READ_ROLE}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // The role itself stays: other databases of the cluster may still grant it.
    await runner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM ${REPORTING_READ_ROLE}`,
    );
    await runner.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM ${REPORTING_READ_ROLE}`);
    await runner.query(`REVOKE USAGE ON SCHEMA public FROM ${REPORTING_READ_ROLE}`);
  }
}
