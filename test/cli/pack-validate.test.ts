import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = fileURLToPath(new URL('../../packs/multi-provider-core.yaml', import.meta.url));
const invalid = 'libs/pack/fixtures/invalid-several.yaml';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const secrets = { OPENAI_API_KEY: 'sk-cli-test-openai', AZURE_OPENAI_API_KEY: 'cli-test-azure' };

const AZURE_UNPRICED =
  'providers.targets[1] (azure-secondary): no price for azure "gpt-5.4-mini-mini"; set providers.targets[1].base_model to the model the deployment runs, or providers.targets[1].pricing';

function kt(...argsAndEnv: (string | Record<string, string>)[]): Promise<Run> {
  const args = argsAndEnv.filter((a): a is string => typeof a === 'string');
  const extra = argsAndEnv.find((a): a is Record<string, string> => typeof a !== 'string') ?? {};
  const env: NodeJS.ProcessEnv = { ...process.env, ...secrets, ...extra };
  delete env['ANTHROPIC_API_KEY'];
  return new Promise((resolve) => {
    execFile('node', ['bin/kt.js', ...args], { cwd: root, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
        stdout,
        stderr,
      });
    });
  });
}

describe('kt pack validate', () => {
  it('exits 0 for the seed pack and prints the summary, the catalog and its warnings, the unpriced Azure deployment included', async () => {
    const run = await kt('pack', 'validate', seed);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'valid: multi-provider-core@1.0.0 (3 targets, 2 groups)\nprices: @pydantic/genai-prices 0.1.8\n',
    );
    expect(run.stderr).toBe(
      'warning: providers.targets[2].secret_key_ref.env: environment variable ANTHROPIC_API_KEY is not set; target "anthropic-last-resort" is unavailable\n' +
        `warning: ${AZURE_UNPRICED}\n`,
    );
  });

  it('has no unpriced warning once the Azure target names its base_model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-validate-'));
    const copy = join(dir, 'pack.yaml');
    const line = '      provider: azure:chat:gpt-5.4-mini-mini\n';
    writeFileSync(copy, readFileSync(seed, 'utf8').replace(line, `${line}      base_model: gpt-5.4-mini\n`));
    const run = await kt('pack', 'validate', copy);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('no price');
    expect(run.stderr).toContain('ANTHROPIC_API_KEY is not set');
  });

  it('prices with KT_PRICES_FILE when set, and refuses a broken one with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-validate-'));
    const prices = join(dir, 'prices.json');
    writeFileSync(prices, JSON.stringify([{ id: 'openai', name: 'OpenAI', api_pattern: '.*', models: [] }]));
    const priced = await kt('pack', 'validate', seed, { KT_PRICES_FILE: prices });
    expect(priced.code).toBe(0);
    expect(priced.stdout).toMatch(/^prices: prices\.json file:[0-9a-f]{12}$/m);
    expect(priced.stderr).toContain('providers.targets[0] (openai-main): no price for openai "gpt-5.4-mini"');
    writeFileSync(prices, 'not json');
    const broken = await kt('pack', 'validate', seed, { KT_PRICES_FILE: prices });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('KT_PRICES_FILE: the prices file is not valid JSON\n');
  });

  it('exits 2 for an invalid pack and prints every error as path: message', async () => {
    const run = await kt('pack', 'validate', invalid);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`invalid: ${invalid} (4 errors)`);
    expect(lines.slice(1).map((line) => line.slice(0, line.indexOf(': ')))).toEqual([
      'pack.version',
      'providers.routing.strategy',
      'providers.targets[0].wieght',
      'providers.model_groups[0].targets[1]',
    ]);
    expect(lines[3]).toContain('unknown key; expected one of: id, provider, weight,');
  });

  it('exits 2 with a clear message for a file it cannot read', async () => {
    const run = await kt('pack', 'validate', 'no/such/pack.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'invalid: no/such/pack.yaml (1 error)\nno/such/pack.yaml: cannot read the pack file: no such file\n',
    );
  });

  it('prints valid, errors, warnings and the pack name as JSON with --json', async () => {
    const run = await kt('pack', 'validate', seed, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: true,
      errors: [],
      warnings: [
        {
          path: 'providers.targets[2].secret_key_ref.env',
          message:
            'environment variable ANTHROPIC_API_KEY is not set; target "anthropic-last-resort" is unavailable',
        },
        { path: 'providers.targets[1]', message: AZURE_UNPRICED.slice(AZURE_UNPRICED.indexOf(': ') + 2) },
      ],
      pack: { name: 'multi-provider-core', version: '1.0.0' },
      catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
    });
    expect(run.stdout).not.toContain(secrets.OPENAI_API_KEY);
  });

  it('prints the errors as JSON and exits 2 for an invalid pack with --json', async () => {
    const run = await kt('pack', 'validate', '--json', invalid);
    expect(run.code).toBe(2);
    const body = JSON.parse(run.stdout) as {
      valid: boolean;
      errors: { path: string; message: string }[];
      pack: unknown;
    };
    expect(body.valid).toBe(false);
    expect(body.pack).toBeNull();
    expect(body.errors).toContainEqual({
      path: 'providers.model_groups[0].targets[1]',
      message: 'unknown target "missing-target"; expected one of the target ids: openai-main',
    });
    expect(body.errors).toHaveLength(4);
  });
});
