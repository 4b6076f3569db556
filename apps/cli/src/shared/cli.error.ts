// Exit codes of every `kt` command (docs/cli.md): 0 ok, 1 failure, 2 invalid input or refused credentials.

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_USAGE;

/** An error a command reports as `error: <message>` before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** The HTTP status when a service refused the request. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A flag the user got wrong: exit 2. */
export const usageError = (message: string): CliError => new CliError(message, EXIT_USAGE);
