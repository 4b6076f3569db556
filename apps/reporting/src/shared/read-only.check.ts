import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from '@kt/persistence';
import { ReadinessService } from '@kt/service';

/** The tables reporting must be unable to change. */
const GUARDED_TABLES = ['ledger_entries', 'spend_hourly', 'budgets'] as const;

export type ReadOnlyVerdict =
  { readonly readOnly: true } | { readonly readOnly: false; readonly role: string; readonly table: string };

/** Asks Postgres whether the connected role can write any guarded table (inherited grants count). */
export async function checkReadOnly(ds: DataSource): Promise<ReadOnlyVerdict> {
  for (const table of GUARDED_TABLES) {
    const [row] = await ds.query<{ role: string; writable: boolean }[]>(
      `SELECT current_user AS role, has_table_privilege(current_user, $1, 'INSERT,UPDATE,DELETE,TRUNCATE') AS writable`,
      [table],
    );
    if (row !== undefined && row.writable) return { readOnly: false, role: row.role, table };
  }
  return { readOnly: true };
}

/**
 * Adds `read-only-database` to /readyz: reporting refuses to be ready while its database role could
 * write the ledger (e.g. it was given the ledger's own URL), and says why in its log.
 */
@Injectable()
export class ReadOnlyDatabaseCheck implements OnModuleInit {
  private readonly logger = new Logger('ReadOnlyDatabase');
  private lastMessage: string | undefined;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register('read-only-database', () => this.check());
  }

  private async check(): Promise<boolean> {
    let message: string | undefined;
    try {
      const verdict = await checkReadOnly(this.ds);
      if (!verdict.readOnly) {
        message =
          `not ready: database role '${verdict.role}' can write ${verdict.table}; reporting needs a login that is ` +
          `only a member of kt_reporting_read (see docs/reporting.md, "Read-only database role")`;
      }
    } catch (error) {
      message = `not ready: cannot check the ledger tables (${error instanceof Error ? error.message : String(error)}); has the ledger migrated this database?`;
    }
    if (message !== this.lastMessage && message !== undefined) this.logger.error(message);
    if (message === undefined && this.lastMessage !== undefined)
      this.logger.log('database role is read-only');
    this.lastMessage = message;
    return message === undefined;
  }
}
