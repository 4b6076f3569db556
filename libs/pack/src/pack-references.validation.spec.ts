import { describe, expect, it } from 'vitest';
import { packText } from '../fixtures/pack-text.fixture.js';
import { validatePackReferences } from './pack-references.validation.js';

function errorsOf(text: string): readonly { path: string; message: string }[] {
  const result = validatePackReferences(text, 'probe.yaml');
  return result.ok ? [] : result.errors;
}

describe('validatePackReferences', () => {
  it('never reads the process environment', () => {
    process.env['REFERENCES_SPEC'] = 'value-of-this-process';
    try {
      const probe = validatePackReferences(
        packText(
          ['providers.targets[0].id', '${REFERENCES_SPEC}'],
          ['providers.model_groups[1].targets', ['${REFERENCES_SPEC}', 'c', 'c']],
        ),
      );
      expect(JSON.stringify(probe)).not.toContain('value-of-this-process');
      expect(probe.ok ? [] : probe.errors).toEqual([
        {
          path: 'providers.model_groups[1].targets[2]',
          message: 'target "c" is listed twice in this group',
        },
      ]);
    } finally {
      delete process.env['REFERENCES_SPEC'];
    }
  });

  it('accepts variables only the gateways define, wherever their value decides validity', () => {
    const result = validatePackReferences(
      packText(
        ['providers.targets[0].id', '${EDGE_ONLY_TARGET}'],
        ['providers.targets[0].provider', '${EDGE_ONLY_PROVIDER}'],
        ['providers.targets[1].base_url', '${EDGE_ONLY_URL}/v1'],
        ['providers.model_groups[0].targets', ['${EDGE_ONLY_TARGET}', 'b']],
        ['auth.keys[0].team', '${EDGE_ONLY_TEAM}'],
      ),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(result.identity).toMatchObject({ name: 'table', version: '1.0.0' });
  });

  it('still refuses what no environment can fix, naming the reference', () => {
    expect(errorsOf(packText(['providers.model_groups[1].targets', ['nope']]))).toEqual([
      {
        path: 'providers.model_groups[1].targets[0]',
        message: 'unknown target "nope"; expected one of the target ids: a, b, c',
      },
    ]);
    expect(errorsOf(packText(['providers.targets[0].weight', -1]))).toHaveLength(1);
  });

  it('requires a literal name and version: they name the pack before any gateway reads it', () => {
    expect(errorsOf(packText(['pack.name', '${KAFKA_BROKERS}']))).toEqual([
      { path: 'pack.name', message: expect.stringContaining('expected literal text') },
    ]);
  });

  it('reports broken YAML and a missing pack section', () => {
    expect(errorsOf('pack: [')).not.toEqual([]);
    expect(errorsOf('providers: {}')).not.toEqual([]);
  });

  it.each([
    ['flow list', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['compact block list', `${'- '.repeat(100_000)}x\n`],
  ])('refuses a 100,000-deep %s within a second, naming the text', (_name, text) => {
    const started = performance.now();
    expect(errorsOf(text)).toEqual([{ path: 'probe.yaml', message: 'nested deeper than 64 levels' }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
