// How a `kt` action ends: its exit code, or `error: …` on stderr and the error's code.
import { CliError, EXIT_FAILURE } from './cli.error.js';

/** Writes and waits until the text is flushed (a process.exit right after must not cut it). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}

/** Runs a command body and exits with its code; errors become `error: message` and their exit code. */
export async function runCommand(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    await write(process.stderr, `error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
  // An explicit exit, as in `kt pack validate`: a dependency's beforeExit hook could reset process.exitCode.
  process.exit(code);
}
