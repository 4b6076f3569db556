// A progress bar on stderr for long commands (exports, replays). Shown when stderr is a terminal or
// `--progress` forces it, so pipes and scripts stay clean unless they ask for it.
import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the count done so far; raises the total when the estimate was low. */
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** `--progress` forces the bar, `--no-progress` hides it; otherwise only on a terminal. */
export function progressWanted(
  flag: boolean | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): boolean {
  return flag ?? stream.isTTY === true;
}

export function startProgress(
  label: string,
  total: number,
  enabled: boolean,
  unit = 'rows',
  stream: NodeJS.WritableStream = process.stderr,
): Progress {
  if (!enabled) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`,
      // Off a terminal (a forced bar in a pipe or a test), one line every half second instead of redraws.
      noTTYOutput: true,
      notTTYSchedule: 500,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let shownTotal = Math.max(total, 1);
  bar.start(shownTotal, 0);
  return {
    update(done: number): void {
      if (done > shownTotal) {
        shownTotal = done;
        bar.setTotal(shownTotal);
      }
      bar.update(done);
    },
    stop(): void {
      bar.stop();
    },
  };
}
