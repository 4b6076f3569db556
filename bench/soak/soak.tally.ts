// Counts the soak's answers against what each probe expects, and keeps the first few violations of
// each kind so a failing run says what went wrong without dumping megabytes.
import type { Expectation, Probe, ProbeKind } from './hostile.corpus.js';

/** One answer: an HTTP status, or 0 when the connection failed before one arrived. */
export interface Answer {
  readonly status: number;
  /** The first bytes of the body (the soak never keeps a whole answer). */
  readonly excerpt: string;
  readonly error?: string;
}

export interface Violation {
  readonly probe: string;
  readonly status: number;
  readonly why: string;
  readonly excerpt: string;
}

const KEPT_PER_PROBE = 3;
const EXCERPT = 300;

/** Errors a client sees when the server closes the connection while it still sends the body. */
const CLOSED_EARLY = /EPIPE|ECONNRESET|other side closed|UND_ERR_SOCKET/;

export function meets(expect: Expectation, status: number, error = ''): boolean {
  switch (expect) {
    case 'refused':
      return (status >= 400 && status < 500) || (status === 0 && CLOSED_EARLY.test(error));
    case '2xx':
      return status >= 200 && status < 300;
    case '4xx':
      return status >= 400 && status < 500;
    case '401':
      return status === 401;
    case 'not-5xx':
      return status >= 200 && status < 500;
  }
}

/** `statusClass(404)` is `4xx`; a failed connection is `error`. */
export function statusClass(status: number): string {
  return status === 0 ? 'error' : `${Math.floor(status / 100)}xx`;
}

export class SoakTally {
  readonly byKind = new Map<ProbeKind, Map<string, number>>();
  readonly byStatus = new Map<number, number>();
  readonly violations: Violation[] = [];
  private readonly keptPerProbe = new Map<string, number>();
  violationCount = 0;
  serverErrors = 0;
  leaks = 0;
  sent = 0;

  /** `secrets`: strings from the suite's environment that must never appear in any answer. */
  constructor(private readonly secrets: readonly string[]) {}

  record(probe: Probe, answer: Answer): void {
    this.sent += 1;
    const byClass = this.byKind.get(probe.kind) ?? new Map<string, number>();
    this.byKind.set(probe.kind, byClass);
    const cls = statusClass(answer.status);
    byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    this.byStatus.set(answer.status, (this.byStatus.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) this.serverErrors += 1;
    const leaked = this.secrets.find((secret) => secret !== '' && answer.excerpt.includes(secret));
    if (leaked !== undefined) {
      this.leaks += 1;
      this.violate(probe, answer, 'the answer echoes a value of the suite’s environment');
    } else if (!meets(probe.expect, answer.status, answer.error)) {
      this.violate(probe, answer, answer.error ?? `expected ${probe.expect}`);
    }
  }

  private violate(probe: Probe, answer: Answer, why: string): void {
    this.violationCount += 1;
    const kept = this.keptPerProbe.get(probe.name) ?? 0;
    if (kept >= KEPT_PER_PROBE) return;
    this.keptPerProbe.set(probe.name, kept + 1);
    // Secrets are masked in what the report keeps, even when the answer leaked them.
    let excerpt = answer.excerpt.slice(0, EXCERPT);
    for (const secret of this.secrets) if (secret !== '') excerpt = excerpt.split(secret).join('***');
    this.violations.push({ probe: probe.name, status: answer.status, why, excerpt });
  }
}
