import { Inject, Injectable } from '@nestjs/common';
import { KAFKA, type KafkaClient, replayTopic } from '@kt/bus';
import { decodeRouteEvent } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { LEDGER_SETTINGS, type LedgerSettings } from '../projection/ledger.settings.js';
import {
  applyRow,
  describeDifference,
  diffRollups,
  LIVE_TABLES,
  readSpendRows,
  type SpendRow,
  toEntryRow,
} from '@kt/spend';

export interface VerifyReport {
  readonly equal: boolean;
  /** Distinct route events recomputed from the topic, up to the live checkpoints. */
  readonly events: number;
  readonly rows: number;
  /** Readable differences (`… cost_micro_usd expected 10 got 12`), at most 100. */
  readonly differences: readonly string[];
  readonly difference_count: number;
}

/**
 * Recomputes every rollup row from the topic, up to the checkpoints the live projection holds,
 * and compares with `spend_hourly`. Checkpoints and rows are read in one REPEATABLE READ snapshot,
 * so both sides describe the same instant however many ledger replicas keep projecting meanwhile.
 */
@Injectable()
export class LedgerVerifier {
  constructor(
    private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
  ) {}

  async verify(): Promise<VerifyReport> {
    const { topic, consumerGroup } = this.settings;
    const { until, actual } = await this.ds.transaction('REPEATABLE READ', async (em) => {
      const checkpoints = (await em.query(
        `SELECT partition, next_offset::text AS next FROM ${LIVE_TABLES.offsets} WHERE consumer = $1 AND topic = $2`,
        [consumerGroup, topic],
      )) as { partition: number; next: string }[];
      return {
        until: new Map(checkpoints.map((c) => [c.partition, BigInt(c.next)])),
        actual: await readSpendRows(em, LIVE_TABLES.rollup),
      };
    });
    const expected = new Map<string, SpendRow>();
    const seen = new Set<string>();
    await replayTopic(this.kafka, topic, until, (_partition, messages) => {
      for (const m of messages) {
        const decoded = m.value === null ? null : decodeRouteEvent(m.value);
        // Event ids are uuids: the projection's de-dup ignores their case, so this one does too.
        const id = decoded?.ok ? decoded.value.event_id.toLowerCase() : undefined;
        if (!decoded?.ok || id === undefined || seen.has(id)) continue;
        seen.add(id);
        applyRow(expected, toEntryRow(decoded.value));
      }
      return Promise.resolve();
    });
    const differences = diffRollups([...expected.values()], actual);
    return {
      equal: differences.length === 0,
      events: seen.size,
      rows: actual.length,
      differences: differences.slice(0, 100).map(describeDifference),
      difference_count: differences.length,
    };
  }
}
