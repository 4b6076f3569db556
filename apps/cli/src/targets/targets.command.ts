// The `kt targets` command: what the gateway knows of every target (GET /v1/targets).
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { formatTargetsTable, isTargetsAnswer } from './targets.table.js';

const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:41002';

interface TargetsOptions {
  readonly url?: string;
  readonly key?: string;
  readonly json?: boolean;
}

export function registerTargetsCommands(program: Command, env: CliEnv): void {
  program
    .command('targets')
    .description('show every target: health, breaker, latency p50/p95, in-flight, budget; exit 1 on failure')
    .option('--url <url>', `gateway base URL (env KT_GATEWAY_URL, default ${DEFAULT_GATEWAY_URL})`)
    .option('--key <key>', 'gateway key (env KT_TOKEN)')
    .option('--json', 'print the gateway answer as JSON')
    .action(async (options: TargetsOptions) => {
      process.exit(await showTargets(options, env));
    });
}

async function showTargets(options: TargetsOptions, env: CliEnv): Promise<number> {
  const key = options.key ?? env.KT_TOKEN;
  if (!key) {
    process.stderr.write('kt targets needs a gateway key: pass --key or set KT_TOKEN\n');
    return 2;
  }
  const base = (options.url ?? env.KT_GATEWAY_URL ?? DEFAULT_GATEWAY_URL).replace(/\/+$/, '');
  try {
    const answer = await fetch(`${base}/v1/targets`, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(10_000),
    });
    const body: unknown = await answer.json().catch(() => null);
    if (!answer.ok || !isTargetsAnswer(body)) {
      const message = (body as { error?: { message?: string } } | null)?.error?.message;
      process.stderr.write(
        `the gateway at ${base} answered ${answer.status}${message ? `: ${message}` : ''}\n`,
      );
      return 1;
    }
    process.stdout.write(
      options.json ? `${JSON.stringify(body, null, 2)}\n` : formatTargetsTable(body, Date.now()),
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `cannot reach the gateway at ${base}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
