import { describe, expect, it } from 'vitest';
import { SemanticStrategy } from './semantic.strategy.js';
import { context, ids, target } from './strategy.fixture.js';

const candidates = [target('general'), target('code'), target('legal')];

describe('semantic (interim)', () => {
  it.each([
    ['no hook: ordered', {}, ['general', 'code', 'legal']],
    ['hook without a prompt: ordered', { semanticRoute: () => ['legal'] }, ['general', 'code', 'legal']],
    [
      'hook with no opinion: ordered',
      { prompt: 'hi', semanticRoute: () => undefined },
      ['general', 'code', 'legal'],
    ],
    [
      'named targets first, in the hook order',
      { prompt: 'fix this bug', semanticRoute: () => ['legal', 'code'] },
      ['legal', 'code', 'general'],
    ],
    [
      'names of unavailable targets are ignored',
      { prompt: 'contract', semanticRoute: () => ['gone', 'legal'] },
      ['legal', 'general', 'code'],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(ids(new SemanticStrategy().order(candidates, context(overrides)))).toEqual(expected);
  });

  it('passes the prompt to the hook', () => {
    const seen: string[] = [];
    new SemanticStrategy().order(
      candidates,
      context({ prompt: 'summarise', semanticRoute: (p) => (seen.push(p), []) }),
    );
    expect(seen).toEqual(['summarise']);
  });
});
