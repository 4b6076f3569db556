import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { followTopic, KAFKA, type BusClient, type TopicFollower } from '@kt/bus';
import { BUDGET_STATE_TOPIC, decodeBudgetState } from '@kt/contracts';
import { BudgetView } from '../state/budget.view.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';

/**
 * Follows the compacted `kt.budget-state.v1` from the beginning in a consumer group of its own, so
 * every gateway instance learns every current budget state at start and every change after.
 */
@Injectable()
export class BudgetStateFollower implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('budgets');
  private follower: TopicFollower | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly budgets: BudgetView,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onModuleInit(): void {
    const budgets = this.budgets;
    this.follower = followTopic(this.kafka, {
      groupId: `kt-gateway-budgets-${this.settings.instanceId}`,
      topics: [BUDGET_STATE_TOPIC],
      fromBeginning: true,
      // Never commit: a restarted instance (same id, same group) must read every state again.
      autoCommit: false,
      onRetry: (error, delayMs) =>
        this.logger.warn(
          `budget states are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        ),
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodeBudgetState(message.value);
          const key = message.key?.toString('utf8');
          if (!decoded.ok) {
            this.logger.error(`ignored a malformed budget state: ${decoded.reason}`);
          } else if (decoded.value !== null) {
            budgets.apply(decoded.value.budget_id, decoded.value);
          } else if (key) {
            budgets.apply(key, null);
          }
          resolveOffset(message.offset);
        }
      },
    });
  }

  /**
   * Nest runs each module's shutdown hooks one module after the other: a follower that only starts
   * leaving its group here would add its Kafka round trips (long while the broker is away) to every
   * other module's. Started before the HTTP server closes, awaited at the end.
   */
  beforeApplicationShutdown(): void {
    // Caught here: a rejection left waiting for the await below would count as unhandled.
    this.stopping = this.follower
      ?.stop()
      .catch((error: unknown) => this.logger.warn(`leaving the group failed: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await (this.stopping ?? this.follower?.stop());
  }
}
