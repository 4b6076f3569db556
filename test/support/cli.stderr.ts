/**
 * The lines of a `kt` run's stderr that are not `warning: …` lines. Budget commands warn about
 * unpriced traffic in scope, and integration files share one route-event topic, so whether a
 * warning appears depends on which files ran before: a test of the command's success checks this.
 */
export function nonWarningLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '));
}
