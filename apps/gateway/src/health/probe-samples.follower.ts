import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { followTopic, KAFKA, type BusClient, type TopicFollower } from '@kt/bus';
import { decodeProbeSample, PROBE_SAMPLES_TOPIC } from '@kt/contracts';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { TargetHealth } from '../state/target.health.js';
import { TargetStats } from '../state/target.stats.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { applyProbeSample } from './probe-sample.applier.js';

/**
 * Follows `kt.probe-samples.v1` in a consumer group of its own, so every gateway instance hears every
 * probe verdict and every peer's breaker opening; retried with backoff while Kafka is unavailable.
 */
@Injectable()
export class ProbeSamplesFollower implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('health');
  private follower: TopicFollower | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly health: TargetHealth,
    private readonly stats: TargetStats,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onModuleInit(): void {
    this.follower = followTopic(this.kafka, {
      groupId: `kt-gateway-health-${this.settings.instanceId}`,
      topics: [PROBE_SAMPLES_TOPIC],
      // Only fresh verdicts matter; a restarted gateway learns health within one probe interval.
      fromBeginning: false,
      onRetry: (error, delayMs) =>
        this.logger.warn(
          `probe samples are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        ),
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodeProbeSample(message.value);
          if (!decoded.ok) this.logger.error(`ignored a malformed probe sample: ${decoded.reason}`);
          else this.apply(decoded.value);
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

  private apply(sample: Parameters<typeof applyProbeSample>[0]): void {
    const runtime = this.gateway.current;
    const wasDown = this.health.isDown(sample.target);
    applyProbeSample(
      sample,
      {
        instanceId: this.settings.instanceId,
        health: this.health,
        latency: this.stats.latency,
        breakers: runtime.breakers,
        cooldownSeconds: runtime.pack.circuitBreaker.cooldownSeconds,
        knows: (id) => runtime.pack.targetsById.has(id),
      },
      Date.now(),
    );
    const isDown = this.health.isDown(sample.target);
    if (isDown !== wasDown) {
      this.logger.warn(
        `probes report ${sample.target} ${isDown ? `down (${sample.error_kind})` : 'healthy again'}`,
      );
    }
  }
}
