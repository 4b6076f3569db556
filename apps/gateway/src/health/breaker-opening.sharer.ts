import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createKafka, createProducer, PUBLISHER_CLIENT_RETRY, type BusProducer } from '@kt/bus';
import {
  createEventId,
  encodeEvent,
  PROBE_SAMPLES_TOPIC,
  PROBE_SCHEMA,
  toUtcTimestamp,
  type ProbeSampled,
} from '@kt/contracts';
import type { BreakerTransition } from '@kt/routing';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';

/** The sample that tells peer gateways this one's breaker of `target` opened. */
export function breakerOpenedSample(
  target: { readonly id: string; readonly vendor: string },
  instanceId: string,
  atMs: number,
): ProbeSampled {
  return {
    schema: PROBE_SCHEMA,
    type: 'probe.sampled',
    sample_id: createEventId(),
    observed_at: toUtcTimestamp(atMs),
    target: target.id,
    provider: target.vendor,
    kind: 'gateway',
    latency_ms: 0,
    status: 0,
    prober: { instance_id: instanceId },
    ok: false,
    error_kind: 'circuit_open',
  };
}

/** Should a transition be shared? Openings seen on live traffic only: forced ones came from a peer. */
export function isSharedOpening(transition: BreakerTransition): boolean {
  return transition.to === 'open' && transition.reason !== 'forced';
}

/**
 * Publishes this gateway's breaker openings to `kt.probe-samples.v1` (kind `gateway`) so every peer
 * skips the target too. Best effort and off the hot path: a lost sample only delays a peer's own
 * breaker, so there is no spool.
 */
@Injectable()
export class BreakerOpeningSharer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('health');
  private readonly producer: BusProducer;
  private connected: Promise<void> | undefined;

  constructor(
    private readonly gateway: GatewayRuntime,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {
    const kafka = createKafka({
      clientId: 'kt-gateway-health',
      brokers: settings.kafkaBrokers,
      env: settings.secrets,
      retry: PUBLISHER_CLIENT_RETRY,
    });
    this.producer = createProducer(kafka);
  }

  onModuleInit(): void {
    this.gateway.onBreakerTransition((targetId, transition) => {
      if (isSharedOpening(transition)) void this.share(targetId, transition.atMs);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
  }

  private async share(targetId: string, atMs: number): Promise<void> {
    const target = this.gateway.current.pack.targetsById.get(targetId);
    if (!target) return;
    const sample = breakerOpenedSample(target, this.settings.instanceId, atMs);
    try {
      this.connected ??= this.producer.connect();
      await this.connected;
      await this.producer.send(PROBE_SAMPLES_TOPIC, [{ key: targetId, value: encodeEvent(sample) }]);
    } catch (error) {
      this.connected = undefined;
      this.logger.warn(`could not share the breaker opening of ${targetId} with peers: ${String(error)}`);
    }
  }
}
