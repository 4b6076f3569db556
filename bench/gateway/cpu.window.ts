import { readFileSync } from 'node:fs';

// Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or null when it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "(comm)" come the fields from 3 (state) on; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (all cores, everything but idle and iowait). */
export function machineBusySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    return busyFromStatLine(line);
  } catch {
    return null;
  }
}

/** The aggregate "cpu …" line of /proc/stat → busy seconds (steal and guest excluded). */
export function busyFromStatLine(line: string): number | null {
  const parts = line.trim().split(/\s+/);
  if (parts[0] !== 'cpu' || parts.length < 8) return null;
  const [user, nice, system, , , irq, softirq] = parts.slice(1, 8).map(Number);
  const busy = [user, nice, system, irq, softirq];
  if (busy.some((n) => n === undefined || !Number.isFinite(n))) return null;
  return busy.reduce<number>((sum, n) => sum + (n ?? 0), 0) / TICKS_PER_SECOND;
}

export type CpuReading = Readonly<Record<string, number | null>>;

/**
 * CPU used between now and `finish()`, in cores (1.0 = one core busy the whole time), for named
 * processes, this process (`self`, the load generator) and the whole machine (`machine`).
 */
export function openCpuWindow(pids: Readonly<Record<string, number | undefined>>): () => CpuReading {
  const began = performance.now();
  const self = process.cpuUsage();
  const machine = machineBusySeconds();
  const before = Object.entries(pids).map(
    ([name, pid]) => [name, pid, pid === undefined ? null : processCpuSeconds(pid)] as const,
  );
  return () => {
    const wall = (performance.now() - began) / 1000;
    const cores = (from: number | null, to: number | null): number | null =>
      from === null || to === null || wall <= 0 ? null : (to - from) / wall;
    const used = process.cpuUsage(self);
    const reading: Record<string, number | null> = {
      self: (used.user + used.system) / 1e6 / wall,
      machine: cores(machine, machineBusySeconds()),
    };
    for (const [name, pid, from] of before)
      reading[name] = pid === undefined ? null : cores(from, processCpuSeconds(pid));
    return reading;
  };
}
