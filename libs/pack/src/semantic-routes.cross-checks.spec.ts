import { describe, expect, it } from 'vitest';
import { parsePack } from './pack.parser.js';

/** A pack with one semantic group; `group` and `extra` are spliced in as YAML lines. */
function pack(group: string, extraTargets = ''): string {
  return `
pack: { name: semantic-test, version: "1.0.0", enabled: true }
providers:
  model_groups:
    - name: assistant
${group}
    - name: legal-llm
      targets: [claude]
  targets:
    - { id: gpt, provider: "openai:chat:gpt-5.4-mini" }
    - { id: claude, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
    - { id: embed, provider: "openai:embeddings:text-embedding-3-small" }
${extraTargets}`;
}

const VALID = `      strategy: semantic
      targets: [gpt, claude]
      semantic: { embedding_target: embed, threshold: 0.8, default_route: drafting, timeout_ms: 200 }
      routes:
        - name: drafting
          target: gpt
          examples: ["Draft a friendly email to a customer"]
        - name: legal
          group: legal-llm
          examples: ["Review this contract clause for liability"]`;

describe('semantic routes in a pack', () => {
  it('normalizes routes, destinations and matching settings with defaults', () => {
    const result = parsePack(pack(VALID), { env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack.groupsByName.get('assistant')?.semantic).toEqual({
      routes: [
        { name: 'drafting', target: 'gpt', examples: ['Draft a friendly email to a customer'] },
        { name: 'legal', group: 'legal-llm', examples: ['Review this contract clause for liability'] },
      ],
      embeddingTarget: 'embed',
      threshold: 0.8,
      lexicalThreshold: 0.2,
      defaultRoute: 'drafting',
      timeoutMs: 200,
    });
    expect(result.pack.groupsByName.get('legal-llm')?.semantic).toBeUndefined();
  });

  it.each([
    [
      'a route without a destination',
      VALID.replace('          target: gpt\n', ''),
      'providers.model_groups[0].routes[0]',
      'expected exactly one of target (of this group) or group',
    ],
    [
      'a route to a target outside the group',
      VALID.replace('target: gpt', 'target: embed'),
      'providers.model_groups[0].routes[0].target',
      '"embed" is not a target of this group; expected one of: gpt, claude',
    ],
    [
      'a route to an unknown group',
      VALID.replace('group: legal-llm', 'group: nowhere'),
      'providers.model_groups[0].routes[1].group',
      '"nowhere" is not another model group of this pack',
    ],
    [
      'an unknown default route',
      VALID.replace('default_route: drafting', 'default_route: chit-chat'),
      'providers.model_groups[0].semantic.default_route',
      'unknown route "chit-chat"; expected one of: drafting, legal',
    ],
    [
      'a chat target as the embedding target',
      VALID.replace('embedding_target: embed', 'embedding_target: gpt'),
      'providers.model_groups[0].semantic.embedding_target',
      'target "gpt" is not an embeddings target',
    ],
    [
      'routes without strategy semantic',
      VALID.replace('strategy: semantic', 'strategy: ordered'),
      'providers.model_groups[0].strategy',
      'expected semantic for a group with routes',
    ],
    [
      'a threshold above 1',
      VALID.replace('threshold: 0.8', 'threshold: 1.5'),
      'providers.model_groups[0].semantic.threshold',
      'expected a number from 0 to 1; got 1.5',
    ],
    [
      'a route without examples',
      VALID.replace('examples: ["Draft a friendly email to a customer"]', 'examples: []'),
      'providers.model_groups[0].routes[0].examples',
      'expected a non-empty list of example prompts; got []',
    ],
  ])('refuses %s, naming its path', (_name, group, path, message) => {
    const result = parsePack(pack(group), { env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ path, message });
  });

  it('requires routes of a semantic group', () => {
    const result = parsePack(pack('      strategy: semantic\n      targets: [gpt]'), { env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual({
        path: 'providers.model_groups[0].routes',
        message: 'required by strategy semantic; expected a non-empty list of routes',
      });
  });
});
