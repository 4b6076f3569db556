// The hostile-input soak's corpus: what an attacker, a buggy client or a curious stranger sends to a
// running suite, beside the ordinary traffic it must keep serving. Each probe says what kt must
// answer; the soak counts every answer against that (bench/soak/soak.tally.ts).

/** Which service a probe is sent to. */
export type ProbeService = 'gateway' | 'ledger' | 'reporting';

/** What a probe's answer must be: a success, a refusal, or anything that is not a server error. */
/**
 * `refused`: a 4xx, or the connection closed by kt while the client was still sending a body over
 * the size limit (an HTTP server may answer 413 and close before reading it all).
 */
export type Expectation = '2xx' | '4xx' | '401' | 'not-5xx' | 'refused';

export type ProbeKind =
  | 'ordinary'
  | 'oversized'
  | 'nested'
  | 'nul'
  | 'mistyped'
  | 'unauthenticated'
  | 'forged-header'
  | 'no-credentials'
  | 'env-echo';

export interface SoakRequest {
  readonly service: ProbeService;
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Probe {
  readonly name: string;
  readonly kind: ProbeKind;
  readonly expect: Expectation;
  build(credentials: SoakCredentials): SoakRequest;
}

/** The credentials the suite under test hands out (kt up's demo ones by default). */
export interface SoakCredentials {
  /** An application's gateway key: never an admin credential anywhere. */
  readonly gatewayKey: string;
  /** Reporting's admin token. */
  readonly reportingAdmin: string;
  /** Reporting's finance token. */
  readonly reportingFinance: string;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;
const MB = 1024 * 1024;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const chatBody = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({
    model: 'gpt-5.4-mini',
    messages: [{ role: 'user', content: 'Hello from the soak' }],
    ...fields,
  });
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function gateway(
  name: string,
  kind: ProbeKind,
  expect: Expectation,
  path: string,
  body: (c: SoakCredentials) => string,
  headers: (c: SoakCredentials) => Record<string, string> = (c) => bearer(c.gatewayKey),
): Probe {
  return {
    name,
    kind,
    expect,
    build: (c) => ({
      service: 'gateway',
      method: 'POST',
      path,
      headers: { ...JSON_TYPE, ...headers(c) },
      body: body(c),
    }),
  };
}

function noCredentials(
  name: string,
  method: SoakRequest['method'],
  path: string,
  body?: unknown,
  token?: (c: SoakCredentials) => string,
): Probe {
  return {
    name,
    kind: 'no-credentials',
    expect: token ? '4xx' : '401',
    build: (c) => ({
      service: 'ledger',
      method,
      path,
      headers: { ...(body === undefined ? {} : JSON_TYPE), ...(token ? bearer(token(c)) : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  };
}

function reporting(
  name: string,
  kind: ProbeKind,
  path: string,
  token: (c: SoakCredentials) => string,
  expect: Expectation = '4xx',
): Probe {
  return {
    name,
    kind,
    expect,
    build: (c) => ({ service: 'reporting', method: 'GET', path, headers: bearer(token(c)) }),
  };
}

/** A pack whose group names a target through a variable that holds a secret in reporting's environment. */
const envEchoPack = (variable: string): string =>
  [
    'pack:',
    '  name: multi-provider-core',
    '  version: "9.9.9-soak"',
    'providers:',
    '  model_groups:',
    '    - name: echo',
    `      targets: ["\${${variable}}"]`,
    '  targets:',
    '    - id: openai-main',
    '      provider: openai:chat:gpt-5.4-mini',
    '      secret_key_ref:',
    '        env: OPENAI_API_KEY',
    '',
  ].join('\n');

function envEcho(variable: string): Probe {
  return {
    name: `pack apply echoing \${${variable}}`,
    kind: 'env-echo',
    expect: '4xx',
    build: (c) => ({
      service: 'reporting',
      method: 'POST',
      path: '/v1/packs',
      headers: { 'content-type': 'application/yaml', ...bearer(c.reportingAdmin) },
      body: envEchoPack(variable),
    }),
  };
}

/** Ordinary traffic: what applications send all day. */
export const ORDINARY: readonly Probe[] = [
  gateway('chat', 'ordinary', '2xx', '/v1/chat/completions', () => chatBody()),
  gateway('chat stream', 'ordinary', '2xx', '/v1/chat/completions', () => chatBody({ stream: true })),
  gateway('chat with max_tokens', 'ordinary', '2xx', '/v1/chat/completions', () =>
    chatBody({ max_tokens: 64 }),
  ),
  gateway('messages', 'ordinary', '2xx', '/v1/messages', () =>
    JSON.stringify({ model: 'gpt-5.4-mini', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }),
  ),
];

/** Hostile traffic: every answer must be a refusal (or at least never a server error). */
export const HOSTILE: readonly Probe[] = [
  // Oversized client strings: the 1.3 MB anonymous model once blocked a gateway's whole spool.
  gateway(
    'anonymous 1.3 MB model',
    'oversized',
    '4xx',
    '/v1/chat/completions',
    () => chatBody({ model: 'm'.repeat(1.3 * MB) }),
    () => ({}),
  ),
  gateway('300 KB model', 'oversized', '4xx', '/v1/chat/completions', () =>
    chatBody({ model: 'm'.repeat(300 * 1024) }),
  ),
  gateway('300 KB model, messages', 'oversized', '4xx', '/v1/messages', () =>
    JSON.stringify({
      model: 'm'.repeat(300 * 1024),
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    }),
  ),
  gateway('9 MB body', 'oversized', 'refused', '/v1/chat/completions', () =>
    chatBody({ pad: 'p'.repeat(9 * MB) }),
  ),
  gateway('300 KB user', 'oversized', 'not-5xx', '/v1/chat/completions', () =>
    chatBody({ user: 'u'.repeat(300 * 1024) }),
  ),
  // Deep nesting.
  gateway('100k-deep array', 'nested', '4xx', '/v1/chat/completions', () => nested(100_000)),
  gateway(
    '100k-deep object in messages',
    'nested',
    '4xx',
    '/v1/chat/completions',
    () => `{"model":"gpt-5.4-mini","messages":${nestedObject(100_000)}}`,
  ),
  gateway(
    '10k-deep messages content',
    'nested',
    '4xx',
    '/v1/messages',
    () => `{"model":"gpt-5.4-mini","max_tokens":5,"messages":[{"role":"user","content":${nested(10_000)}}]}`,
  ),
  // NUL and friends.
  gateway('NUL in model', 'nul', '4xx', '/v1/chat/completions', () =>
    chatBody({ model: 'gpt\u0000-5.4-mini' }),
  ),
  gateway('NUL in content', 'nul', 'not-5xx', '/v1/chat/completions', () =>
    chatBody({ messages: [{ role: 'user', content: 'a\u0000b' }] }),
  ),
  gateway(
    'lone surrogate in model',
    'nul',
    '4xx',
    '/v1/chat/completions',
    () => `{"model":"\\ud800x","messages":[{"role":"user","content":"x"}]}`,
  ),
  // Mis-typed fields.
  gateway('n 1.5', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ n: 1.5 })),
  gateway('max_tokens 1e17', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ max_tokens: 1e17 })),
  gateway('max_tokens negative', 'mistyped', '4xx', '/v1/chat/completions', () =>
    chatBody({ max_tokens: -5 }),
  ),
  gateway('max_tokens string', 'mistyped', '4xx', '/v1/chat/completions', () =>
    chatBody({ max_tokens: 'NaN' }),
  ),
  gateway('messages a number', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ messages: 5 })),
  gateway('messages [null]', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ messages: [null] })),
  gateway('content null', 'mistyped', 'not-5xx', '/v1/chat/completions', () =>
    chatBody({ messages: [{ role: 'user', content: null }] }),
  ),
  gateway('tool without function', 'mistyped', '4xx', '/v1/chat/completions', () =>
    chatBody({ tools: [{ type: 'function' }] }),
  ),
  gateway('temperature string', 'mistyped', '4xx', '/v1/chat/completions', () =>
    chatBody({ temperature: 'hot' }),
  ),
  gateway('stream a string', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ stream: 'yes' })),
  gateway('model a number', 'mistyped', '4xx', '/v1/chat/completions', () => chatBody({ model: 5 })),
  gateway('body an array', 'mistyped', '4xx', '/v1/chat/completions', () => '[]'),
  gateway('body not JSON', 'mistyped', '4xx', '/v1/chat/completions', () => '{"model":'),
  gateway('messages content 5', 'mistyped', '4xx', '/v1/messages', () =>
    JSON.stringify({ model: 'gpt-5.4-mini', max_tokens: 5, messages: [{ role: 'user', content: 5 }] }),
  ),
  gateway('messages system {}', 'mistyped', '4xx', '/v1/messages', () =>
    JSON.stringify({
      model: 'gpt-5.4-mini',
      max_tokens: 5,
      system: {},
      messages: [{ role: 'user', content: 'x' }],
    }),
  ),
  gateway('messages tools [null]', 'mistyped', '4xx', '/v1/messages', () =>
    JSON.stringify({
      model: 'gpt-5.4-mini',
      max_tokens: 5,
      tools: [null],
      messages: [{ role: 'user', content: 'x' }],
    }),
  ),
  gateway('messages max_tokens 1e17', 'mistyped', '4xx', '/v1/messages', () =>
    JSON.stringify({ model: 'gpt-5.4-mini', max_tokens: 1e17, messages: [{ role: 'user', content: 'x' }] }),
  ),
  gateway('embeddings input {}', 'mistyped', '4xx', '/v1/embeddings', () =>
    JSON.stringify({ model: 'gpt-5.4-mini', input: {} }),
  ),
  gateway('embeddings dimensions 1.5', 'mistyped', '4xx', '/v1/embeddings', () =>
    JSON.stringify({ model: 'gpt-5.4-mini', input: 'x', dimensions: 1.5 }),
  ),
  // Unauthenticated and forged credentials.
  gateway(
    'no key',
    'unauthenticated',
    '401',
    '/v1/chat/completions',
    () => chatBody(),
    () => ({}),
  ),
  gateway(
    'wrong key',
    'unauthenticated',
    '401',
    '/v1/chat/completions',
    () => chatBody(),
    () => bearer('kt-not-a-key'),
  ),
  gateway(
    '64 KB key',
    'unauthenticated',
    '4xx',
    '/v1/chat/completions',
    () => chatBody(),
    () => bearer('k'.repeat(64 * 1024)),
  ),
  gateway(
    'basic auth',
    'unauthenticated',
    '401',
    '/v1/chat/completions',
    () => chatBody(),
    () => ({ authorization: 'Basic a3Q6a3Q=' }),
  ),
  // Forged headers on otherwise ordinary requests.
  gateway(
    '10 KB x-request-id',
    'forged-header',
    'not-5xx',
    '/v1/chat/completions',
    () => chatBody(),
    (c) => ({
      ...bearer(c.gatewayKey),
      'x-request-id': 'r'.repeat(10 * 1024),
    }),
  ),
  gateway(
    'reused x-request-id',
    'forged-header',
    '2xx',
    '/v1/chat/completions',
    () => chatBody(),
    (c) => ({
      ...bearer(c.gatewayKey),
      'x-request-id': 'soak-same-id',
    }),
  ),
  gateway(
    'garbage data policy',
    'forged-header',
    'not-5xx',
    '/v1/chat/completions',
    () => chatBody(),
    (c) => ({
      ...bearer(c.gatewayKey),
      'x-kt-data-policy': '\u00ff'.repeat(4096),
    }),
  ),
  gateway(
    'forged kt headers',
    'forged-header',
    'not-5xx',
    '/v1/chat/completions',
    () => chatBody(),
    (c) => ({
      ...bearer(c.gatewayKey),
      'x-kt-team': 'finance',
      'x-kt-target': 'anthropic-last-resort',
      'x-kt-cost-micro-usd': '-99999999999999999999',
    }),
  ),
  // The ledger's money APIs without (or with the wrong) credentials.
  noCredentials('lease as attacker', 'POST', '/v1/leases', { instance: 'attacker', budget_ids: [] }),
  noCredentials('create budget', 'POST', '/v1/budgets', {
    scope_kind: 'global',
    period: 'monthly',
    limit_usd: '1',
    action: 'block',
  }),
  noCredentials('delete budget', 'DELETE', '/v1/budgets/00000000-0000-0000-0000-000000000000'),
  noCredentials('start rebuild', 'POST', '/v1/admin/rebuild'),
  noCredentials('verify', 'GET', '/v1/admin/verify'),
  noCredentials('team totals', 'GET', '/v1/ledger/totals'),
  noCredentials('budget list', 'GET', '/v1/budgets'),
  noCredentials(
    'create budget with the gateway key',
    'POST',
    '/v1/budgets',
    { scope_kind: 'global', period: 'monthly', limit_usd: '1' },
    (c) => c.gatewayKey,
  ),
  noCredentials('rebuild with the gateway key', 'POST', '/v1/admin/rebuild', undefined, (c) => c.gatewayKey),
  // Reporting: client input never a 500, never an echo of its environment.
  reporting('events since 99999999d', 'mistyped', '/v1/events?since=99999999d', (c) => c.reportingFinance),
  reporting('events request_id NUL', 'nul', '/v1/events?request_id=%00', (c) => c.reportingFinance),
  reporting(
    'spend with a forged cursor-like window',
    'mistyped',
    '/v1/spend?since=1e17d&by=provider',
    (c) => c.reportingFinance,
  ),
  reporting('events limit 1e17', 'mistyped', '/v1/events?since=1h&limit=1e17', (c) => c.reportingFinance),
  reporting(
    'spend with the gateway key',
    'unauthenticated',
    '/v1/spend?since=1h&by=provider',
    (c) => c.gatewayKey,
  ),
  envEcho('KAFKA_BROKERS'),
  envEcho('DATABASE_URL'),
  envEcho('REPORTING_TOKENS'),
  envEcho('LEDGER_TOKENS'),
];
