import { describe, expect, it } from 'vitest';
import { MAX_IDENTIFIER_CHARS } from '@kt/contracts';
import { EnvValidationError, loadEnv } from '@kt/service';
import { ProberEnv } from '../../prober/src/prober.env.js';
import { GatewayEnv } from './gateway.env.js';

// instance_id is capped by the route-event (and sample) decoders: an instance named longer would
// write only events the ledger dead-letters, so it refuses to boot instead, naming the variable.
type InstanceEnv = new () => { KT_INSTANCE_ID?: string };

describe.each<[string, InstanceEnv]>([
  ['gateway', GatewayEnv],
  ['prober', ProberEnv],
])('the %s instance id', (_name, cls) => {
  const base = { KT_PACK: 'pack.yaml' };

  it('boots with an id of exactly the cap', () => {
    const id = 'i'.repeat(MAX_IDENTIFIER_CHARS);
    expect(loadEnv(cls, { ...base, KT_INSTANCE_ID: id }).KT_INSTANCE_ID).toBe(id);
  });

  it('refuses a longer one, naming the variable and never the value', () => {
    const id = `secret-${'i'.repeat(MAX_IDENTIFIER_CHARS)}`;
    let thrown: unknown;
    try {
      loadEnv(cls, { ...base, KT_INSTANCE_ID: id });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvValidationError);
    expect((thrown as EnvValidationError).problems).toEqual([
      `KT_INSTANCE_ID: expected at most ${MAX_IDENTIFIER_CHARS} characters`,
    ]);
    expect((thrown as Error).message).not.toContain('secret-');
  });
});
