import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { GatewayUnderTest, requestId, startSims } from './gateway.fixture.js';

const ROUTES = `
      routes:
        - name: drafting
          target: azure-chat
          examples:
            - Draft a friendly email to a customer about their delayed order
            - Write a blog post announcing our new product launch
        - name: code
          target: anthropic-chat
          examples:
            - Fix the bug in this TypeScript function that throws a null pointer exception
            - Refactor this SQL query to use a join instead of a subquery
        - name: legal-review
          group: legal-llm
          examples:
            - Review this contract clause for liability and indemnification risks
            - Check the termination terms of this supplier agreement for legal exposure`;

const PACK = `
pack: { name: semantic-test, version: "1.0.0", enabled: true }
providers:
  fallback: { enabled: true, retry: { max_retries: 0 } }
  circuit_breaker: { failure_threshold: 50 }
  model_groups:
    - name: assistant
      strategy: semantic
      targets: [azure-chat, anthropic-chat]
      semantic: { default_route: drafting }${ROUTES}
    - name: assistant-embedded
      strategy: semantic
      targets: [azure-chat, anthropic-chat]
      semantic: { embedding_target: openai-embed, default_route: drafting, timeout_ms: 1000 }${ROUTES}
    - name: legal-llm
      targets: [anthropic-legal]
    - name: embeddings
      targets: [openai-embed]
  targets:
    - { id: azure-chat, provider: "azure:chat:gpt-5.4-mini", secret_key_ref: { env: AZURE_OPENAI_API_KEY } }
    - { id: anthropic-chat, provider: "anthropic:chat:claude-3-5-sonnet-20241022", secret_key_ref: { env: ANTHROPIC_API_KEY } }
    - { id: anthropic-legal, provider: "anthropic:chat:claude-3-5-sonnet-20241022", secret_key_ref: { env: ANTHROPIC_API_KEY } }
    - { id: openai-embed, provider: "openai:embeddings:text-embedding-3-small", secret_key_ref: { env: OPENAI_API_KEY } }
`;

const CODE_EXAMPLE = 'Fix the bug in this TypeScript function that throws a null pointer exception';

describe('semantic routing', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await sims?.stop();
  });

  beforeEach(async () => {
    await sims.reset();
  });

  async function ask(model: string, prompt: string): Promise<{ target: string; route: string }> {
    const answer = await gateway.post(
      '/v1/chat/completions',
      { model, messages: [{ role: 'user', content: prompt }], max_tokens: 8 },
      requestId('sem'),
    );
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    return {
      target: answer.headers.get('x-kt-target') ?? '',
      route: answer.headers.get('x-kt-semantic-route') ?? '',
    };
  }

  it.each([
    [
      'Please draft an email to our customers announcing the price change',
      'azure-chat',
      'drafting (lexical)',
    ],
    [
      'Can you review the indemnification clause in this contract?',
      'anthropic-legal',
      'legal-review (lexical)',
    ],
    [
      'My TypeScript function throws an exception when the input is null, fix it',
      'anthropic-chat',
      'code (lexical)',
    ],
    ['Tell me a joke about penguins', 'azure-chat', 'drafting (default)'],
  ])('without an embedder, routes "%s" to %s by lexical similarity', async (prompt, target, route) => {
    expect(await ask('assistant', prompt)).toEqual({ target, route });
  });

  it('falls back to the group’s other target when the route’s target fails', async () => {
    await sims.setFaults('azure', { errorRate: 1, errorStatus: 500 });
    expect(await ask('assistant', 'Please draft an email to our customers')).toEqual({
      target: 'anthropic-chat',
      route: 'drafting (lexical)',
    });
  });

  it('matches by embedding through the pack’s embeddings target, one embedding call per request', async () => {
    // The examples are embedded at pack load; until they are, matching is lexical.
    const deadline = Date.now() + 15_000;
    while ((await ask('assistant-embedded', CODE_EXAMPLE)).route !== 'code (embedding)') {
      if (Date.now() > deadline) throw new Error('route examples were never embedded');
      await sleep(200);
    }
    await sims.reset();
    expect(await ask('assistant-embedded', CODE_EXAMPLE)).toEqual({
      target: 'anthropic-chat',
      route: 'code (embedding)',
    });
    expect(sims.stats().openai.endpoints['embeddings']).toBe(1);
  });

  it('falls back to lexical matching when the prompt embedding fails', async () => {
    await sims.setFaults('openai', { errorRate: 1, errorStatus: 503 });
    expect(await ask('assistant-embedded', 'Please refactor my SQL query, it has a subquery')).toEqual({
      target: 'anthropic-chat',
      route: 'code (lexical)',
    });
  });
});
