import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.factory.js';
import { PinoNestLogger } from './nest.logger.js';

describe('PinoNestLogger', () => {
  it('maps Nest levels to pino and keeps the context and stack as fields', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const nest = new PinoNestLogger(
      createLogger({ service: 'ledger', env: { LOG_LEVEL: 'trace' }, destination }),
    );
    nest.log('started', 'NestApplication');
    nest.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'ledger');
    nest.verbose('details');
    nest.warn({ lag: 3 }, 'projector');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'started', context: 'NestApplication' }),
      expect.objectContaining({
        level: 'error',
        msg: 'boom',
        context: 'ledger',
        stack: expect.stringContaining('at x'),
      }),
      expect.objectContaining({ level: 'trace', msg: 'details' }),
      expect.objectContaining({ level: 'warn', lag: 3, context: 'projector' }),
    ]);
  });
});
