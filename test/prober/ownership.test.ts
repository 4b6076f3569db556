import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProbeSample, PROBE_SAMPLES_TOPIC, TOPICS, type ProbeSampled } from '@kt/contracts';
import { partitionOf } from '../../apps/prober/src/ownership/target.partition.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { startSims } from '../gateway/gateway.fixture.js';
import { ProberUnderTest, testTag, TopicLog } from './prober.fixture.js';

const tag = testTag('owners');
const group = `kt-prober-${tag}`;
const INTERVAL_S = 0.5;
const WINDOW_MS = 4_000;

/** Two target ids per partition, so however the partitions are split both instances own targets. */
function targetIds(): string[] {
  const partitions = TOPICS[PROBE_SAMPLES_TOPIC].partitions;
  const perPartition = new Map<number, string[]>();
  for (
    let i = 0;
    perPartition.size < partitions || [...perPartition.values()].some((l) => l.length < 2);
    i++
  ) {
    const id = `t${i}-${tag}`;
    const list = perPartition.get(partitionOf(id, partitions)) ?? [];
    if (list.length < 2) perPartition.set(partitionOf(id, partitions), [...list, id]);
  }
  return [...perPartition.values()].flat();
}

const ids = targetIds();
const pack = `
pack: { name: probe-owners, version: "1.0.0", enabled: true }
providers:
  health_check: { interval_seconds: ${INTERVAL_S}, timeout_ms: 1000, kind: models }
  model_groups:
    - name: chat
      targets: [${ids.join(', ')}]
  targets:
${ids.map((id) => `    - id: ${id}\n      provider: openai:chat:gpt-4o-mini\n      secret_key_ref: { env: OPENAI_API_KEY }`).join('\n')}
`;

describe('several prober instances', () => {
  let sims: Simulators;
  let samples: TopicLog<ProbeSampled>;
  let first: ProberUnderTest | undefined;
  let second: ProberUnderTest | undefined;

  const probesDuring = async (ms: number): Promise<number> => {
    const before = sims.stats().openai.total;
    await sleep(ms);
    return sims.stats().openai.total - before;
  };
  /** Which instances sampled each target since `sinceMs`. */
  const owners = (sinceMs: number): Map<string, Set<string>> => {
    const byTarget = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
    for (const s of samples.since(sinceMs)) byTarget.get(s.target)?.add(s.prober.instance_id);
    return byTarget;
  };
  /** Until, over a whole interval and a half, every target was sampled by exactly one instance. */
  const settled = async (expectInstances: number): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const since = Date.now();
      await sleep(INTERVAL_S * 1000 * 3);
      const seen = owners(since);
      const instances = new Set([...seen.values()].flatMap((set) => [...set]));
      if ([...seen.values()].every((set) => set.size === 1) && instances.size === expectInstances) return;
      if (Date.now() > deadline)
        throw new Error(
          `ownership did not settle: ${JSON.stringify([...seen].map(([t, s]) => [t, [...s]]))}`,
        );
    }
  };

  beforeAll(async () => {
    sims = await startSims();
    samples = await TopicLog.start(PROBE_SAMPLES_TOPIC, decodeProbeSample, (s) => s.target.endsWith(tag));
  }, 60_000);

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await samples?.stop();
    await sims?.stop();
  });

  it('split the targets so the total probe rate stays that of one instance, and the survivor takes over', async () => {
    first = await ProberUnderTest.start(sims, { pack, instanceId: `a-${tag}`, group });
    await settled(1);
    const alone = await probesDuring(WINDOW_MS);
    // About targets × window / interval.
    expect(alone).toBeGreaterThan(0.7 * ids.length * (WINDOW_MS / 1000 / INTERVAL_S));

    second = await ProberUnderTest.start(sims, { pack, instanceId: `b-${tag}`, group });
    await settled(2);
    const from = Date.now();
    const together = await probesDuring(WINDOW_MS);
    // ± one interval's worth: one probe per target.
    expect(Math.abs(together - alone)).toBeLessThanOrEqual(ids.length);
    const split = owners(from);
    for (const instances of split.values()) expect(instances.size).toBe(1);
    expect(new Set([...split.values()].flatMap((set) => [...set]))).toEqual(
      new Set([`a-${tag}`, `b-${tag}`]),
    );

    await second.stop();
    const stopped = Date.now();
    await settled(1);
    const after = owners(Date.now() - 1_500);
    for (const instances of after.values()) expect([...instances]).toEqual([`a-${tag}`]);
    expect(Date.now() - stopped).toBeLessThan(20_000);
  }, 120_000);
});
