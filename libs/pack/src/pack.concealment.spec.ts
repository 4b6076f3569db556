import { describe, expect, it } from 'vitest';
import { packText } from '../fixtures/pack-text.fixture.js';
import { parsePack } from './pack.parser.js';

// The values an attacker would want out of reporting or a gateway's logs (kt's own variables are
// refused outright, see pack.reserved-env.spec.ts; these stand for an operator's own secrets).
const env = {
  BROKER_LIST: 'localhost:9092',
  STORE_URL: 'postgres://kt:hunter2@db:5432/kt',
  ADMIN_TOKENS: 'admin:ops:kt-admin-secret',
  SHORT: 'ab',
};

function messagesOf(text: string): string {
  const result = parsePack(text, { env, source: 'probe.yaml' });
  return JSON.stringify(result.ok ? result.warnings : [...result.errors, ...result.warnings]);
}

describe('messages about a pack never print a value substituted from the environment', () => {
  it.each(['BROKER_LIST', 'STORE_URL', 'ADMIN_TOKENS'] as const)(
    'names ${%s} in a group target instead of its value',
    (name) => {
      const messages = messagesOf(packText(['providers.model_groups[1].targets', [`\${${name}}`]]));
      expect(messages).toContain(`unknown target \\"\${${name}}\\"`);
      expect(messages).not.toContain(env[name]);
    },
  );

  it('conceals a value spliced into literal text, in ids, names and base URLs', () => {
    const messages = messagesOf(
      packText(
        ['providers.targets[2].id', 'c-${BROKER_LIST}'],
        ['providers.model_groups[0].fallback_group', '${STORE_URL}'],
        ['providers.targets[0].base_url', '${ADMIN_TOKENS}'],
      ),
    );
    expect(messages).toContain('c-${BROKER_LIST}');
    expect(messages).toContain('unknown group \\"${STORE_URL}\\"');
    for (const value of Object.values(env).filter((v) => v.length > 2)) expect(messages).not.toContain(value);
    expect(messages).not.toContain('hunter2');
  });

  it('names a short value only where it is quoted whole', () => {
    const messages = messagesOf(packText(['providers.model_groups[1].targets', ['${SHORT}']]));
    expect(messages).toContain('unknown target \\"${SHORT}\\"');
  });
});
