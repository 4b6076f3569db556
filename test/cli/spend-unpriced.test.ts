// Prove-it of issue 13's reporting part: the seed pack, unchanged, through the real gateway, provider
// simulators, ledger and reporting. Its Azure target runs a deployment no price covers, so
// `kt spend report --by provider` must show Azure's requests as unpriced with their tokens (never
// $0.000000), and the requests the gateway rejected (unknown model) as "(rejected)", never a blank.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics } from '@kt/bus';
import { ROUTE_EVENTS_TOPIC, topicConfigs } from '@kt/contracts';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from '../gateway/gateway.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { startReportingStack, type ReportingStack } from '../reporting/reporting.fixture.js';
import { kt } from './cli.fixture.js';

interface Row {
  readonly key: string;
  readonly rejected: boolean;
  readonly requests: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
  readonly unpriced_requests: string;
  readonly unpriced_tokens: string;
  readonly estimated_requests: string;
}

const REJECTED = 3;
// Other files' traffic shares the route-event topic this reporting books: every figure is this
// file's team only.
const TEAM = `unpriced-${randomUUID().slice(0, 8)}`;
const ARTIFACTS = fileURLToPath(new URL('../../.kt/test-artifacts/', import.meta.url));

describe('kt spend report over the seed pack: unpriced Azure and rejected requests', () => {
  let sims: Simulators;
  let stack: ReportingStack;
  let gateway: GatewayUnderTest;
  let env: Record<string, string>;

  beforeAll(async () => {
    await ensureTopics(
      createKafka({ clientId: 'kt-test-unpriced', brokers: kafkaBrokers() }),
      topicConfigs(),
    );
    sims = await startSims();
    stack = await startReportingStack({ topic: ROUTE_EVENTS_TOPIC });
    gateway = await GatewayUnderTest.start(sims, { env: { KT_API_KEYS: `${GATEWAY_KEY}:${TEAM}` } });
    env = { KT_REPORTING_URL: stack.reportingUrl, KT_TOKEN: stack.financeToken };

    for (let i = 0; i < 100; i += 10) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => gateway.post('/v1/chat/completions', chatBody(), requestId('seed'))),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        await answer.arrayBuffer();
      }
    }
    for (let i = 0; i < REJECTED; i += 1) {
      const answer = await gateway.post('/v1/chat/completions', chatBody('no-such-model'), requestId('rej'));
      expect(answer.status).toBe(404);
      await answer.arrayBuffer();
    }
    await stack.waitApplied(100 + REJECTED);
  }, 240_000);

  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
    await sims?.stop();
  }, 60_000);

  it('--json: Azure all unpriced with its tokens, OpenAI priced, the rejected row flagged', async () => {
    const run = await kt(env, [
      'spend',
      'report',
      '--by',
      'provider',
      '--since',
      '1d',
      '--team',
      TEAM,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { rows: Row[]; totals: Row };
    const byKey = new Map(answer.rows.map((row) => [row.key, row]));
    const azure = byKey.get('azure')!;
    const azureTokens = BigInt(azure.input_tokens) + BigInt(azure.output_tokens);
    expect(azure).toMatchObject({
      requests: '30',
      cost_micro_usd: '0',
      unpriced_requests: '30',
      rejected: false,
    });
    expect(azureTokens).toBeGreaterThan(0n);
    expect(azure.unpriced_tokens).toBe(azureTokens.toString());
    const openai = byKey.get('openai')!;
    expect(openai).toMatchObject({ requests: '70', unpriced_requests: '0', unpriced_tokens: '0' });
    expect(BigInt(openai.cost_micro_usd)).toBeGreaterThan(0n);
    expect(byKey.get('')).toMatchObject({
      requests: String(REJECTED),
      rejected: true,
      unpriced_requests: '0',
    });
    expect(answer.totals).toMatchObject({
      requests: '103',
      unpriced_requests: '30',
      unpriced_tokens: azure.unpriced_tokens,
    });

    const text = await kt(env, ['spend', 'report', '--by', 'provider', '--since', '1d', '--team', TEAM]);
    expect(text.code).toBe(0);
    // Kept for the record: what finance sees for the seed's own scenario.
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(join(ARTIFACTS, 'spend-unpriced.txt'), text.stdout);
    const lines = text.stdout.split('\n');
    const tokens = azureTokens.toLocaleString('en-US');
    const azureLine = lines.find((line) => line.startsWith('azure ')) ?? '';
    expect(azureLine).toMatch(
      new RegExp(`^azure\\s+30\\s+0\\s+\\d+\\s+\\d+\\s+unpriced\\s+unpriced: 30 requests, ${tokens} tokens$`),
    );
    expect(azureLine).not.toContain('0.000000');
    expect(lines.find((line) => line.startsWith('(rejected) '))).toMatch(
      /^\(rejected\)\s+3\s+3\s+0\s+0\s+0\.000000$/,
    );
    expect(lines.find((line) => line.startsWith('TOTAL '))).toContain(
      `unpriced: 30 requests, ${tokens} tokens`,
    );
    expect(lines.some((line) => line.startsWith('- '))).toBe(false);
  });

  it('provider-mix: Azure is its own unpriced figure and the rejected requests are labelled', async () => {
    const mix = (await (await stack.get(`/v1/spend/provider-mix?since=1d&team=${TEAM}`)).json()) as {
      providers: (Row & { provider: string; cost_share: string })[];
      totals: { unpriced_requests: string };
    };
    const azure = mix.providers.find((p) => p.provider === 'azure');
    expect(azure).toMatchObject({ unpriced_requests: '30', cost_share: '0.0000' });
    expect(mix.providers.find((p) => p.provider === '')).toMatchObject({ rejected: true, requests: '3' });
    expect(mix.totals.unpriced_requests).toBe('30');
  });
});
