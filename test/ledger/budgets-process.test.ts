import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, ensureBudgetTopics } from './budgets.fixture.js';
import { LedgerProcess } from './budgets-process.fixture.js';
import { TEST_LEDGER_ADMIN_TOKEN } from '../support/service.credentials.js';
import { nonWarningLines } from '../support/cli.stderr.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function kt(
  ledgerUrl: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/kt.js', ...args, '--url', ledgerUrl],
      { cwd: root, env: { ...process.env, KT_LEDGER_TOKEN: TEST_LEDGER_ADMIN_TOKEN }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('budgets in the shipped ledger process', () => {
  let ledger: LedgerProcess | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    await ensureBudgetTopics();
    databaseUrl = await createDatabase();
    ledger = await LedgerProcess.start(databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await ledger?.kill9();
  });

  it('keeps the seed’s provider budgets through a kill -9 and serves its API description', async () => {
    const first = ledger as LedgerProcess;
    for (const [provider, limit] of [
      ['openai', '5000'],
      ['anthropic', '3000'],
    ]) {
      const run = await kt(
        first.url,
        'spend',
        'provider-budget',
        'create',
        '--provider',
        provider,
        '--limit',
        limit,
        '--period',
        'monthly',
      );
      expect(nonWarningLines(run.stderr), run.stderr).toEqual([]);
      expect(run.code).toBe(0);
    }
    await first.kill9();
    ledger = await LedgerProcess.start(databaseUrl, first.port);

    const listed = await kt(ledger.url, 'spend', 'provider-budget', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/provider:openai\s+monthly\s+5000\.00/);
    expect(listed.stdout).toMatch(/provider:anthropic\s+monthly\s+3000\.00/);
    const docs = await fetch(`${ledger.url}/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toContain('/v1/budgets');
  });
});
