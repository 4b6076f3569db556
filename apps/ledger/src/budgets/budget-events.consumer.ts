import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { followTopic, KAFKA, type BusClient, type TopicFollower } from '@kt/bus';
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
  private follower: TopicFollower | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: BusClient,
    private readonly book: BudgetBookStore,
    private readonly producer: BudgetProducer,
    private readonly evaluator: BudgetEvaluator,
    @Inject(BUDGETS_SETTINGS) private readonly settings: BudgetsSettings,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.follower?.stop();
  }

  /** Subscribes in the background, retrying with backoff while Kafka is unavailable. */
  onApplicationBootstrap(): void {
    this.follower = followTopic(this.kafka, {
      onRetry: (error, delayMs) =>
        this.logger.warn(
          `budget events are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        ),
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
