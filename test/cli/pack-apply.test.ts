import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka } from '@kt/bus';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GatewayUnderTest, requestId, SEED_PACK, startSims } from '../gateway/gateway.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { startReportingStack, type ReportingStack } from '../reporting/reporting.fixture.js';
import { kt } from './cli.fixture.js';
import { waitForLog } from '../support/log.wait.js';
import { kafkaAdmin } from '../support/kafka.client.js';

const run = randomUUID().slice(0, 8);
const name = `cli-pack-${run}`;
const addedGroup = `cli-added-${run}`;
// The seed pack under a name of this run (history is per name), then with one more model group.
const v1 = SEED_PACK.replace('name: multi-provider-core', `name: ${name}`);
const v2 = v1
  .replace('version: "1.0.0"', 'version: "1.1.0"')
  .replace(
    '  model_groups:\n',
    `  model_groups:\n    - name: ${addedGroup}\n      targets:\n        - openai-main\n`,
  );
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

const env = (role: 'admin' | 'finance'): Record<string, string> => ({
  KT_REPORTING_URL: reporting.reportingUrl,
  KT_TOKEN: role === 'admin' ? reporting.adminToken : reporting.financeToken,
});
let reporting: ReportingStack;

describe('kt pack apply | show | diff | history (two gateways, reporting, kt.pack-events.v1)', () => {
  let sims: Simulators;
  let gateways: GatewayUnderTest[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kt-cli-pack-'));
  const v1File = join(dir, 'v1.yaml');
  const v2File = join(dir, 'v2.yaml');
  const badFile = join(dir, 'bad.yaml');

  beforeAll(async () => {
    writeFileSync(v1File, v1);
    writeFileSync(v2File, v2);
    writeFileSync(badFile, v1.replace('strategy: weighted_round_robin', 'strategy: fastest'));
    sims = await startSims();
    const ids = [`${run}-a`, `${run}-b`];
    [reporting, ...gateways] = await Promise.all([
      startReportingStack(),
      // Gateways follow only their own pack's name on the topic: start them on v1.
      ...ids.map((id) => GatewayUnderTest.start(sims, { pack: v1, env: { KT_INSTANCE_ID: id } })),
    ]);
    // A gateway follows the pack topic from the latest offset once its consumer group has joined.
    await waitForGroups(ids.map((id) => `kt-gateway-packs-${id}`));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await reporting?.stop();
    await sims?.stop();
  }, 60_000);

  const status = async (gateway: GatewayUnderTest, model: string): Promise<number> => {
    const answer = await gateway.post('/v1/chat/completions', chatBody(model), requestId('cli-pack'));
    await answer.arrayBuffer();
    return answer.status;
  };

  it('applies a pack as the admin and records who and which digest', async () => {
    const applied = await kt(env('admin'), ['pack', 'apply', v1File]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(
      new RegExp(`^applied ${name}@1\\.0\\.0\\nsha256 ${sha(v1)}\\napplied_by ops at \\S+Z\\n$`),
    );
    for (const gateway of gateways) expect(await status(gateway, addedGroup)).toBe(404);
  });

  it('diffs the applied pack against a changed file: exit 1 and a unified diff', async () => {
    const diff = await kt(env('finance'), ['pack', 'diff', v2File]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain(`--- applied ${name}@1.0.0 (${sha(v1).slice(0, 12)})\n+++ ${v2File}\n`);
    expect(diff.stdout).toContain('-  version: "1.0.0"\n+  version: "1.1.0"\n');
    expect(diff.stdout).toContain(`+    - name: ${addedGroup}\n+      targets:\n+        - openai-main\n`);
  });

  it('applies the changed pack and both gateways serve its new model group within seconds', async () => {
    const applied = await kt(env('admin'), ['pack', 'apply', v2File, '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      name,
      version: '1.1.0',
      sha256: sha(v2),
      applied_by: 'ops',
    });
    const deadline = Date.now() + 10_000;
    for (const gateway of gateways) {
      while ((await status(gateway, addedGroup)) !== 200) {
        if (Date.now() > deadline)
          throw new Error(`a gateway never served ${addedGroup}:\n${gateway.logs.join('')}`);
        await sleep(200);
      }
      expect(await waitForLog(() => gateway.logs.join(''), `pack ${name}@1.1.0`)).toContain(
        `pack ${name}@1.1.0`,
      );
    }
  });

  it('lists both applications, newest first, with who and the sha256', async () => {
    const table = await kt(env('finance'), ['pack', 'history', '--name', name]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^APPLIED_AT\s+NAME\s+VERSION\s+SHA256\s+APPLIED_BY\s+SOURCE$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(1))).toEqual([
      [name, '1.1.0', sha(v2).slice(0, 12), 'ops', 'cli'],
      [name, '1.0.0', sha(v1).slice(0, 12), 'ops', 'cli'],
    ]);
    const json = await kt(env('finance'), ['pack', 'history', '--name', name, '--json']);
    const { packs } = JSON.parse(json.stdout) as { packs: { sha256: string; applied_by: string }[] };
    expect(packs.map((p) => [p.sha256, p.applied_by])).toEqual([
      [sha(v2), 'ops'],
      [sha(v1), 'ops'],
    ]);
  });

  it('shows the applied text exactly, and diff then finds no change (exit 0, no output)', async () => {
    const show = await kt(env('finance'), ['pack', 'show', '--name', name]);
    expect(show.code).toBe(0);
    expect(show.stdout).toBe(v2);
    const diff = await kt(env('finance'), ['pack', 'diff', v2File]);
    expect([diff.code, diff.stdout]).toEqual([0, '']);
  });

  it('refuses an invalid pack locally with exit 2 and the path of every error, publishing nothing', async () => {
    const refused = await kt(env('admin'), ['pack', 'apply', badFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('providers.routing.strategy:');
    const history = await kt(env('admin'), ['pack', 'history', '--name', name, '--json']);
    expect((JSON.parse(history.stdout) as { packs: unknown[] }).packs).toHaveLength(2);
  });

  it('checks a pack as reporting does: a variable only the gateways define is theirs to read', async () => {
    // Another name: the gateways under test follow only theirs, so this pack is published, not loaded.
    const gatewayOnly = join(dir, 'gateway-only.yaml');
    writeFileSync(
      gatewayOnly,
      v1
        .replace(`name: ${name}`, `name: ${name}-gw`)
        .replace('provider: openai:chat:gpt-5.4-mini', 'provider: ${EDGE_ONLY_PROVIDER}'),
    );
    const diff = await kt(env('finance'), ['pack', 'diff', gatewayOnly]);
    expect([diff.code, diff.stderr]).toEqual([1, '']);
    expect(diff.stdout).toContain(`--- /dev/null\n+++ ${gatewayOnly}\n`);
    const applied = await kt(env('admin'), ['pack', 'apply', gatewayOnly]);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toContain(`applied ${name}-gw@1.0.0\n`);
  });

  it("never prints a value of the CLI's environment in a local refusal", async () => {
    const secret = `local-secret-${run}`;
    const fromEnv = join(dir, 'from-env.yaml');
    writeFileSync(fromEnv, v1.replace(`name: ${name}`, 'name: "${F1_LOCAL_SECRET}"'));
    const refused = await kt({ ...env('admin'), F1_LOCAL_SECRET: secret }, ['pack', 'apply', fromEnv]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`invalid: ${fromEnv} (1 error)\npack.name: expected literal text`);
    expect(refused.stderr).not.toContain(secret);
  });

  it('answers 400 naming every error by path when a pack reaches the API invalid, and 404 for an unknown name', async () => {
    const post = (body: string, type: string): Promise<Response> =>
      fetch(`${reporting.reportingUrl}/v1/packs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reporting.adminToken}`, 'content-type': type },
        body,
      });
    const invalid = await post(v1.replace('weight: 3', 'weight: -3'), 'text/yaml');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        code: 'invalid_pack',
        errors: [{ path: 'providers.targets[1].weight', message: expect.stringContaining('>= 0') }],
      },
    });
    // Reporting's own environment (its database login) never becomes a pack's name or version.
    const fromEnv = await post(v1.replace(`name: ${name}`, 'name: "${DATABASE_URL}"'), 'text/yaml');
    const refusal = await fromEnv.text();
    expect([fromEnv.status, JSON.parse(refusal)]).toMatchObject([
      400,
      {
        error: {
          code: 'invalid_pack',
          errors: [{ path: 'pack.name', message: expect.stringContaining('literal') }],
        },
      },
    ]);
    expect(refusal).not.toContain('kt-reporting-test-password');
    expect(await (await post('{"pack":1}', 'application/json')).json()).toMatchObject({
      error: { code: 'invalid_body' },
    });
    const missing = await kt(env('finance'), ['pack', 'show', '--name', `never-${run}`]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `error: no pack named 'never-${run}' has been applied\n`,
    ]);
  });

  it('refuses an oversized or deeply nested pack body fast, naming the body', async () => {
    const post = async (body: string): Promise<{ status: number; text: string; ms: number }> => {
      const started = performance.now();
      const answer = await fetch(`${reporting.reportingUrl}/v1/packs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reporting.adminToken}`, 'content-type': 'application/yaml' },
        body,
      });
      return { status: answer.status, text: await answer.text(), ms: performance.now() - started };
    };
    const oversized = await post(`${v1}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect([oversized.status, JSON.parse(oversized.text)]).toMatchObject([
      413,
      { error: { code: 'body_too_large', message: expect.stringContaining('the pack body is larger than') } },
    ]);
    for (const deep of ['['.repeat(100_000) + ']'.repeat(100_000), `${'- '.repeat(100_000)}x\n`]) {
      const refused = await post(deep);
      expect([refused.status, JSON.parse(refused.text)]).toMatchObject([
        400,
        {
          error: {
            code: 'invalid_pack',
            errors: [{ path: 'POST /v1/packs', message: 'nested deeper than 64 levels' }],
          },
        },
      ]);
      expect(refused.ms).toBeLessThan(1500);
    }
    // Still serving: a pack-sized body goes through as before (under a name no gateway follows).
    expect((await post(v1.replace(`name: ${name}`, `name: ${name}-size`))).status).toBe(201);
  });

  it('documents the pack endpoints in the OpenAPI description', async () => {
    const doc = (await (await fetch(`${reporting.reportingUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/v1/packs'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/packs/current'] ?? {})).toEqual(['get']);
  });

  it.each([
    ['a finance token', 'finance' as const, 'this needs an admin token (admin_required'],
    ['no token', null, 'this command needs a reporting token: pass --token or set KT_TOKEN'],
  ])('refuses to apply with %s (exit 2), never echoing a token', async (_name, role, message) => {
    const vars = role === null ? { KT_REPORTING_URL: reporting.reportingUrl } : env(role);
    const refused = await kt(vars, ['pack', 'apply', v1File]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
    expect(refused.stderr).not.toContain(reporting.financeToken);
    expect(reporting.reportingLogs()).not.toContain(reporting.adminToken);
  });
});

async function waitForGroups(groups: readonly string[]): Promise<void> {
  const admin = kafkaAdmin(createKafka({ clientId: 'kt-test-cli-pack', brokers: kafkaBrokers() }));
  await admin.connect();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const described = await admin.describeGroups([...groups]);
      if (described.groups.every((g) => g.state === 'Stable' && g.members.length > 0)) return;
      if (Date.now() > deadline)
        throw new Error(`pack followers never joined: ${JSON.stringify(described.groups)}`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}
