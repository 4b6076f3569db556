import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, createProducer } from '@kt/bus';
import {
  createEventId,
  encodeEvent,
  PACK_EVENTS_TOPIC,
  PACK_SCHEMA,
  utcNow,
  type PackApplied,
} from '@kt/contracts';
import { PackSigner, writePackKeyPair } from '@kt/pack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';
import { chatBody, GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';
import { waitForLog } from '../support/log.wait.js';
import { testPackSigner } from '../support/pack.keys.js';

const pack = (version: string, target: 'primary' | 'secondary'): string => `
pack: { name: reload, version: "${version}", enabled: true }
providers:
  routing: { strategy: ordered }
  model_groups:
    - name: chat
      targets: [${target}]
  targets:
    - id: primary
      provider: openai:chat:gpt-4o-mini
      secret_key_ref: { env: OPENAI_API_KEY }
    - id: secondary
      provider: azure:chat:gpt-4o-mini
      secret_key_ref: { env: AZURE_OPENAI_API_KEY }
`;

describe('pack hot reload', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;
  let packFile: string;

  const targetNow = async (): Promise<string | null> => {
    const answer = await gateway.post('/v1/chat/completions', chatBody('chat'), requestId('probe'));
    await answer.arrayBuffer();
    return answer.headers.get('x-kt-target');
  };
  const waitForTarget = async (target: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while ((await targetNow()) !== target) {
      if (Date.now() > deadline)
        throw new Error(`the gateway never switched to ${target}:\n${gateway.logs.join('')}`);
      await sleep(100);
    }
  };

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    gateway = await GatewayUnderTest.start(sims, { pack: pack('1.0.0', 'primary') });
    packFile = join(gateway.dir, 'pack.yaml');
  });

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  it('swaps in a changed pack file', async () => {
    expect(await targetNow()).toBe('primary');
    writeFileSync(packFile, pack('1.1.0', 'secondary'));
    await waitForTarget('secondary');
    expect(await waitForLog(() => gateway.logs.join(''), 'pack reload@1.1.0')).toContain('pack reload@1.1.0');
  });

  it('keeps the pack in force when the new file is invalid, and says why', async () => {
    writeFileSync(packFile, pack('1.2.0', 'secondary').replace('strategy: ordered', 'strategy: fastest'));
    const invalid = /reload@1\.1\.0 stays in force[\s\S]*providers\.routing\.strategy/;
    expect(await waitForLog(() => gateway.logs.join(''), invalid)).toMatch(invalid);
    expect(await targetNow()).toBe('secondary');
  });

  it('lets a request in flight finish on the pack it started with', async () => {
    writeFileSync(packFile, pack('2.0.0', 'primary'));
    await waitForTarget('primary');
    await sims.setFaults('openai', { latency: 1500 });
    const id = requestId('in-flight');
    const slow = gateway.post('/v1/chat/completions', chatBody('chat'), id);
    await sleep(300);
    writeFileSync(packFile, pack('2.1.0', 'secondary'));
    await waitForTarget('secondary');
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-kt-target')).toBe('primary');
    expect(await events.one(id)).toMatchObject({ pack: { version: '2.0.0' }, served: { target: 'primary' } });
    await sims.setFaults('openai', {});
  });

  it('swaps in a pack applied through kt.pack-events.v1', async () => {
    await applyThroughTopic('reload', '3.0.0', pack('3.0.0', 'primary'));
    await waitForTarget('primary');
    expect(await waitForLog(() => gateway.logs.join(''), 'pack reload@3.0.0')).toContain('pack reload@3.0.0');
  });

  it('ignores packs of another name on the topic (it carries every pack of the cluster)', async () => {
    const other = pack('9.0.0', 'secondary').replace('name: reload', 'name: other');
    // Same key, same partition: the foreign pack is read before the one that follows it.
    await applyThroughTopic('other', '9.0.0', other);
    await applyThroughTopic('reload', '3.1.0', pack('3.1.0', 'primary'));
    const deadline = Date.now() + 10_000;
    while (!gateway.logs.join('').includes('pack reload@3.1.0')) {
      if (Date.now() > deadline) throw new Error('pack reload@3.1.0 was never swapped in');
      await sleep(100);
    }
    expect(await targetNow()).toBe('primary');
    expect(gateway.logs.join('')).not.toContain('pack other@');
  });

  // Anyone who reaches the broker can write the topic; a pack's base_url decides where the
  // gateway sends its provider keys. Only reporting's signature makes a record a pack to apply.
  it('refuses forged, unsigned and tampered pack events and keeps its pack, then applies a signed one', async () => {
    const stolen = pack('6.6.6', 'secondary').replace(
      'secret_key_ref: { env: AZURE_OPENAI_API_KEY }',
      'secret_key_ref: { env: AZURE_OPENAI_API_KEY }\n      base_url: http://127.0.0.1:9/steal',
    );
    const stranger = PackSigner.fromEnv({
      KT_PACK_SIGNING_KEY_FILE: writePackKeyPair(gateway.dir, 'stranger').signingKeyFile,
    })!;
    // Reporting signed a harmless 6.6.6; the copy on the topic had its text swapped.
    const genuine = testPackSigner().sign(packEvent('reload', '6.6.6', pack('6.6.6', 'secondary')));
    await applyThroughTopic('reload', '6.6.6', stolen, 'unsigned');
    await applyThroughTopic('reload', '6.6.6', stolen, stranger);
    await publishPackEvent({ ...genuine, content: stolen });
    // The log is JSON: the quoted pack name arrives as \"reload\".
    const refused = /refused pack event \\?"reload\\?"@\\?"6\.6\.6\\?".*?stays in force/;
    expect(await waitForLog(() => gateway.logs.join(''), refused)).toMatch(refused);
    await applyThroughTopic('reload', '3.2.0', pack('3.2.0', 'primary'));
    await waitForLog(() => gateway.logs.join(''), 'pack reload@3.2.0');
    expect(await targetNow()).toBe('primary');
    expect(gateway.logs.join('')).not.toContain('pack reload@6.6.6');
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/kt_pack_events_refused_total\{[^}]*reason="unsigned"[^}]*\} 1/);
    expect(metrics).toMatch(/kt_pack_events_refused_total\{[^}]*reason="unknown-key"[^}]*\} 1/);
    expect(metrics).toMatch(/kt_pack_events_refused_total\{[^}]*reason="bad-signature"[^}]*\} 1/);
  });

  // A signature says who wrote a record, not when it may be used: a copy of an older signed record,
  // produced again from the compacted topic, must not roll the gateways back.
  it('applies a newer signed pack, refuses a re-produced older one and counts it as stale', async () => {
    const older = testPackSigner().sign(packEvent('reload', '4.0.0', pack('4.0.0', 'secondary')));
    await publishPackEvent(older);
    await waitForTarget('secondary');
    await sleep(5);
    await applyThroughTopic('reload', '4.1.0', pack('4.1.0', 'primary'));
    await waitForTarget('primary');
    await publishPackEvent(older);
    // Same key, same partition: once 4.2.0 is in force the replay before it has been read.
    await sleep(5);
    await applyThroughTopic('reload', '4.2.0', pack('4.2.0', 'primary'));
    await waitForLog(() => gateway.logs.join(''), 'pack reload@4.2.0');
    expect(await targetNow()).toBe('primary');
    expect(gateway.logs.join('').split('pack reload@4.0.0')).toHaveLength(2);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/kt_pack_events_refused_total\{[^}]*reason="stale"[^}]*\} 1/);
  });
});

function packEvent(name: string, version: string, content: string): PackApplied {
  return {
    schema: PACK_SCHEMA,
    type: 'pack.applied',
    event_id: createEventId(),
    occurred_at: utcNow(),
    pack: { name, version, sha256: 'f'.repeat(63) + version.length.toString(16) },
    applied_by: 'hot-reload-test',
    content,
    source: 'cli',
  };
}

/** A pack event as reporting publishes it (signed with the tests' reporting key), or otherwise. */
async function applyThroughTopic(
  name: string,
  version: string,
  content: string,
  signer: PackSigner | 'unsigned' = testPackSigner(),
): Promise<void> {
  const event = packEvent(name, version, content);
  await publishPackEvent(signer === 'unsigned' ? event : signer.sign(event));
}

async function publishPackEvent(event: PackApplied): Promise<void> {
  const producer = createProducer(createKafka({ clientId: 'kt-test-pack-apply', brokers: kafkaBrokers() }));
  await producer.connect();
  try {
    await producer.send(PACK_EVENTS_TOPIC, [{ key: 'reload', value: encodeEvent(event) }]);
  } finally {
    await producer.disconnect();
  }
}
