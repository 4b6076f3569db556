import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KAFKA, startBatchConsumer, type BatchConsumer, type KafkaClient } from '@kt/bus';
import { decodeProbeSample, PROBE_SAMPLES_TOPIC } from '@kt/contracts';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import { applyProbeSample } from './probe-sample.applier.js';

/**
 * Follows `kt.probe-samples.v1` in a consumer group of its own, so every gateway instance hears every
 * probe verdict and every peer's breaker opening; retried with backoff while Kafka is unavailable.
 */
@Injectable()
export class ProbeSamplesFollower implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('health');
  private consumer: BatchConsumer | undefined;
  private stopping = false;

  constructor(
    private readonly gateway: GatewayRuntime,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onModuleInit(): void {
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
  }

  private async follow(): Promise<void> {
    for (let delayMs = 1_000; !this.stopping; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        const consumer = await this.subscribe();
        if (this.stopping) await consumer.stop();
        else this.consumer = consumer;
        return;
      } catch (error) {
        this.logger.warn(
          `probe samples are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        );
        await sleep(delayMs);
      }
    }
  }

  private subscribe(): Promise<BatchConsumer> {
    return startBatchConsumer(this.kafka, {
      groupId: `kt-gateway-health-${this.settings.instanceId}`,
      topics: [PROBE_SAMPLES_TOPIC],
      // Only fresh verdicts matter; a restarted gateway learns health within one probe interval.
      fromBeginning: false,
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

  private apply(sample: Parameters<typeof applyProbeSample>[0]): void {
    const runtime = this.gateway.current;
    const wasDown = this.gateway.health.isDown(sample.target);
    applyProbeSample(
      sample,
      {
        instanceId: this.settings.instanceId,
        health: this.gateway.health,
        latency: this.gateway.stats.latency,
        breakers: runtime.breakers,
        cooldownSeconds: runtime.pack.circuitBreaker.cooldownSeconds,
        knows: (id) => runtime.pack.targetsById.has(id),
      },
      Date.now(),
    );
    const isDown = this.gateway.health.isDown(sample.target);
    if (isDown !== wasDown) {
      this.logger.warn(
        `probes report ${sample.target} ${isDown ? `down (${sample.error_kind})` : 'healthy again'}`,
      );
    }
  }
}
