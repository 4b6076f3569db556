import type { VerifyAnswer } from './ledger.client.js';

/** What `kt ledger verify` prints: stdout lines when accounted, stderr lines otherwise. */
export function verifySummary(a: VerifyAnswer): { readonly ok: boolean; readonly lines: string[] } {
  const counts = `dead-lettered: ${a.dead_lettered}, lag: ${a.lag}`;
  if (a.accounted)
    return {
      ok: true,
      lines: [
        `verify: equal — ${a.events} events, ${a.rows} rollup rows, ${counts}; the whole log up to its end (${a.partitions.length} partition(s)) is accounted for`,
      ],
    };
  const lines: string[] = [];
  if (a.mismatch !== null) lines.push(`verify: NOT accounted — ${a.mismatch}`);
  else if (a.timed_out)
    lines.push(`verify: NOT accounted — timed out after ${Math.round(a.elapsed_ms / 1000)} s; ${counts}`);
  else if (a.difference_count > 0) {
    lines.push(`verify: ${a.difference_count} difference(s) over ${a.events} events; ${counts}`);
    lines.push(...a.differences.map((d) => `  ${d}`));
  } else lines.push(`verify: NOT accounted — ${counts}`);
  for (const p of a.partitions)
    if (p.lag !== '0')
      lines.push(
        `  partition ${p.partition}: checkpoint ${p.checkpoint}, log end ${p.log_end}, lag ${p.lag}${p.stuck ? ' (stuck: not moving)' : ''}`,
      );
  return { ok: false, lines };
}

/** `--timeout` in seconds (1 to 3600) as milliseconds; undefined when it is not a number in range. */
export function timeoutMs(seconds: string): number | undefined {
  const s = /^\d+(\.\d+)?$/.test(seconds) ? Number(seconds) : NaN;
  return s >= 1 && s <= 3600 ? Math.round(s * 1000) : undefined;
}
