import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from '../gateway/gateway.fixture.js';

const PROMPT = chatBody().messages as { content: string }[];
const PROMPT_TEXT = PROMPT[0]!.content;
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

type LogLine = Record<string, unknown>;

/** The JSON lines a gateway process wrote (anything else on stdout fails the parse, as it should). */
function lines(gateway: GatewayUnderTest): LogLine[] {
  return gateway.logs
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

async function waitForLine(gateway: GatewayUnderTest, match: (line: LogLine) => boolean): Promise<LogLine> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const found = lines(gateway).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no matching log line in:\n${gateway.logs.join('')}`);
}

describe('gateway logs on stdout', () => {
  let sims: Simulators;
  let quiet: GatewayUnderTest;
  let verbose: GatewayUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    [quiet, verbose] = await Promise.all([
      GatewayUnderTest.start(sims, { env: { LOG_LEVEL: 'debug' } }),
      GatewayUnderTest.start(sims, {
        env: {
          LOG_LEVEL: 'debug',
          KT_LOG_PROMPTS: 'true',
          // Tracing on, exporting nowhere: log lines must still carry the trace id.
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        },
      }),
    ]);
  });

  afterAll(async () => {
    await quiet?.stop();
    await verbose?.stop();
    await sims?.stop();
  });

  it('are JSON with service, level, UTC time and request id, and hold neither key nor prompt', async () => {
    const id = requestId('logs');
    const response = await quiet.post('/v1/chat/completions', chatBody(), id, { 'x-api-key': GATEWAY_KEY });
    expect(response.status).toBe(200);
    // kt's own id (the caller's x-request-id is kept beside it in the route event, never in its place).
    const ours = response.headers.get('x-request-id');
    const done = await waitForLine(quiet, (l) => l.msg === 'request completed' && l.request_id === ours);
    expect(done).toMatchObject({
      service: 'gateway',
      level: 'debug',
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' } },
      res: { statusCode: 200 },
    });
    expect(done.time).toMatch(/Z$/);
    expect(done).not.toHaveProperty('trace_id');
    const text = quiet.logs.join('');
    expect(text).not.toContain(GATEWAY_KEY);
    for (const key of Object.values(sims.keys)) expect(text).not.toContain(key);
    expect(text).not.toContain(PROMPT_TEXT);
  });

  it('carry the trace id, and the prompt only when KT_LOG_PROMPTS=true', async () => {
    const id = requestId('logs-prompts');
    const response = await verbose.post('/v1/chat/completions', chatBody(), id, {
      traceparent: `00-${CALLER_TRACE}-00f067aa0ba902b7-01`,
    });
    expect(response.status).toBe(200);
    const ours = response.headers.get('x-request-id');
    const exchange = await waitForLine(verbose, (l) => l.msg === 'chat exchange' && l.request_id === ours);
    expect(exchange).toMatchObject({ trace_id: CALLER_TRACE, prompt: PROMPT });
    const done = await waitForLine(verbose, (l) => l.msg === 'request completed' && l.request_id === ours);
    expect(done.trace_id).toBe(CALLER_TRACE);
    const text = verbose.logs.join('');
    expect(text).not.toContain(GATEWAY_KEY);
    for (const key of Object.values(sims.keys)) expect(text).not.toContain(key);
  });
});
