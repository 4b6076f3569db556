import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../setup/infra.js';
import { ledgerAuth, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';
import { createDatabase, ensureBudgetTopics } from './budgets.fixture.js';
import { LedgerProcess } from './budgets-process.fixture.js';

type Role = 'admin' | 'finance' | 'gateway';

interface RouteCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** Roles that pass the guard; every other role gets 403. */
  readonly roles: readonly Role[];
}

const LEASE = { budget_id: 'no-such-budget', gateway_instance: 'attacker', requested_micro_usd: '1000' };
const BUDGET = { scope_kind: 'team', scope_value: 'auth-test', period: 'monthly', limit_usd: '1' };

// One route of each class the issue found open; the guard decides before the handler runs.
const ROUTES: readonly RouteCase[] = [
  { name: 'lease', method: 'POST', path: '/v1/leases', body: LEASE, roles: ['gateway'] },
  { name: 'budget create', method: 'POST', path: '/v1/budgets', body: BUDGET, roles: ['admin'] },
  {
    name: 'budget update',
    method: 'PATCH',
    path: '/v1/budgets/x',
    body: { limit_usd: '2' },
    roles: ['admin'],
  },
  { name: 'budget delete', method: 'DELETE', path: '/v1/budgets/x', roles: ['admin'] },
  { name: 'budget list', method: 'GET', path: '/v1/budgets', roles: ['finance', 'admin'] },
  { name: 'budget read', method: 'GET', path: '/v1/budgets/x', roles: ['finance', 'admin'] },
  { name: 'totals', method: 'GET', path: '/v1/ledger/totals?by=team', roles: ['finance', 'admin'] },
  { name: 'rebuild', method: 'POST', path: '/v1/admin/rebuild', roles: ['admin'] },
  { name: 'rebuild progress', method: 'GET', path: '/v1/admin/rebuild/x', roles: ['admin'] },
  { name: 'verify', method: 'GET', path: '/v1/admin/verify', roles: ['admin'] },
];

describe('ledger API credentials', () => {
  let ledger: LedgerProcess;

  const call = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Response> =>
    fetch(`${ledger.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    await ensureBudgetTopics();
    ledger = await LedgerProcess.start(await createDatabase());
  }, 120_000);

  afterAll(async () => {
    await ledger?.kill9();
  });

  it.each(ROUTES)('$name without a token or with an unknown one answers 401', async (route) => {
    const anonymous = await call(route.method, route.path, {}, route.body);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'missing_token' } });
    const unknown = await call(
      route.method,
      route.path,
      { authorization: 'Bearer not-a-ledger-token' },
      route.body,
    );
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).not.toContain('not-a-ledger-token');
  });

  it.each(ROUTES)('$name with a role it does not accept answers 403 naming the role', async (route) => {
    for (const role of (['admin', 'finance', 'gateway'] as const).filter((r) => !route.roles.includes(r))) {
      const answer = await call(route.method, route.path, ledgerAuth(role), route.body);
      expect(answer.status, role).toBe(403);
      const text = await answer.text();
      expect(text).toMatch(new RegExp(`needs an? ${route.roles.join(' or ')} token`));
      expect(text).not.toMatch(/kt-test-ledger-/);
    }
  });

  it('decides by the matched route, so a percent-encoded path gets no further', async () => {
    expect((await call('POST', '/%761/leases', {}, LEASE)).status).toBe(401);
    expect((await call('GET', '/v1/%62udgets')).status).toBe(401);
    expect((await call('GET', '/v1/no-such-route', ledgerAuth('finance'))).status).not.toBe(200);
  });

  it('keeps health, readiness, metrics and the API description open, the last declaring the bearer scheme', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics'])
      expect((await call('GET', path)).status, path).toBe(200);
    const document = (await (await call('GET', '/docs-json')).json()) as {
      components: { securitySchemes?: Record<string, { scheme?: string }> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.components.securitySchemes?.bearer).toMatchObject({ scheme: 'bearer' });
    for (const path of ['/v1/leases', '/v1/ledger/totals', '/v1/admin/verify', '/v1/budgets']) {
      const operations = Object.values(document.paths[path] ?? {});
      expect(operations.length, path).toBeGreaterThan(0);
      for (const operation of operations) expect(operation.security, path).toEqual([{ bearer: [] }]);
    }
  });

  it('refuses a lease to an unauthenticated attacker, and the real gateway keeps the whole share', async () => {
    const created = await call('POST', '/v1/budgets', ledgerAuth('admin'), {
      scope_kind: 'team',
      scope_value: `attacked-${Date.now()}`,
      period: 'monthly',
      limit_usd: '1',
      action: 'block',
    });
    expect(created.status).toBe(201);
    const { budget_id } = (await created.json()) as { budget_id: string };
    const everything = { budget_id, requested_micro_usd: '1000000' };
    const attacks = [
      await call('POST', '/v1/leases', {}, { ...everything, gateway_instance: 'attacker' }),
      await call('POST', '/v1/leases', ledgerAuth('finance'), {
        ...everything,
        gateway_instance: 'attacker',
      }),
      await call('POST', '/v1/leases', ledgerAuth('admin'), { ...everything, gateway_instance: 'attacker' }),
    ];
    expect(attacks.map((a) => a.status)).toEqual([401, 403, 403]);
    const granted = await call('POST', '/v1/leases', ledgerAuth('gateway'), {
      ...everything,
      gateway_instance: 'gw-1',
    });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ granted_micro_usd: '1000000' });
  });

  it('answers 400 naming the field for a lease request beyond its bound', async () => {
    const answer = await call('POST', '/v1/leases', ledgerAuth('gateway'), {
      ...LEASE,
      requested_micro_usd: '1000000000000001',
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/requested_micro_usd must be at most 1000000000000000/);
  });
});

describe('ledger boot', () => {
  const boot = async (env: Record<string, string>): Promise<{ code: number | null; output: string }> => {
    const child = spawn(process.execPath, ['bin/kt-service.js', 'ledger'], {
      env: {
        PATH: process.env.PATH,
        LEDGER_PORT: '1',
        KAFKA_BROKERS: kafkaBrokers(),
        DATABASE_URL: 'postgres://kt:db-password-sentinel@127.0.0.1:1/kt',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, output };
  };

  it('refuses to start without LEDGER_TOKENS, naming the variable and no value', async () => {
    const { code, output } = await boot({});
    expect(code).not.toBe(0);
    expect(output).toMatch(/LEDGER_TOKENS must list role:name:secret entries/);
    expect(output).not.toContain('db-password-sentinel');
  }, 60_000);

  it('refuses a malformed LEDGER_TOKENS, naming the entry and never a secret', async () => {
    const { code, output } = await boot({ LEDGER_TOKENS: 'gateway:gw:token-sentinel-1,admin:ops:' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/LEDGER_TOKENS entry 2 \(ops\): secret is empty/);
    expect(output).not.toContain('token-sentinel-1');
    expect(output).not.toContain('db-password-sentinel');
  }, 60_000);

  it('accepts the test credentials (the fixture above started with them)', () => {
    expect(TEST_LEDGER_TOKENS.split(',')).toHaveLength(3);
  });
});
