import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createProducer, KAFKA, type BusProducer, type KafkaClient } from '@kt/bus';
import { encodeEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';

/** Publishes applied packs, keyed by pack name (compaction keeps the latest per name). */
@Injectable()
export class PackPublisher implements OnApplicationShutdown {
  private readonly producer: BusProducer;
  private connected: Promise<void> | undefined;

  constructor(@Inject(KAFKA) kafka: KafkaClient) {
    this.producer = createProducer(kafka);
  }

  async publish(event: PackApplied): Promise<void> {
    await this.connect();
    await this.producer.send(PACK_EVENTS_TOPIC, [{ key: event.pack.name, value: encodeEvent(event) }]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected !== undefined) await this.producer.disconnect().catch(() => undefined);
  }

  private connect(): Promise<void> {
    // A failed connect is forgotten so the next apply tries again.
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
