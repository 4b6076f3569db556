import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { KAFKA, startBatchConsumer, type BatchConsumer, type KafkaClient } from '@kt/bus';
import {
  BUDGET_EVENTS_TOPIC,
  createDeadLetter,
  deadLetterKey,
  DEAD_LETTER_TOPIC,
  decodeBudgetEvent,
  encodeEvent,
} from '@kt/contracts';
import { BudgetBookStore, type ConsumedBudgetEvent } from './budget-book.store.js';
import { BudgetProducer } from './budget.producer.js';
import { BudgetEvaluator } from './budget.evaluator.js';
import { BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';

/**
 * Follows `kt.budget-events.v1` into the `budgets` table. Offsets live in Postgres with the rows,
 * so the group never commits and re-reads from the start: an empty database is rebuilt from the log.
 */
@Injectable()
export class BudgetEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('budgets');
  private consumer: BatchConsumer | undefined;
  private stopping = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    private readonly book: BudgetBookStore,
    private readonly producer: BudgetProducer,
    private readonly evaluator: BudgetEvaluator,
    @Inject(BUDGETS_SETTINGS) private readonly settings: BudgetsSettings,
  ) {}

  onApplicationBootstrap(): void {
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
  }

  /** Subscribes, retrying with backoff while Kafka is unavailable. */
  private async follow(): Promise<void> {
    for (let delayMs = 1_000; !this.stopping; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        const consumer = await this.subscribe();
        if (this.stopping) await consumer.stop();
        else this.consumer = consumer;
        return;
      } catch (error) {
        this.logger.warn(
          `budget events are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        );
        await sleep(delayMs);
      }
    }
  }

  private subscribe(): Promise<BatchConsumer> {
    return startBatchConsumer(this.kafka, {
      groupId: this.settings.groupId,
      topics: [BUDGET_EVENTS_TOPIC],
      fromBeginning: true,
      autoCommit: false,
      handleBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const records: ConsumedBudgetEvent[] = [];
        for (const message of batch.messages) {
          const decoded = decodeBudgetEvent(message.value);
          if (!decoded.ok) {
            const failed = { ...message, topic: batch.topic, partition: batch.partition };
            const letter = createDeadLetter(failed, decoded.reason, this.settings.groupId);
            await this.producer.send(DEAD_LETTER_TOPIC, [
              {
                key: deadLetterKey(batch.topic, batch.partition, message.offset),
                value: encodeEvent(letter),
              },
            ]);
          }
          records.push({ event: decoded.ok ? decoded.value : undefined, offset: message.offset });
        }
        const changed = await this.book.applyBatch(batch.topic, batch.partition, records);
        for (const message of batch.messages) resolveOffset(message.offset);
        await heartbeat();
        if (changed.length > 0) void this.evaluator.evaluate().catch(() => undefined);
      },
    });
  }
}
