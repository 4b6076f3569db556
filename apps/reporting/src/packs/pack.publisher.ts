import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { describeKafkaError, KAFKA, LazyProducer, type KafkaClient } from '@kt/bus';
import { encodeEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';
import type { PackSigner } from '@kt/pack';

/** Reporting's pack signer (`KT_PACK_SIGNING_KEY_FILE`), or null when none is configured. */
export const PACK_SIGNER = Symbol('kt.reporting.pack-signer');

/**
 * Publishes applied packs, keyed by pack name (compaction keeps the latest per name), signed with
 * reporting's key: gateways apply a pack from the topic only with a signature they can verify.
 */
@Injectable()
export class PackPublisher extends LazyProducer implements OnApplicationShutdown {
  private readonly logger = new Logger('packs');

  constructor(
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(PACK_SIGNER) private readonly signer: PackSigner | null,
  ) {
    super(kafka);
    if (signer === null)
      this.logger.warn(
        'KT_PACK_SIGNING_KEY_FILE is not set: packs are published unsigned and gateways with a verify key will refuse them',
      );
    else this.logger.log(`packs are signed with key ${signer.keyId}`);
  }

  async publish(event: PackApplied): Promise<void> {
    const signed = this.signer === null ? event : this.signer.sign(event);
    try {
      await this.send(PACK_EVENTS_TOPIC, [{ key: event.pack.name, value: encodeEvent(signed) }]);
    } catch (error) {
      // A refused login or a missing ACL reads as such in the log, not as a retry count.
      this.logger.error(`pack ${event.pack.name}@${event.pack.version} not published: ${describeKafkaError(error, PACK_EVENTS_TOPIC)}`);
      throw error;
    }
  }
}
