import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, LazyProducer, type KafkaClient } from '@kt/bus';
import { encodeEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';

/** Publishes applied packs, keyed by pack name (compaction keeps the latest per name). */
@Injectable()
export class PackPublisher extends LazyProducer implements OnApplicationShutdown {
  constructor(@Inject(KAFKA) kafka: KafkaClient) {
    super(kafka);
  }

  publish(event: PackApplied): Promise<void> {
    return this.send(PACK_EVENTS_TOPIC, [{ key: event.pack.name, value: encodeEvent(event) }]);
  }
}
