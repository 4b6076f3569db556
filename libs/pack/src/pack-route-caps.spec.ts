import { describe, expect, it } from 'vitest';
import { MAX_IDENTIFIER_CHARS } from '@kt/contracts';
import { errorsOf, packText } from '../fixtures/pack-text.fixture.js';
import { validatePackReferences } from './pack-references.validation.js';

// Every pack field that reaches a route event is capped at the route-event decoder's caps, so a
// valid pack can never write events the ledger dead-letters (and whose spend it never books).
describe('pack fields that reach route events', () => {
  const longModel = 'm'.repeat(MAX_IDENTIFIER_CHARS + 1);

  it('refuses a provider model longer than the decoder accepts as upstream_model, naming the path', () => {
    const text = packText(['providers.targets[0].provider', `openai:chat:${longModel}`]);
    const expected = [
      {
        path: 'providers.targets[0].provider',
        message: expect.stringContaining(
          `expected a model (after vendor:kind:) of at most ${MAX_IDENTIFIER_CHARS} characters`,
        ),
      },
    ];
    expect(errorsOf(text)).toEqual(expected);
    const published = validatePackReferences(text);
    expect(published.ok ? [] : published.errors).toEqual(expected);
  });

  it('accepts a provider model of exactly the cap', () => {
    const model = 'm'.repeat(MAX_IDENTIFIER_CHARS);
    expect(errorsOf(packText(['providers.targets[0].provider', `openai:chat:${model}`]))).toEqual([]);
  });

  it.each([
    ['target id', 'providers.targets[2].id'],
    ['group name', 'providers.model_groups[1].name'],
    ['key id', 'auth.keys[0].id'],
    ['team', 'auth.keys[0].team'],
    ['pack name', 'pack.name'],
  ])('refuses a %s over the cap, naming the path', (_what, path) => {
    const errors = errorsOf(packText([path, 'x'.repeat(MAX_IDENTIFIER_CHARS + 1)]));
    expect(errors).toContainEqual({ path, message: expect.stringContaining('at most') });
  });

  it('refuses an alias over the cap, naming the list', () => {
    const aliases = ['x'.repeat(MAX_IDENTIFIER_CHARS + 1)];
    expect(errorsOf(packText(['providers.model_groups[0].aliases', aliases]))).toEqual([
      { path: 'providers.model_groups[0].aliases', message: expect.stringContaining('model names') },
    ]);
  });
});
