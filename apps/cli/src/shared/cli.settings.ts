// The `kt` CLI's environment, read once in its entry point (`main.ts`) and handed to every command:
// nothing below the entry point reads `process.env`, so a command's inputs are its flags and this.

/** The variables the commands consult (flag > variable > profile > default, see cli.profile.ts). */
export interface CliEnv {
  /** Gateway key for `kt targets`, reporting token for the reporting commands. */
  readonly KT_TOKEN?: string;
  readonly KT_GATEWAY_URL?: string;
  readonly KT_REPORTING_URL?: string;
  readonly KT_LEDGER_URL?: string;
  readonly KT_LEDGER_TOKEN?: string;
  /** The pack `kt up` runs when `--pack` is not given. */
  readonly KT_PACK?: string;
  /** Where the profile lives (cli.profile.ts). */
  readonly KT_CONFIG_DIR?: string;
  readonly XDG_CONFIG_HOME?: string;
}

/** What the entry point hands down: the typed variables, and the environment `kt up` passes on. */
export interface CliSettings extends CliEnv {
  /**
   * The whole environment as it was at start-up, for what the CLI forwards rather than consults:
   * the services `kt up` starts, and the pricing catalog and pack `${VAR}` references, which read
   * the same variables the gateway would.
   */
  readonly inherited: Readonly<NodeJS.ProcessEnv>;
}

const URL_VARIABLES = ['KT_GATEWAY_URL', 'KT_REPORTING_URL', 'KT_LEDGER_URL'] as const;

export class CliSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    // One line, as every `kt` error is (docs/cli.md).
    super(`invalid environment: ${problems.join('; ')}`);
    this.name = 'CliSettingsError';
  }
}

/**
 * Reads and checks the CLI's variables once. Every wrong variable is named in one error, never its
 * value (a URL may carry credentials). An empty URL is left to the commands, as before.
 */
export function readCliSettings(env: Readonly<NodeJS.ProcessEnv>): CliSettings {
  const problems = URL_VARIABLES.filter((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && !isHttpUrl(value);
  }).map((name) => `${name}: must be an http or https URL`);
  if (problems.length > 0) throw new CliSettingsError(problems);
  return Object.freeze({
    KT_TOKEN: env.KT_TOKEN,
    KT_GATEWAY_URL: env.KT_GATEWAY_URL,
    KT_REPORTING_URL: env.KT_REPORTING_URL,
    KT_LEDGER_URL: env.KT_LEDGER_URL,
    KT_LEDGER_TOKEN: env.KT_LEDGER_TOKEN,
    KT_PACK: env.KT_PACK,
    KT_CONFIG_DIR: env.KT_CONFIG_DIR,
    XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
    inherited: Object.freeze({ ...env }),
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
