// Turns a refusal of the reporting API into the message and exit code a `kt` user sees.
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli.error.js';

interface ErrorBody {
  readonly type?: string;
  readonly code?: string;
  readonly message?: string;
  readonly errors?: readonly { readonly path?: string; readonly message?: string }[];
}

/** The `{ error: {…} }` body of a kt service, or what Nest answers by default (`{ message }`). */
export function readErrorBody(text: string): ErrorBody {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof parsed.error === 'object' && parsed.error !== null) return parsed.error as ErrorBody;
    if (Array.isArray(parsed.message)) return { message: parsed.message.join('; ') };
    if (typeof parsed.message === 'string') return { message: parsed.message };
  } catch {
    // Not JSON: show the text itself.
  }
  return { message: text.trim().slice(0, 500) };
}

/**
 * 400 → exit 2 (fix the flags or the file), 401/403 → exit 2 (fix the token), 429 and anything
 * else → exit 1. The server's message says what was wrong; the prefix says what to do.
 */
export function describeRefusal(
  what: string,
  status: number,
  text: string,
  retryAfter?: string | null,
): CliError {
  const body = readErrorBody(text);
  const detail = [body.code, body.message].filter((part) => part !== undefined && part !== '').join(': ');
  const suffix = detail === '' ? '' : ` (${detail})`;
  const listed = (body.errors ?? [])
    .map((issue) => `\n  ${issue.path ? `${issue.path}: ` : ''}${issue.message ?? ''}`)
    .join('');
  switch (status) {
    case 400:
      return new CliError(`${what} refused: invalid request${suffix}${listed}`, EXIT_USAGE, status);
    case 401:
      return new CliError(
        `${what} refused: the reporting token is missing or unknown${suffix}; pass --token or set KT_TOKEN`,
        EXIT_USAGE,
        status,
      );
    case 403:
      return new CliError(`${what} refused: this needs an admin token${suffix}`, EXIT_USAGE, status);
    case 429:
      return new CliError(
        `${what} refused: rate limited${retryAfter ? `, retry after ${retryAfter} s` : ''}${suffix}`,
        EXIT_FAILURE,
        status,
      );
    default:
      return new CliError(`${what} failed: HTTP ${status}${suffix}`, EXIT_FAILURE, status);
  }
}
