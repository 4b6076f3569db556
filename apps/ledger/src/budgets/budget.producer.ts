import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createProducer, KAFKA, type BusProducer, type KafkaClient, type Message } from '@kt/bus';

/** The ledger's budget producer: connected on first use, every send acknowledged by all replicas. */
@Injectable()
export class BudgetProducer implements OnApplicationShutdown {
  private readonly producer: BusProducer;
  private connected: Promise<void> | undefined;

  constructor(@Inject(KAFKA) kafka: KafkaClient) {
    this.producer = createProducer(kafka);
  }

  async send(topic: string, messages: readonly Message[]): Promise<void> {
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
