import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, FINANCE_TOKEN, startReportingStack, type ReportingStack } from './reporting.fixture.js';

let stack: ReportingStack;
const SECRETS = [FINANCE_TOKEN, ADMIN_TOKEN, 'kt-reporting-test-password'];

beforeAll(async () => {
  stack = await startReportingStack({ reportingEnv: { REPORTING_RATE_LIMIT: '40' } });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('reporting authentication', () => {
  it.each([
    ['no Authorization header', undefined, 'missing_token'],
    ['a non-bearer scheme', 'Basic Zm9vOmJhcg==', 'missing_token'],
    ['an unknown token', 'Bearer not-a-real-token', 'invalid_token'],
    ['a token differing in one character', `Bearer ${FINANCE_TOKEN.slice(0, -1)}x`, 'invalid_token'],
  ])('answers 401 for %s', async (_, authorization, code) => {
    const res = await fetch(`${stack.reportingUrl}/v1/spend`, {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; code: string; message: string } };
    expect(body.error.type).toBe('authentication_error');
    expect(body.error.code).toBe(code);
  });

  it.each(['/%761/spend', '/%76%31/audits', '/v1/%73pend', '/%761/packs/current'])(
    'answers 401 when the path %s is percent-encoded to reach a /v1 route without a token',
    async (path) => {
      const res = await fetch(`${stack.reportingUrl}${path}`);
      expect(res.status).toBe(401);
    },
  );

  it.each([
    ['POST', '/v1/audits'],
    ['POST', '/v1/packs'],
  ])('answers 403 admin_required to a finance token on the admin route %s %s', async (method, path) => {
    const res = await fetch(`${stack.reportingUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${FINANCE_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { type: string; code: string; message: string } };
    expect([body.error.type, body.error.code]).toEqual(['permission_error', 'admin_required']);
    expect(body.error.message).toContain('finance-team');
  });

  it.each([
    ['finance', FINANCE_TOKEN],
    ['admin', ADMIN_TOKEN],
  ])('lets a %s token read spend', async (_, token) => {
    expect((await stack.get('/v1/spend?since=1d', token)).status).toBe(200);
  });

  it('keeps health, metrics and the API docs public', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/docs-json']) {
      expect([path, (await stack.get(path, null)).status]).toEqual([path, 200]);
    }
  });

  it('documents every reporting route in the OpenAPI description with bearer auth', async () => {
    const doc = (await (await stack.get('/docs-json', null)).json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/spend',
        '/v1/spend/provider-mix',
        '/v1/budgets',
        '/v1/events',
        '/v1/events/export',
      ]),
    );
    expect(Object.keys(doc.components.securitySchemes)).toContain('bearer');
    const spend = (doc.paths['/v1/spend'] as { get: { parameters: { name: string; in: string }[] } }).get;
    expect(spend.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['since', 'until', 'by', 'interval', 'provider', 'team', 'key']),
    );
  });

  it('rate-limits per token with 429 and Retry-After, leaving other tokens alone', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 60 && limited === undefined; i += 1) {
      const res = await stack.get('/v1/budgets', FINANCE_TOKEN);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await stack.get('/v1/budgets', ADMIN_TOKEN)).status).toBe(200);
  });

  it('never shows a token or the database password in responses or logs', async () => {
    const bodies = await Promise.all(
      ['/v1/spend', '/v1/events', '/readyz', '/docs-json'].map(async (path) =>
        (await stack.get(path, ADMIN_TOKEN)).text(),
      ),
    );
    const seen = `${bodies.join('\n')}\n${stack.reportingLogs()}`;
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});
