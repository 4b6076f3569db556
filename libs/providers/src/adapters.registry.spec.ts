import { afterAll, describe, expect, it } from 'vitest';
import { createAdapters } from './adapters.registry.js';
import { UpstreamHttp } from './http/upstream.http.js';
import { VENDORS } from '@kt/contracts';

describe('createAdapters', () => {
  const http = new UpstreamHttp();
  afterAll(() => http.close());
  const adapters = createAdapters({}, http);

  it('registers one adapter per vendor, under its own name', () => {
    expect([...adapters.keys()]).toEqual([...VENDORS]);
    for (const [vendor, adapter] of adapters) expect(adapter.vendor).toBe(vendor);
  });

  it.each([
    ['openai', true],
    ['azure', true],
    ['openai-compatible', true],
    ['anthropic', false],
  ] as const)('%s offers embeddings: %s', (vendor, offered) => {
    expect(typeof adapters.get(vendor)?.embeddings === 'function').toBe(offered);
  });

  it('creates no connection until a request is made', () => {
    expect(http.stats()).toEqual([]);
  });
});
