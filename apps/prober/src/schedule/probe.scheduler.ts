import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Pack, Target } from '@kt/pack';
import { ActivePack } from '@kt/pack-live';
import { ProbeEventsPublisher } from '../events/probe-events.publisher.js';
import { OwnershipTracker } from '../ownership/ownership.tracker.js';
import { buildProbeRouteEvent } from '../probe/probe-route-event.builder.js';
import { buildProbeSample } from '../probe/probe-sample.builder.js';
import { unavailableOutcome, type ProbeOutcome } from '../probe/probe.outcome.js';
import { TargetProber } from '../probe/target.prober.js';
import {
  PROBER_SECRETS,
  PROBER_SETTINGS,
  type ProberSecrets,
  type ProberSettings,
} from '../prober.settings.js';
import { ProbeMetrics } from '../telemetry/probe.metrics.js';
import { firstDueMs, nextDueMs } from './probe.schedule.js';

interface Slot {
  target: Target;
  dueMs: number;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

/**
 * One timer per target of the pack in force, each on its own jittered interval; a probe of a
 * target never overlaps the previous one. A pack swap adds and removes targets and picks up their
 * new settings without resetting the others' cadence.
 */
@Injectable()
export class ProbeScheduler implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('probes');
  private readonly slots = new Map<string, Slot>();
  private stopping = false;

  constructor(
    private readonly active: ActivePack,
    private readonly ownership: OwnershipTracker,
    private readonly prober: TargetProber,
    private readonly events: ProbeEventsPublisher,
    private readonly metrics: ProbeMetrics,
    @Inject(PROBER_SETTINGS) private readonly settings: ProberSettings,
    @Inject(PROBER_SECRETS) private readonly secrets: ProberSecrets,
  ) {}

  onModuleInit(): void {
    this.plan(this.active.current);
    this.active.onSwap((pack) => this.plan(pack));
  }

  /** Stops scheduling and lets probes in flight publish, before the publisher closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    await Promise.allSettled([...this.slots.values()].map((slot) => slot.running));
  }

  private plan(pack: Pack): void {
    if (this.stopping) return;
    const nowMs = Date.now();
    for (const [id, slot] of this.slots) {
      if (pack.targetsById.has(id)) continue;
      clearTimeout(slot.timer);
      this.slots.delete(id);
    }
    for (const target of pack.targets) {
      const slot = this.slots.get(target.id);
      const intervalMs = intervalOf(target);
      if (slot === undefined) {
        const created: Slot = {
          target,
          dueMs: firstDueMs(nowMs, intervalMs, Math.random),
          timer: undefined,
          running: undefined,
        };
        this.slots.set(target.id, created);
        this.arm(created);
        continue;
      }
      const intervalChanged = intervalOf(slot.target) !== intervalMs;
      slot.target = target;
      if (intervalChanged && slot.running === undefined) {
        clearTimeout(slot.timer);
        slot.dueMs = firstDueMs(nowMs, intervalMs, Math.random);
        this.arm(slot);
      }
    }
    this.logger.log(
      `probing ${pack.targets.length} target(s) of ${pack.name}@${pack.version} (those this instance owns)`,
    );
  }

  private arm(slot: Slot): void {
    slot.timer = setTimeout(() => void this.fire(slot), Math.max(0, slot.dueMs - Date.now()));
  }

  private async fire(slot: Slot): Promise<void> {
    slot.timer = undefined;
    slot.running = this.probeOnce(slot.target).catch((error: unknown) =>
      this.logger.error(`probe of ${slot.target.id} failed: ${String(error)}`),
    );
    await slot.running;
    slot.running = undefined;
    if (this.stopping || this.slots.get(slot.target.id) !== slot) return;
    slot.dueMs = nextDueMs(slot.dueMs, Date.now(), intervalOf(slot.target), Math.random);
    this.arm(slot);
  }

  private async probeOnce(target: Target): Promise<void> {
    if (!this.ownership.owns(target.id)) return;
    const pack = this.active.current;
    const kind = target.healthCheck.kind;
    const apiKey = target.secretEnv === undefined ? '' : (this.secrets[target.secretEnv] ?? '');
    const outcome: ProbeOutcome =
      target.secretEnv !== undefined && apiKey === ''
        ? unavailableOutcome(kind, Date.now())
        : await this.prober.probe(target, apiKey);
    const nowMs = Date.now();
    const sample = buildProbeSample(target, outcome, this.settings.instanceId, nowMs);
    this.events.sample(sample);
    this.metrics.record(sample);
    // Only a completion probe that was sent can cost anything.
    if (kind === 'completion' && outcome.errorKind !== 'unavailable') {
      const packRef = { name: pack.name, version: pack.version, sha256: pack.sha256 };
      this.events.routeEvent(
        buildProbeRouteEvent(target, outcome, packRef, this.settings.instanceId, nowMs, pack.pricing),
      );
    }
  }
}

function intervalOf(target: Target): number {
  return target.healthCheck.intervalSeconds * 1000;
}
