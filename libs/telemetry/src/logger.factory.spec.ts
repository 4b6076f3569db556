import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWithLogContext, setLogRequestId } from './log.context.js';
import { createLogger, promptLoggingEnabled } from './logger.factory.js';

function capture(env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'gateway', env, destination }) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('writes service, level name and UTC ISO time on every line', async () => {
    const { lines, logger } = capture();
    logger.warn('spool is filling');
    await flush();
    expect(lines[0]).toMatchObject({ service: 'gateway', level: 'warn', msg: 'spool is filling' });
    expect(lines[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('adds the request id while a request is handled, and only then', async () => {
    const { lines, logger } = capture();
    runWithLogContext({ request_id: 'fastify-1' }, () => {
      setLogRequestId('req-42');
      logger.info('inside');
    });
    logger.info('outside');
    await flush();
    expect(lines[0]).toMatchObject({ request_id: 'req-42' });
    expect(lines[1]).not.toHaveProperty('request_id');
  });

  it('redacts authorization headers and api keys by path, and key values anywhere', async () => {
    const { lines, logger } = capture({ OPENAI_API_KEY: 'prov-key-123456', KT_API_KEYS: 'gw-key-987654:qa' });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer gw-key-987654', 'x-api-key': 'gw-key-987654' } },
        apiKey: 'prov-key-123456',
        upstream: { api_key: 'prov-key-123456' },
        note: 'sent prov-key-123456 upstream',
      },
      'failed with gw-key-987654',
    );
    await flush();
    const text = JSON.stringify(lines);
    expect(text).not.toContain('prov-key-123456');
    expect(text).not.toContain('gw-key-987654');
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' } },
      apiKey: '[redacted]',
      upstream: { api_key: '[redacted]' },
      note: 'sent [redacted] upstream',
      msg: 'failed with [redacted]',
    });
  });

  it('honours LOG_LEVEL', async () => {
    const { lines, logger } = capture({ LOG_LEVEL: 'warn' });
    logger.info('hidden');
    logger.error('shown');
    await flush();
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('promptLoggingEnabled', () => {
  it.each([
    [{}, false],
    [{ KT_LOG_PROMPTS: 'false' }, false],
    [{ KT_LOG_PROMPTS: '1' }, false],
    [{ KT_LOG_PROMPTS: 'true' }, true],
    [{ KT_LOG_PROMPTS: 'TRUE' }, true],
  ])('is off unless KT_LOG_PROMPTS=true (%o → %s)', (env, enabled) => {
    expect(promptLoggingEnabled(env)).toBe(enabled);
  });
});
