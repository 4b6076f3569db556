import { Injectable } from '@nestjs/common';

/** A check's answer; `reason` says why it is not ok (in the /readyz body; no secrets or payloads). */
export interface ReadinessVerdict {
  readonly ok: boolean;
  readonly reason?: string;
}

export type ReadinessCheck = () => Promise<boolean | ReadinessVerdict> | boolean | ReadinessVerdict;

export interface ReadinessOptions {
  /** false = reported in /readyz but does not make the service unready (e.g. Kafka for the gateway, which spools). */
  readonly required?: boolean;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
  /**
   * `degraded` when any check failed with a reason (the service works, but not as it should: e.g.
   * events waiting on disk too long); absent otherwise. Only required checks also make it unready.
   */
  readonly status?: 'degraded';
  /** Why failing checks fail, by check name; only checks that gave a reason, absent when none did. */
  readonly reasons?: Readonly<Record<string, string>>;
}

/**
 * Collects what "ready" means for this service (pack loaded, Kafka reachable, database reachable);
 * each feature registers its own check, so the health endpoint knows nothing about them.
 */
@Injectable()
export class ReadinessService {
  private readonly checks = new Map<string, { check: ReadinessCheck; required: boolean }>();

  register(name: string, check: ReadinessCheck, options: ReadinessOptions = {}): void {
    this.checks.set(name, { check, required: options.required ?? true });
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(
        async ([name, { check, required }]) => [name, await safely(check), required] as const,
      ),
    );
    const checks = Object.fromEntries(entries.map(([name, verdict]) => [name, verdict.ok]));
    const ready = entries.every(([, verdict, required]) => verdict.ok || !required);
    const failing = entries.filter(([, verdict]) => !verdict.ok && verdict.reason !== undefined);
    if (failing.length === 0) return { ready, checks };
    const reasons = Object.fromEntries(failing.map(([name, verdict]) => [name, verdict.reason as string]));
    return { ready, checks, status: 'degraded', reasons };
  }
}

async function safely(check: ReadinessCheck): Promise<ReadinessVerdict> {
  try {
    const answer = await check();
    return typeof answer === 'boolean' ? { ok: answer } : answer;
  } catch {
    return { ok: false };
  }
}
