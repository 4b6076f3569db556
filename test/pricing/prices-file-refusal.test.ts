import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { GatewayUnderTest, startSims } from '../gateway/gateway.fixture.js';

// Each of these prices files once loaded, and the gateway then died with a raw TypeError (or a
// stack overflow) at its start-up check of the pack's targets, or stalled on a backtracking regex
// at a lookup. A real gateway process must refuse each before serving, with the documented line.

const dir = mkdtempSync(join(tmpdir(), 'kt-prices-refusal-'));
const SECRET = 'sk-secret-looking-value';
const openai = (match: unknown, extra: Record<string, unknown> = {}) => [
  {
    id: 'openai',
    name: 'OpenAI',
    api_pattern: '.*',
    description: SECRET,
    ...extra,
    models: [{ id: 'gpt-5.4-mini', match, prices: { input_mtok: 0.75, output_mtok: 4.5 } }],
  },
];
const nested = (depth: number): string =>
  `${'{"or":['.repeat(depth)}{"equals":"gpt-5.4-mini"}${']}'.repeat(depth)}`;
const REFUSE = 'gateway: refusing to start: KT_PRICES_FILE:';

let sims: Simulators;
beforeAll(async () => {
  sims = await startSims();
});
afterAll(async () => {
  await sims?.stop();
});

describe('a gateway given a hostile KT_PRICES_FILE', () => {
  it.each([
    [
      '{equals: 5}',
      JSON.stringify(openai({ equals: 5 })),
      'providers[0].models[0].match.equals: expected a non-empty string',
    ],
    [
      '{or: "x"}',
      JSON.stringify(openai({ or: 'x' })),
      'providers[0].models[0].match.or: expected a non-empty array of match rules',
    ],
    [
      'fallback_model_providers: "azure"',
      JSON.stringify(openai({ equals: 'gpt-5.4-mini' }, { fallback_model_providers: 'azure' })),
      'providers[0].fallback_model_providers: expected an array of provider ids',
    ],
    [
      '50 000 nested ors',
      `[{"id":"openai","name":"OpenAI","models":[{"id":"m","match":${nested(50_000)},"prices":{}}]}]`,
      'the prices file nests deeper than 64 levels',
    ],
    [
      'a backtracking regex',
      JSON.stringify(openai({ regex: '^(a+)+$' })),
      'providers[0].models[0].match.regex: refused: a nested quantifier (a repeated group holding a quantifier or alternatives)',
    ],
  ])('refuses %s before serving, naming the path and the problem only', async (name, content, problem) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, content);
    const started = GatewayUnderTest.start(sims, { env: { KT_PRICES_FILE: file } });
    const error = await started.then(
      async (gateway) => {
        await gateway.stop();
        return new Error('the gateway started');
      },
      (refusal: unknown) => refusal as Error,
    );
    expect(error.message).toContain(`${REFUSE} ${problem}`);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(file);
  });
});
