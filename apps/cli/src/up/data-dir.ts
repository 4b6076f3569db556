// Everything `kt up` keeps between runs lives under one folder (`--data-dir`, default `.kt/up`):
// wiping it must wipe all of it, so that no spool, checkpoint or key outlives the event log it
// belongs to.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DataDirLayout {
  readonly root: string;
  /** Kafka's log and metadata (KRaft). */
  readonly kafka: string;
  /** PostgreSQL's data directory: the ledger's rows and its checkpoints into the Kafka log. */
  readonly postgres: string;
  /** One spool per publishing service: records waiting for Kafka. */
  readonly spool: { readonly gateway: string; readonly prober: string };
  /** Every child's output, one file per name. */
  readonly logs: string;
  /** The pack-signing key pair. */
  readonly keys: string;
  /** Per-data-dir secrets (mode 0600). */
  readonly credentials: string;
  /** Pids and URLs of the running suite, for scripts and tests. */
  readonly state: string;
}

export function dataDirLayout(dir: string): DataDirLayout {
  const root = resolve(dir);
  return {
    root,
    kafka: join(root, 'kafka'),
    postgres: join(root, 'postgres'),
    spool: { gateway: join(root, 'spool', 'gateway'), prober: join(root, 'spool', 'prober') },
    logs: join(root, 'logs'),
    keys: join(root, 'keys'),
    credentials: join(root, 'credentials.json'),
    state: join(root, 'up.json'),
  };
}

/** Kafka was formatted here before (KRaft writes meta.properties once). */
export function hasKafkaData(layout: DataDirLayout): boolean {
  return existsSync(join(layout.kafka, 'data', 'meta.properties'));
}

/** PostgreSQL was initialised here before. */
export function hasPostgresData(layout: DataDirLayout): boolean {
  return existsSync(join(layout.postgres, 'PG_VERSION'));
}

/**
 * The ledger's checkpoints in PostgreSQL only mean something against the Kafka log they were taken
 * from. When `kt up` runs both, a data dir holding one without the other would pair a fresh log
 * with old checkpoints (or old events with an empty ledger): refuse, and say how to get out.
 */
export function assertConsistent(layout: DataDirLayout): void {
  const kafka = hasKafkaData(layout);
  const postgres = hasPostgresData(layout);
  if (kafka === postgres) return;
  const [has, lacks] = kafka ? ['Kafka', 'PostgreSQL'] : ['PostgreSQL', 'Kafka'];
  throw new Error(
    `the data dir ${layout.root} holds ${has}'s data but no ${lacks} data: the ledger's checkpoints ` +
      `and the event log would no longer belong together. Delete ${layout.root} (or choose another ` +
      `--data-dir) to start fresh, or restore the missing ${lacks} data into it.`,
  );
}

export function createFolders(layout: DataDirLayout): void {
  for (const dir of [layout.root, layout.logs, layout.keys, layout.spool.gateway, layout.spool.prober]) {
    mkdirSync(dir, { recursive: true });
  }
}
