import { parsePack } from '@kt/pack';
import { BudgetView } from '../state/budget.view.js';
import type { LeaseSettings } from '../budgets/lease.settings.js';
import { TargetHealth } from '../state/target.health.js';
import { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../state/target.stats.js';
import type { PlanInput } from './route.planner.js';

// Fixtures of the budget gate's specs (tests only): one ordered group of two vendors' targets.

const PACK = `
pack: { name: admission-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: true }
  model_groups:
    - name: chat
      targets: [a, b]
  targets:
    - { id: a, provider: "openai:chat:gpt-5.4-mini" }
    - { id: b, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
`;

/** Lease settings; without `ledgerUrl`, block budgets are enforced from the states heard alone. */
export function leaseSettings(overrides: Partial<LeaseSettings> = {}): LeaseSettings {
  return {
    ledgerUrl: undefined,
    serviceToken: '',
    failMode: 'open',
    requestsPerLease: 20,
    defaultMaxTokens: 4096,
    reservationTtlMs: 300_000,
    refusalRetryMs: 0,
    timeoutMs: 2000,
    ...overrides,
  };
}

export const GATEWAY_SETTINGS_FIXTURE = {
  instanceId: 'gw-1',
  kafkaBrokers: 'x',
  timeouts: {} as never,
  secrets: {},
};
export const BOUND = { inputTokens: 10, outputTokens: 10 };

export function planInput(budgets = new BudgetView(), nowMs = Date.now()): PlanInput {
  const result = parsePack(PACK, { source: 'test', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return {
    runtime: new PackRuntime(result.pack, {}),
    model: 'chat',
    kind: 'chat',
    options: {},
    caller: { key_id: 'k', team: 'qa' },
    budgets,
    health: new TargetHealth(),
    stats: new TargetStats(),
    nowMs,
    random: () => 0,
  };
}
