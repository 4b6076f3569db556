import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = fileURLToPath(new URL('../../packs/multi-provider-core.yaml', import.meta.url));
const invalid = 'libs/pack/test-fixtures/invalid-several.yaml';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const secrets = { OPENAI_API_KEY: 'sk-cli-test-openai', AZURE_OPENAI_API_KEY: 'cli-test-azure' };

function kt(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...secrets };
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
  it('exits 0 for the seed pack and prints the summary and its warnings', async () => {
    const run = await kt('pack', 'validate', seed);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('valid: multi-provider-core@1.0.0 (3 targets, 2 groups)\n');
    expect(run.stderr).toBe(
      'warning: providers.targets[2].secret_key_ref.env: environment variable ANTHROPIC_API_KEY is not set; target "anthropic-last-resort" is unavailable\n',
    );
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
      ],
      pack: { name: 'multi-provider-core', version: '1.0.0' },
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
