import { describe, expect, it } from 'vitest';
import type { RoutableGroup, RoutableTarget } from '../routable.types.js';
import { context, ids, target } from '../strategy/strategy.fixture.js';
import { planAttempts, type PlanContext, type UnavailableReason } from './attempt.planner.js';
import { createRouteTable, resolveGroup, type RouteTableOptions } from './route.table.js';

// The seed pack's shape: production-llm (7:3 WRR) falls back to backup-llm.
const targets = [target('openai-main', 7), target('azure-secondary', 3), target('anthropic-last-resort', 1)];
const seedGroups: RoutableGroup[] = [
  {
    name: 'production-llm',
    aliases: ['gpt-5.4-mini'],
    fallbackGroup: 'backup-llm',
    targets: ['openai-main', 'azure-secondary'],
    routing: { strategy: 'weighted_round_robin' },
  },
  { name: 'backup-llm', aliases: [], targets: ['anthropic-last-resort'], routing: { strategy: 'ordered' } },
];
const ON: RouteTableOptions = { fallback: { enabled: true, maxFallbackAttempts: 3 } };

function plan(
  options: RouteTableOptions,
  model: string,
  ctx: Partial<PlanContext> = {},
  groups = seedGroups,
) {
  const table = createRouteTable(groups, targets, options);
  return planAttempts(table, model, { ...context(), ...ctx });
}

const unavailable =
  (down: Record<string, UnavailableReason>) =>
  (t: RoutableTarget): true | UnavailableReason =>
    down[t.id] ?? true;

describe('route table', () => {
  it.each([
    ['production-llm', 'production-llm'],
    ['gpt-5.4-mini', 'production-llm'],
    ['backup-llm', 'backup-llm'],
    ['gpt-4o', undefined],
  ])('resolves the model %s to group %s', (model, group) => {
    expect(resolveGroup(createRouteTable(seedGroups, targets), model)?.name).toBe(group);
  });

  it.each([
    ['an unknown target', [{ name: 'g', aliases: [], targets: ['nope'] }], /unknown target "nope"/],
    [
      'an unknown fallback group',
      [{ name: 'g', aliases: [], targets: [], fallbackGroup: 'x' }],
      /unknown group "x"/,
    ],
    [
      'an unknown strategy',
      [{ name: 'g', aliases: [], targets: [], strategy: 'fastest' }],
      /unknown strategy "fastest"/,
    ],
    [
      'a name used twice',
      [
        { name: 'g', aliases: [], targets: [] },
        { name: 'h', aliases: ['g'], targets: [] },
      ],
      /"g" is used twice/,
    ],
  ])('refuses %s', (_name, groups: RoutableGroup[], message) => {
    expect(() => createRouteTable(groups, targets)).toThrow(message);
  });

  it('uses the pack-wide strategy for a group without its own, and ordered without either', () => {
    const groups: RoutableGroup[] = [{ name: 'g', aliases: [], targets: ['openai-main'] }];
    expect(
      createRouteTable(groups, targets, { routing: { strategy: 'round_robin' } }).byModel.get('g')
        ?.strategyName,
    ).toBe('round_robin');
    expect(createRouteTable(groups, targets).byModel.get('g')?.strategyName).toBe('ordered');
    const flat: RoutableGroup[] = [
      { name: 'g', aliases: [], targets: ['openai-main'], strategy: 'least_busy' },
    ];
    expect(
      createRouteTable(flat, targets, { routing: { strategy: 'round_robin' } }).byModel.get('g')
        ?.strategyName,
    ).toBe('least_busy');
  });
});

