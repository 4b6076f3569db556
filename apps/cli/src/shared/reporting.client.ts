// The `kt` commands' HTTP client for the reporting API: base URL and token from
// flags > env > CLI profile (written by `kt up`) > default.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { CliError, EXIT_FAILURE, usageError } from './cli.error.js';
import { readProfile } from './cli.profile.js';
import type { CliEnv } from './cli.settings.js';
import { describeRefusal } from './reporting.refusal.js';

export const DEFAULT_REPORTING_URL = 'http://127.0.0.1:41003';
export const REPORTING_URL_HELP = `reporting base URL (env KT_REPORTING_URL, default ${DEFAULT_REPORTING_URL})`;
export const TOKEN_HELP = 'reporting token, finance or admin (env KT_TOKEN)';

/** The flags every command that talks to reporting accepts. */
export interface ReportingFlags {
  readonly reportingUrl?: string;
  /** Short alias of --reporting-url, as the other command groups spell their base URL. */
  readonly url?: string;
  readonly token?: string;
}

/** Adds `--reporting-url` (alias `--url`) and `--token` to a command. */
export function withReportingOptions(command: Command): Command {
  return command
    .option('--reporting-url <url>', REPORTING_URL_HELP)
    .option('--url <url>', 'same as --reporting-url')
    .option('--token <token>', TOKEN_HELP);
}

export type Query = Readonly<Record<string, string | undefined>>;

const TIMEOUT_MS = 30_000;
// A 429 is waited out this many times (honouring Retry-After, at most MAX_WAIT_S each) before failing.
const RATE_LIMIT_RETRIES = 2;
const MAX_WAIT_S = 10;

export function reportingUrl(flag: string | undefined, env: CliEnv): string {
  const url = flag ?? env.KT_REPORTING_URL ?? readProfile(env).reporting_url ?? DEFAULT_REPORTING_URL;
  return url.replace(/\/+$/, '');
}

export function reportingToken(flag: string | undefined, env: CliEnv): string {
  const token = flag ?? env.KT_TOKEN ?? readProfile(env).reporting_token;
  if (token === undefined || token === '') {
    throw usageError('this command needs a reporting token: pass --token or set KT_TOKEN');
  }
  return token;
}

export class ReportingClient {
  constructor(
    readonly base: string,
    private readonly token: string,
  ) {}

  static fromFlags(flags: ReportingFlags, env: CliEnv): ReportingClient {
    return new ReportingClient(
      reportingUrl(flags.reportingUrl ?? flags.url, env),
      reportingToken(flags.token, env),
    );
  }

  async getJson<T>(path: string, query: Query = {}): Promise<T> {
    return (await (await this.request('GET', path, query)).json()) as T;
  }

  async postJson<T>(path: string, body: unknown): Promise<T> {
    const answer = await this.request('POST', path, {}, JSON.stringify(body), 'application/json');
    return (await answer.json()) as T;
  }

  async postText<T>(path: string, text: string, contentType: string): Promise<T> {
    return (await (await this.request('POST', path, {}, text, contentType)).json()) as T;
  }

  /** A successful answer whose body the caller streams (exports); no overall timeout. */
  stream(path: string, query: Query = {}): Promise<Response> {
    return this.request('GET', path, query, undefined, undefined, false);
  }

  private async request(
    method: string,
    path: string,
    query: Query,
    body?: string,
    contentType?: string,
    timeout = true,
  ): Promise<Response> {
    const url = `${this.base}${path}${queryString(query)}`;
    const what = `${method} ${path}`;
    for (let attempt = 0; ; attempt += 1) {
      let answer: Response;
      try {
        answer = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            'x-kt-client': 'kt-cli',
            ...(contentType === undefined ? {} : { 'content-type': contentType }),
          },
          body,
          signal: timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined,
        });
      } catch (error) {
        throw new CliError(`cannot reach reporting at ${this.base}: ${causeOf(error)}`, EXIT_FAILURE);
      }
      if (answer.ok) return answer;
      const retryAfter = answer.headers.get('retry-after');
      const text = await answer.text();
      const waitS = Number(retryAfter ?? '1');
      if (answer.status === 429 && attempt < RATE_LIMIT_RETRIES && waitS <= MAX_WAIT_S) {
        await sleep(Math.max(waitS, 0.1) * 1000);
        continue;
      }
      throw describeRefusal(what, answer.status, text, retryAfter);
    }
  }
}

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error.message;
}
