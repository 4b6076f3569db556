// Writes one hostile-soak run into docs/reliability.md, between its markers, so that a rerun
// replaces the previous figures and leaves the rest of the page alone.
import type { ProbeKind } from './hostile.corpus.js';
import type { SectionMarkers } from '../shared/doc.section.js';
import type { SoakTally } from './soak.tally.js';

export const START = '<!-- soak:hostile:start -->';
export const END = '<!-- soak:hostile:end -->';

export interface SoakRun {
  readonly command: string;
  readonly revision: string;
  readonly machine: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly concurrency: number;
  readonly tally: SoakTally;
  /** Services whose `/readyz` answered 200 after the run, and those that did not. */
  readonly ready: readonly string[];
  readonly notReady: readonly string[];
  /** Seconds until the ledger's lag read 0 after the last request, or undefined if it never did. */
  readonly lagZeroAfterS: number | undefined;
  readonly verifyExit: number;
  readonly verifySummary: string;
  readonly deadLettered: number | undefined;
  readonly passed: boolean;
}

const KINDS: readonly ProbeKind[] = [
  'ordinary',
  'oversized',
  'nested',
  'nul',
  'mistyped',
  'unauthenticated',
  'forged-header',
  'no-credentials',
  'env-echo',
];
const CLASSES = ['2xx', '4xx', '5xx', 'error'] as const;

const n = (value: number): string => value.toLocaleString('en-US');

export function soakSection(run: SoakRun): string {
  const t = run.tally;
  const rows = KINDS.filter((k) => t.byKind.has(k)).map((kind) => {
    const counts = t.byKind.get(kind)!;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return `| ${kind} | ${n(total)} | ${CLASSES.map((c) => n(counts.get(c) ?? 0)).join(' | ')} |`;
  });
  const statuses = [...t.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'no answer' : status}: ${n(count)}`)
    .join(', ');
  const violations =
    t.violations.length === 0
      ? ['None.']
      : t.violations.map(
          (v) =>
            `- \`${v.probe}\` → ${v.status}: ${v.why} — \`${v.excerpt.replace(/`/g, "'").slice(0, 160)}\``,
        );
  return [
    START,
    `### Hostile-input soak, ${run.startedAt.slice(0, 10)} — ${run.passed ? 'passed' : 'FAILED'}`,
    '',
    `- Command: \`${run.command}\` (the whole suite from \`kt up\`, simulators for every vendor)`,
    `- Revision: \`${run.revision}\`; machine: ${run.machine}`,
    `- ${n(t.sent)} requests in ${run.seconds.toFixed(1)} s at concurrency ${run.concurrency} (${n(Math.round(t.sent / run.seconds))} requests/s)`,
    `- Answers by status: ${statuses}`,
    `- Answers 5xx: **${n(t.serverErrors)}**; answers that broke their probe's expectation: **${n(t.violationCount)}**; answers echoing an environment value: **${n(t.leaks)}**`,
    `- Ready afterwards: ${run.ready.join(', ') || 'none'}${run.notReady.length > 0 ? `; **not ready: ${run.notReady.join(', ')}**` : ''}`,
    `- Ledger lag back to 0: ${run.lagZeroAfterS === undefined ? '**not within the limit**' : `${run.lagZeroAfterS.toFixed(1)} s after the last request`}`,
    `- \`kt ledger verify\`: exit ${run.verifyExit}; ${run.verifySummary}; dead-lettered: ${run.deadLettered ?? 'not reported'}`,
    '',
    '| probe kind | sent | 2xx | 4xx | 5xx | no answer |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Expectation violations (at most three kept per probe):',
    '',
    ...violations,
    END,
  ].join('\n');
}

export const SOAK_MARKERS: SectionMarkers = { start: START, end: END };
