import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The logs once they match `pattern`, or as they are after `timeoutMs` (the caller's expect then
 * fails showing them). Services log through pino, which flushes asynchronously: a line can reach a
 * test's pipe after the response or state change it comes with.
 */
export async function waitForLog(
  read: () => string,
  pattern: string | RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const matches = (text: string): boolean =>
    typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  const deadline = Date.now() + timeoutMs;
  let text = read();
  while (!matches(text) && Date.now() < deadline) {
    await sleep(100);
    text = read();
  }
  return text;
}
