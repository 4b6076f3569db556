import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<boolean> | boolean;

export interface ReadinessOptions {
  /** false = reported in /readyz but does not make the service unready (e.g. Kafka for the gateway, which spools). */
  readonly required?: boolean;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
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
    const checks = Object.fromEntries(entries.map(([name, ok]) => [name, ok]));
    return { ready: entries.every(([, ok, required]) => ok || !required), checks };
  }
}

async function safely(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}
