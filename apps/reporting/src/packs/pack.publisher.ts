import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  classifySendError,
  describeKafkaError,
  KAFKA,
  LazyProducer,
  RecordLimits,
  type BusClient,
  type LimitCheck,
  type PublishRecord,
} from '@kt/bus';
import { encodeEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';
import type { PackSigner } from '@kt/pack';
import { packEventTooLarge, packNotPublished } from './packs.errors.js';

/** Reporting's pack signer (`KT_PACK_SIGNING_KEY_FILE`), or null when none is configured. */
export const PACK_SIGNER = Symbol('kt.reporting.pack-signer');

/** How long asking the broker for the topic's `max.message.bytes` may take before its default is assumed. */
const LIMIT_PROBE_TIMEOUT_MS = 3_000;

/**
 * Publishes applied packs, keyed by pack name (compaction keeps the latest per name), signed with
 * reporting's key: gateways apply a pack from the topic only with a signature they can verify.
 */
@Injectable()
export class PackPublisher extends LazyProducer implements OnApplicationShutdown {
  private readonly logger = new Logger('packs');
  /** kt.pack-events.v1's record limit, from the broker (Kafka's default when it does not say). */
  private readonly limits = new RecordLimits(undefined);

  constructor(
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(PACK_SIGNER) private readonly signer: PackSigner | null,
  ) {
    super(kafka);
    if (signer === null)
      this.logger.warn(
        'KT_PACK_SIGNING_KEY_FILE is not set: packs are published unsigned and gateways with a verify key will refuse them',
      );
    else this.logger.log(`packs are signed with key ${signer.keyId}`);
  }

  /**
   * Publishes the signed event, or throws an HTTP answer: 413 when the event exceeds what the
   * topic accepts (checked before sending, and if the broker says so anyway), 503 when Kafka
   * does not take it. Never a 500: the pack was valid, the bus decides.
   */
  async publish(event: PackApplied): Promise<void> {
    const signed = this.signer === null ? event : this.signer.sign(event);
    const record = { topic: PACK_EVENTS_TOPIC, key: event.pack.name, value: encodeEvent(signed) };
    const fits = await this.checkSize(record);
    if (!fits.ok) throw packEventTooLarge(fits.bytes, fits.limit, PACK_EVENTS_TOPIC);
    try {
      await this.send(PACK_EVENTS_TOPIC, [{ key: record.key, value: record.value }]);
    } catch (error) {
      // A refused login or a missing ACL reads as such in the log, not as a retry count.
      this.logger.error(
        `pack ${event.pack.name}@${event.pack.version} not published: ${describeKafkaError(error, PACK_EVENTS_TOPIC)}`,
      );
      if (classifySendError(error).kind === 'record') {
        // The broker refused it for its size after all (its limit changed since it was asked).
        const bytes = record.value.length;
        throw packEventTooLarge(bytes, this.limits.limitFor(PACK_EVENTS_TOPIC), PACK_EVENTS_TOPIC);
      }
      throw packNotPublished(PACK_EVENTS_TOPIC);
    }
  }

  /**
   * The record against the topic's limit, asked of the broker at every apply: packs are applied
   * rarely, and a changed `max.message.bytes` counts at once. Unanswered, Kafka's default applies.
   */
  private async checkSize(record: PublishRecord): Promise<LimitCheck> {
    this.limits.expect([PACK_EVENTS_TOPIC]);
    await this.limits.learn(this.kafka, LIMIT_PROBE_TIMEOUT_MS).catch((error: unknown) => {
      this.logger.warn(
        `the record limit of ${PACK_EVENTS_TOPIC} is unknown, Kafka's default applies: ${describeKafkaError(error, PACK_EVENTS_TOPIC)}`,
      );
    });
    return this.limits.check(record);
  }
}
