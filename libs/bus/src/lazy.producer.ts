import type { BusClient } from './bus.client.js';
import type { BusMessage } from './bus.types.js';
import { createProducer, type BusProducer } from './event.producer.js';

/**
 * An idempotent producer connected on first send and disconnected on shutdown, for services that
 * publish now and then (an API call) and must start while Kafka is away. Nest services extend it
 * with an `@Injectable()` class that injects `KAFKA`; `onApplicationShutdown` is Nest's hook.
 */
export class LazyProducer {
  private readonly producer: BusProducer;
  private connected: Promise<void> | undefined;

  constructor(kafka: BusClient) {
    this.producer = createProducer(kafka);
  }

  /** Resolves once every in-sync replica has the messages. */
  async send(topic: string, messages: readonly BusMessage[]): Promise<void> {
    await this.connect();
    await this.producer.send(topic, messages);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected !== undefined) await this.producer.disconnect().catch(() => undefined);
  }

  private connect(): Promise<void> {
    // A failed connect is forgotten so the next send tries again.
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
