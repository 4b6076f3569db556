import { describe, expect, it } from 'vitest';
import { expectRefusal, input, NOW, type PlannedRow, type Row } from './planner.fixture.js';
import { planRoute } from './route.planner.js';

// What the request itself asks for that the pack cannot give. Budget refusals are in
// route-planner.budgets.spec.ts, availability ones in route-planner.availability.spec.ts.

const MODEL = { param: 'model' };
const planned = (group: string): PlannedRow => ({ group, strategy: 'ordered', circuitOpen: [] });

const ROWS: readonly Row[] = [
  {
    why: 'an unknown model',
    model: 'nope',
    code: 'model_not_found',
    status: 404,
    message: 'The model "nope" does not exist here. Available models: chat, keyed, unpriced, embed, mixed',
    details: MODEL,
    planned: undefined,
  },
  {
    why: 'an embeddings group asked for chat',
    model: 'embed',
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "embed" is a embeddings model group and cannot serve chat completions',
    details: MODEL,
    planned: planned('embed'),
  },
  {
    why: 'a chat group asked for embeddings',
    model: 'chat',
    kind: 'embeddings',
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "chat" is a chat model group and cannot serve embeddings',
    details: MODEL,
    planned: planned('chat'),
  },
  {
    why: 'no target meets the data policy the request requires',
    model: 'chat',
    zdr: true,
    code: 'data_policy_violation',
    status: 422,
    message: /^No target of "chat" meets the required data policy \(.+\); nothing was sent upstream$/,
    details: undefined,
    planned: planned('chat'),
  },
  {
    why: "a semantic route's group cannot serve the request's kind",
    model: 'chat',
    semantic: { route: 'vectors', group: 'embed' },
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "chat" is a embeddings model group and cannot serve chat completions',
    details: MODEL,
    planned: planned('embed'),
  },
  {
    why: "a semantic route's group does not exist",
    model: 'chat',
    semantic: { route: 'gone', group: 'missing' },
    code: 'model_not_found',
    status: 404,
    message: /^The model "chat" does not exist here/,
    details: MODEL,
    planned: undefined,
  },
];

describe('planRoute refusals', () => {
  it.each(ROWS)('refuses when $why: $status $code', expectRefusal);
});

describe('planRoute plans', () => {
  it('plans the targets in order and names the breakers it passed over, at the time it planned', () => {
    const result = planRoute(input({ model: 'chat', open: ['a'] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.attempts.map((t) => t.id)).toEqual(['b']);
    expect(result.planned).toMatchObject({ group: 'chat', strategy: 'ordered', nowMs: NOW });
    expect(result.planned.circuitOpen.map((t) => t.id)).toEqual(['a']);
  });

  it('records the group even when its budget then refuses, but no skipped attempt', () => {
    const result = planRoute(input({ model: 'chat', open: ['a'], budgets: [['b', 'group:chat']] }));
    expect(result.ok).toBe(false);
    expect(result.planned?.group).toBe('chat');
    expect(result.planned?.circuitOpen).toEqual([]);
  });

  it('records the breakers it passed over when the group cannot serve the kind', () => {
    const result = planRoute(input({ model: 'chat', kind: 'embeddings', open: ['a'] }));
    expect(result.ok).toBe(false);
    expect(result.planned?.circuitOpen.map((t) => t.id)).toEqual(['a']);
  });
});
