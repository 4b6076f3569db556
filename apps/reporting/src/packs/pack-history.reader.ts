import { Inject, Injectable, Logger } from '@nestjs/common';
import { highWatermarks, KAFKA, replayTopic, type BusClient } from '@kt/bus';
import { decodePackEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';
import { newestFirst, type HistoryEntry } from './pack.view.js';

/**
 * The config audit trail, read from `kt.pack-events.v1` itself (compaction waits a year, so every
 * applied version is there) up to the watermarks of the moment of the request.
 */
@Injectable()
export class PackHistoryReader {
  private readonly logger = new Logger('packs');

  constructor(@Inject(KAFKA) private readonly kafka: BusClient) {}

  /** Applied packs, newest first, optionally of one name. */
  async history(name?: string): Promise<PackApplied[]> {
    const entries: HistoryEntry[] = [];
    const until = await highWatermarks(this.kafka, PACK_EVENTS_TOPIC);
    await replayTopic(this.kafka, PACK_EVENTS_TOPIC, until, async (partition, messages) => {
      for (const message of messages) {
        const decoded = decodePackEvent(message.value);
        if (decoded.ok) entries.push({ event: decoded.value, partition, offset: BigInt(message.offset) });
        else this.logger.warn(`skipped a malformed pack event at ${partition}:${message.offset}: ${decoded.reason}`);
      }
    });
    return newestFirst(entries, name);
  }
}
