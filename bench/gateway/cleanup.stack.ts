/**
 * What to undo, most recent first, exactly once: the normal end, a failure and Ctrl-C all run the
 * same stack, so no simulator, gateway or broker is left behind.
 */
export class CleanupStack {
  private readonly steps: { readonly name: string; readonly run: () => Promise<void> }[] = [];
  private running: Promise<readonly string[]> | undefined;

  push(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step even when some fail; resolves with the failures, described. */
  runAll(): Promise<readonly string[]> {
    return (this.running ??= (async () => {
      const failures: string[] = [];
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.steps.length = 0;
      return failures;
    })());
  }
}
