import type { Logger } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { packApplied } from '../../contracts/src/fixtures/events.fixture.js';
import { PackRefusalLog } from './pack-refusal.log.js';

const event = packApplied;

describe('PackRefusalLog', () => {
  it('logs a bounded line at most every 10 s and says how many it left out', () => {
    const lines: string[] = [];
    const logger = { error: (line: string) => lines.push(line) } as unknown as Logger;
    let now = 0;
    const log = new PackRefusalLog(logger, () => now);
    const hostile = { ...event, applied_by: 'x'.repeat(100_000) };
    for (let i = 0; i < 50; i++) log.refused(hostile, 'bad-signature', 'core@1.0.0');
    now = 10_000;
    log.refused(event, 'unsigned', 'core@1.0.0');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBeLessThan(400);
    expect(lines[0]).toContain('(forged or tampered); core@1.0.0 stays in force');
    expect(lines[1]).toContain('(49 more refused since the last report)');
  });
});
