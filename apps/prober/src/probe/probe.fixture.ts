import type { Target } from '@kt/pack';

/** A pack target for specs; fields a case does not name take plain defaults. */
export function targetFixture(overrides: Partial<Target> = {}): Target {
  return {
    id: 'openai-primary',
    vendor: 'openai',
    kind: 'chat',
    model: 'gpt-4o-mini',
    weight: 1,
    secretEnv: 'OPENAI_API_KEY',
    available: true,
    healthCheck: { intervalSeconds: 15, timeoutMs: 2_000, kind: 'models' },
    dataPolicy: { zeroDataRetention: false, trainingOptOut: false },
    ...overrides,
  };
}
