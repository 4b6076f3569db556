import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one request carries. */
export interface LogContext {
  request_id?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` (and everything it starts) with its own log context. */
export function runWithLogContext<T>(initial: LogContext, fn: () => T): T {
  return storage.run({ ...initial }, fn);
}

/** Names the request being handled, once the service knows its id (the gateway may make one up). */
export function setLogRequestId(requestId: string): void {
  const store = storage.getStore();
  if (store !== undefined) store.request_id = requestId;
}

export function currentLogContext(): Readonly<LogContext> | undefined {
  return storage.getStore();
}
