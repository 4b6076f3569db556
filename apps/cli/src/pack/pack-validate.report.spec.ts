import { describe, expect, it } from 'vitest';
import { parsePack } from '@kt/pack';
import { reportValidation } from './pack-validate.report.js';

const packYaml = (weight: string): string => `
pack: { name: tiny, version: "0.3.0", enabled: true }
providers:
  model_groups: [{ name: g, targets: [t] }]
  targets:
    - { id: t, provider: "openai:chat:gpt-4o", weight: ${weight}, secret_key_ref: { env: PACK_REPORT_KEY } }
`;

describe('reportValidation', () => {
  it('prints a one-line summary for a valid pack and its warnings on stderr', () => {
    const report = reportValidation('tiny.yaml', parsePack(packYaml('1'), { env: {} }), false);
    expect(report).toEqual({
      exitCode: 0,
      stdout: 'valid: tiny@0.3.0 (1 target, 1 group)\nprices: @pydantic/genai-prices 0.1.8\n',
      stderr:
        'warning: providers.targets[0].secret_key_ref.env: environment variable PACK_REPORT_KEY is not set; target "t" is unavailable\n',
    });
  });

  it('prints every error as path: message and exits 2 for an invalid pack', () => {
    const report = reportValidation(
      'tiny.yaml',
      parsePack(packYaml('-1'), { env: { PACK_REPORT_KEY: 'k' } }),
      false,
    );
    expect(report).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'invalid: tiny.yaml (1 error)\nproviders.targets[0].weight: expected a number >= 0; got -1\n',
    });
  });

  it('prints the JSON shape with pack null when invalid', () => {
    const report = reportValidation(
      'tiny.yaml',
      parsePack(packYaml('x'), { env: { PACK_REPORT_KEY: 'k' } }),
      true,
    );
    expect(report.exitCode).toBe(2);
    expect(JSON.parse(report.stdout)).toEqual({
      valid: false,
      errors: [{ path: 'providers.targets[0].weight', message: 'expected a number >= 0; got "x"' }],
      warnings: [],
      pack: null,
      catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
    });
  });

  it('warns for an unpriced target, naming the field that fixes it, and still exits 0', () => {
    const text = packYaml('1').replace('openai:chat:gpt-4o', 'azure:chat:my-deployment');
    const report = reportValidation('tiny.yaml', parsePack(text, { env: { PACK_REPORT_KEY: 'k' } }), false);
    expect(report).toEqual({
      exitCode: 0,
      stdout: 'valid: tiny@0.3.0 (1 target, 1 group)\nprices: @pydantic/genai-prices 0.1.8\n',
      stderr:
        'warning: providers.targets[0] (t): no price for azure "my-deployment"; set providers.targets[0].base_model to the model the deployment runs, or providers.targets[0].pricing\n',
    });
    const json = reportValidation('tiny.yaml', parsePack(text, { env: { PACK_REPORT_KEY: 'k' } }), true);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: true,
      warnings: [
        { path: 'providers.targets[0]', message: expect.stringContaining('no price for azure') as string },
      ],
    });
  });

  it('names a value from the environment by its ${VAR}, never the value', () => {
    const secret = '-424242-from-the-environment';
    const text = packYaml('"${PACK_REPORT_WEIGHT}"').replace(
      'provider: "openai:chat:gpt-4o"',
      'provider: "${PACK_REPORT_PROVIDER}"',
    );
    const env = { PACK_REPORT_KEY: 'k', PACK_REPORT_WEIGHT: secret, PACK_REPORT_PROVIDER: `nope:${secret}` };
    const report = reportValidation('tiny.yaml', parsePack(text, { env }), false);
    expect(report.exitCode).toBe(2);
    expect(report.stderr).toContain('${PACK_REPORT_WEIGHT}');
    expect(report.stderr).not.toContain('424242');
  });
});
