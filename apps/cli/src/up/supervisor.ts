// `kt up` watches every part it started. A part that dies is reported at once (name, how it ended,
// where its log is), restarted with backoff, and the suite's status line says what is degraded.
import { setTimeout as sleep } from 'node:timers/promises';
import { failuresAfter, restartDelay, type RestartPolicy } from './restart.policy.js';

/** How a part ended; both null when it was not our direct child and its status is not visible. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface PartHandle {
  readonly pid: number;
  /** Resolves when the process is gone, whoever ended it. */
  readonly exited: Promise<ExitInfo>;
  stop(): Promise<void>;
}

export interface SupervisedPart {
  readonly name: string;
  readonly logFile: string;
  /** Starts the part and resolves once it is ready; `signal` aborts when kt up is stopping. */
  start(signal: AbortSignal): Promise<PartHandle>;
}

type State = 'running' | 'restarting' | 'gave up';

interface Entry {
  readonly part: SupervisedPart;
  handle: PartHandle | undefined;
  state: State;
  startedAt: number;
  failures: number;
  watching: Promise<void>;
}

export class Supervisor {
  private readonly entries: Entry[] = [];
  private readonly abort = new AbortController();

  constructor(
    private readonly log: (line: string) => void,
    private readonly policy: RestartPolicy,
    /** Called with the current pids whenever one changes (kt up rewrites up.json). */
    private readonly onPids: (pids: Readonly<Record<string, number>>) => void = () => undefined,
  ) {}

  /** Starts a part for the first time (a failure here is kt up's failure) and watches it from then on. */
  async add(part: SupervisedPart): Promise<void> {
    const handle = await part.start(this.abort.signal);
    const entry: Entry = {
      part,
      handle,
      state: 'running',
      startedAt: Date.now(),
      failures: 0,
      watching: Promise.resolve(),
    };
    this.entries.push(entry);
    entry.watching = this.watch(entry);
    this.onPids(this.pids());
  }

  pids(): Record<string, number> {
    const pids: Record<string, number> = {};
    for (const e of this.entries) if (e.handle) pids[e.part.name] = e.handle.pid;
    return pids;
  }

  /** `all 8 parts running`, or which parts are degraded and why. */
  status(): string {
    const degraded = this.entries.filter((e) => e.state !== 'running');
    if (degraded.length === 0) return `status: all ${this.entries.length} parts running`;
    const parts = degraded.map((e) => `${e.part.name} ${e.state}`).join(', ');
    return `status: degraded (${parts}); ${this.entries.length - degraded.length} of ${this.entries.length} parts running`;
  }

  /** Stops watching and stops every part, the last started first; waits for restarts in flight. */
  async stopAll(): Promise<void> {
    this.abort.abort();
    for (const entry of this.entries.splice(0).reverse()) {
      await entry.watching;
      const handle = entry.handle;
      entry.handle = undefined;
      if (!handle) continue;
      this.log(`stopping ${entry.part.name}`);
      await handle
        .stop()
        .catch((error: unknown) => this.log(`  ${entry.part.name} did not stop cleanly: ${String(error)}`));
    }
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async watch(entry: Entry): Promise<void> {
    const { part } = entry;
    while (entry.handle && !this.stopping) {
      const died = entry.handle;
      const info = await Promise.race([died.exited, this.aborted()]);
      if (info === undefined || this.stopping) return;
      const ranMs = Date.now() - entry.startedAt;
      entry.handle = undefined;
      entry.state = 'restarting';
      this.log(
        `✖ ${part.name} (pid ${died.pid}) died: ${describeExit(info)} after ${seconds(ranMs)}; log: ${part.logFile}`,
      );
      // Releases what the launcher still holds for it (exit hooks, pid files).
      await died.stop().catch(() => undefined);
      entry.failures = failuresAfter(entry.failures, ranMs, this.policy);
      await this.restart(entry);
      this.onPids(this.pids());
    }
  }

  private async restart(entry: Entry): Promise<void> {
    const { part } = entry;
    for (;;) {
      const delay = restartDelay(entry.failures, this.policy);
      if (delay === undefined) {
        entry.state = 'gave up';
        this.log(
          `✖ ${part.name}: gave up after ${this.policy.maxQuickFailures} quick failures in a row; ` +
            `see ${part.logFile}, then restart kt up`,
        );
        this.log(this.status());
        return;
      }
      this.log(`  restarting ${part.name} in ${seconds(delay)} (attempt ${entry.failures})`);
      this.log(this.status());
      if ((await this.pause(delay)) === 'stopped') return;
      try {
        const handle = await part.start(this.abort.signal);
        if (this.stopping) {
          await handle.stop().catch(() => undefined);
          return;
        }
        entry.handle = handle;
        entry.state = 'running';
        entry.startedAt = Date.now();
        this.log(`✔ ${part.name} restarted (pid ${handle.pid}) and ready`);
        this.log(this.status());
        return;
      } catch (error) {
        if (this.stopping) return;
        this.log(`✖ ${part.name} restart failed: ${error instanceof Error ? error.message : String(error)}`);
        entry.failures += 1;
      }
    }
  }

  private async pause(ms: number): Promise<'waited' | 'stopped'> {
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
      return 'waited';
    } catch {
      return 'stopped';
    }
  }

  private aborted(): Promise<undefined> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    );
  }
}

export function describeExit(info: ExitInfo): string {
  if (info.signal) return `killed by ${info.signal}`;
  if (info.code !== null) return `exit code ${info.code}`;
  return 'process gone (exit status not visible to kt up)';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
