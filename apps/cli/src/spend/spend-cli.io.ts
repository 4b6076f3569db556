// How every `kt spend` budget command ends: its exit code, errors on stderr.
import { LedgerError } from './spend.client.js';

export async function usage(message: string): Promise<number> {
  await write(process.stderr, `error: ${message}\n`);
  return 2;
}

export async function run(action: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (error) {
    await write(process.stderr, `error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = error instanceof LedgerError ? error.exitCode : 1;
  }
  // An explicit exit, as in `kt pack`: a dependency's beforeExit hook could otherwise reset the code.
  process.exit(code);
}

export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