describe('planAttempts', () => {
  it('orders the group by its strategy, then walks the fallback group', () => {
    const result = plan(ON, 'gpt-5.4-mini')!;
    expect(result.group.name).toBe('production-llm');
    expect(result.strategy).toBe('weighted_round_robin');
    expect(ids(result.attempts)).toEqual(['openai-main', 'azure-secondary', 'anthropic-last-resort']);
    expect(result.groups).toEqual(['production-llm', 'backup-llm']);
    expect(result.skipped).toEqual([]);
  });

  it('keeps the 7:3 split across consecutive plans of the same table', () => {
    const table = createRouteTable(seedGroups, targets, ON);
    const firsts = Array.from(
      { length: 100 },
      () => planAttempts(table, 'production-llm', context())!.attempts[0]!.id,
    );
    expect(firsts.filter((id) => id === 'openai-main')).toHaveLength(70);
  });

  it.each([
    ['missing secret', { 'openai-main': 'missing_secret' }, ['azure-secondary', 'anthropic-last-resort']],
    ['breaker open', { 'azure-secondary': 'circuit_open' }, ['openai-main', 'anthropic-last-resort']],
    [
      'budget blocked on both primaries',
      { 'openai-main': 'budget_blocked', 'azure-secondary': 'budget_blocked' },
      ['anthropic-last-resort'],
    ],
    [
      'data policy on every target',
      {
        'openai-main': 'data_policy',
        'azure-secondary': 'data_policy',
        'anthropic-last-resort': 'data_policy',
      },
      [],
    ],
  ] as const)('leaves out unavailable targets (%s) and says why', (_name, down, expected) => {
    const result = plan(ON, 'production-llm', { isAvailable: unavailable(down) })!;
    expect(ids(result.attempts)).toEqual(expected);
    expect(result.skipped.map((s) => [s.target.id, s.reason])).toEqual(Object.entries(down));
  });

  it.each([
    [0, ['openai-main']],
    [1, ['openai-main', 'azure-secondary']],
    [2, ['openai-main', 'azure-secondary', 'anthropic-last-resort']],
    [10, ['openai-main', 'azure-secondary', 'anthropic-last-resort']],
  ])('caps the plan at 1 + max_fallback_attempts (%s) targets', (max, expected) => {
    expect(
      ids(plan({ fallback: { enabled: true, maxFallbackAttempts: max } }, 'production-llm')!.attempts),
    ).toEqual(expected);
  });

  it('plans exactly one target, the pick, when fallback is disabled', () => {
    const off = { fallback: { enabled: false, maxFallbackAttempts: 3 } };
    expect(ids(plan(off, 'production-llm')!.attempts)).toEqual(['openai-main']);
  });

  it('picks among the available targets when fallback is disabled', () => {
    const result = plan({ fallback: { enabled: false, maxFallbackAttempts: 3 } }, 'production-llm', {
      isAvailable: unavailable({ 'openai-main': 'circuit_open' }),
    })!;
    expect(ids(result.attempts)).toEqual(['azure-secondary']);
    expect(result.groups).toEqual(['production-llm']);
    expect(result.skipped.map((s) => s.target.id)).toEqual(['openai-main']);
  });

  it('does not order fallback groups it will not use', () => {
    const groups: RoutableGroup[] = [
      { name: 'a', aliases: [], targets: ['openai-main'], fallbackGroup: 'b' },
      { name: 'b', aliases: [], targets: ['azure-secondary'], strategy: 'round_robin' },
    ];
    const checked: string[] = [];
    const isAvailable = (t: RoutableTarget) => (checked.push(t.id), true as const);
    plan({ fallback: { enabled: true, maxFallbackAttempts: 0 } }, 'a', { isAvailable }, groups);
    expect(checked).toEqual(['openai-main']);
  });

  it('survives a fallback cycle and never repeats a target', () => {
    const groups: RoutableGroup[] = [
      { name: 'a', aliases: [], targets: ['openai-main', 'azure-secondary'], fallbackGroup: 'b' },
      { name: 'b', aliases: [], targets: ['azure-secondary', 'anthropic-last-resort'], fallbackGroup: 'a' },
    ];
    const result = plan({ fallback: { enabled: true, maxFallbackAttempts: 10 } }, 'b', {}, groups)!;
    expect(ids(result.attempts)).toEqual(['azure-secondary', 'anthropic-last-resort', 'openai-main']);
    expect(result.groups).toEqual(['b', 'a']);
  });

  it('reports a target that is down once, even when two groups list it', () => {
    const groups: RoutableGroup[] = [
      { name: 'a', aliases: [], targets: ['openai-main'], fallbackGroup: 'b' },
      { name: 'b', aliases: [], targets: ['openai-main', 'anthropic-last-resort'] },
    ];
    const result = plan(ON, 'a', { isAvailable: unavailable({ 'openai-main': 'circuit_open' }) }, groups)!;
    expect(ids(result.attempts)).toEqual(['anthropic-last-resort']);
    expect(result.skipped).toHaveLength(1);
  });

  it('orders each fallback group by its own strategy', () => {
    const many = [...targets, target('b1'), target('b2')];
    const groups: RoutableGroup[] = [
      { name: 'a', aliases: [], targets: ['openai-main'], fallbackGroup: 'b' },
      { name: 'b', aliases: [], targets: ['b1', 'b2'], routing: { strategy: 'round_robin' } },
    ];
    const table = createRouteTable(groups, many, ON);
    const second = () => planAttempts(table, 'a', context())!.attempts.slice(1);
    expect([ids(second()), ids(second())]).toEqual([
      ['b1', 'b2'],
      ['b2', 'b1'],
    ]);
  });

  it('has no plan for an unknown model', () => {
    expect(plan(ON, 'gpt-4o')).toBeUndefined();
  });
});
