import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, LazyProducer, type KafkaClient } from '@kt/bus';
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
  constructor(
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(PACK_SIGNER) private readonly signer: PackSigner | null,
  ) {
    super(kafka);
    const logger = new Logger('packs');
    if (signer === null)
      logger.warn(
        'KT_PACK_SIGNING_KEY_FILE is not set: packs are published unsigned and gateways with a verify key will refuse them',
      );
    else logger.log(`packs are signed with key ${signer.keyId}`);
  }

  publish(event: PackApplied): Promise<void> {
    const signed = this.signer === null ? event : this.signer.sign(event);
    return this.send(PACK_EVENTS_TOPIC, [{ key: event.pack.name, value: encodeEvent(signed) }]);
  }
}
