import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** The login role reporting connects as; a member of the ledger migration's `kt_reporting_read` only. */
export const REPORTING_LOGIN = 'kt_reporting';
const READ_ROLE = 'kt_reporting_read';

/**
 * Makes `kt_reporting` a login (password `password`) that inherits only `kt_reporting_read`, and
 * returns `adminUrl` rewritten to connect as it. Run it after the ledger migrated the database; it
 * is idempotent and tolerates another process creating the role at the same moment.
 */
export async function ensureReportingLogin(adminUrl: string, password: string): Promise<string> {
  // Role catalogs are cluster-wide: concurrent ALTER/GRANT from other databases can fail with
  // "tuple concurrently updated", which a retry resolves.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await applyLogin(adminUrl, password);
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(100 * attempt);
    }
  }
  const url = new URL(adminUrl);
  url.username = REPORTING_LOGIN;
  url.password = password;
  return url.toString();
}

async function applyLogin(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const quoted = client.escapeLiteral(password);
    await client.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REPORTING_LOGIN}') THEN
          CREATE ROLE ${REPORTING_LOGIN} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END $$`);
    await client.query(`ALTER ROLE ${REPORTING_LOGIN} WITH LOGIN PASSWORD ${quoted}`);
    const [member] = (
      await client.query<{ member: boolean }>(
        `SELECT pg_has_role('${REPORTING_LOGIN}', '${READ_ROLE}', 'MEMBER') AS member`,
      )
    ).rows;
    if (member?.member !== true) await client.query(`GRANT ${READ_ROLE} TO ${REPORTING_LOGIN}`);
  } finally {
    await client.end();
  }
}
