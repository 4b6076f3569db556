import { describe, expect, it } from 'vitest';
import { ErrorReporter } from './error.reporter.js';

describe('ErrorReporter', () => {
  it('counts every error but logs a reason at most once per interval, saying how many it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const reporter = new ErrorReporter(
      (e) => lines.push(e.message),
      10_000,
      () => now,
    );
    for (let i = 0; i < 50; i += 1) reporter.report('broker_unreachable', new Error('no broker answered'));
    reporter.report('MESSAGE_TOO_LARGE', new Error('too large'));
    now = 10_000;
    reporter.report('broker_unreachable', new Error('no broker answered'));
    expect(reporter.byReason).toEqual({ broker_unreachable: 51, MESSAGE_TOO_LARGE: 1 });
    expect(lines).toEqual([
      'event publisher: broker_unreachable: no broker answered',
      'event publisher: MESSAGE_TOO_LARGE: too large',
      'event publisher: broker_unreachable: no broker answered (49 more like it since the last report)',
    ]);
  });

  it('survives a throwing log callback', () => {
    const reporter = new ErrorReporter(() => {
      throw new Error('logger down');
    });
    expect(() => reporter.report('x', 'y')).not.toThrow();
  });
});
