import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthRange, partitionName } from '@kt/spend';
import { sql } from '../ledger/ledger.fixture.js';
import { buildInto, type Build } from '../build/build.fixture.js';
import { residentMemory, startReportingStack, type ReportingStack } from './reporting.fixture.js';

const ROWS = 1_000_000;
/**
 * The bound on the reporting process as shipped (the compiled build, run by plain `node`). It was
 * 200 MB on Node 20. On Node 24 the same code (measured at 9749fd5 too) idles at 175–185 MB and
 * peaks at ~250 MB: V8 there sizes its young generation from the machine's memory, so an
 * allocation-heavy stream keeps ~70 MB of short-lived garbage resident. Buffering the export would
 * still cross both bounds by far: its 1,000,000 rows are over 100 MB of text, twice that as strings.
 */
const PEAK_LIMIT_BYTES = 300 * 1024 * 1024;
/** What the export may add to the process's idle RSS: a stream's memory must not grow with its rows. */
const GROWTH_LIMIT_BYTES = 96 * 1024 * 1024;
let build: Build;
let stack: ReportingStack;

beforeAll(async () => {
  // The image runs dist/bin/kt-service.js; the dev loader (SWC + the TypeScript compiler) alone costs ~150 MB.
  build = await buildInto();
  stack = await startReportingStack({ reportingCommand: [build.serviceEntry, 'reporting'] });
  const [from, to] = monthRange('2026-09-01T00:00:00.000Z');
  await sql(
    stack.adminDatabaseUrl,
    `CREATE TABLE IF NOT EXISTS ${partitionName('ledger_entries', from)} PARTITION OF ledger_entries FOR VALUES FROM ('${from}') TO ('${to}')`,
  );
  // A million realistic rows straight into the ledger's table (one per 2 s through September), the
  // event json shaped like a gateway's: building them in SQL takes seconds, publishing them would take minutes.
  await sql(
    stack.adminDatabaseUrl,
    `INSERT INTO ledger_entries (event_id, request_id, occurred_at, type, status, provider, target, "group", model,
       team, key_id, input_tokens, output_tokens, cost_micro_usd, priced_by, event)
     SELECT id, 'req-' || g, at, 'route.completed', 200, p, p || '-main', 'chat', p || '-model', 'team-' || (g % 7),
            'key-' || (g % 50), 100 + g % 900, 10 + g % 300, 1000 + g % 99991, 'catalog',
            json_build_object(
              'schema', 'kt.route.v1', 'type', 'route.completed', 'event_id', id, 'request_id', 'req-' || g,
              'occurred_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'endpoint', 'chat.completions',
              'stream', false, 'caller', json_build_object('key_id', 'key-' || (g % 50), 'team', 'team-' || (g % 7)),
              'requested_model', 'chat-default', 'group', 'chat', 'strategy', 'weighted_round_robin',
              'attempts', json_build_array(json_build_object('target', p || '-main', 'provider', p,
                'upstream_model', p || '-model', 'started_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'status', 200, 'outcome', 'ok', 'error_kind', null, 'latency_ms', 420, 'ttft_ms', null,
                'usage', json_build_object('input_tokens', 100 + g % 900, 'output_tokens', 10 + g % 300),
                'cost_micro_usd', (1000 + g % 99991)::text)),
              'served', json_build_object('target', p || '-main', 'provider', p, 'upstream_model', p || '-model'),
              'status', 200, 'error_code', null,
              'usage', json_build_object('input_tokens', 100 + g % 900, 'output_tokens', 10 + g % 300,
                'total_tokens', 110 + g % 900 + g % 300),
              'cost', json_build_object('micro_usd', (1000 + g % 99991)::text, 'currency', 'USD', 'priced_by', 'catalog'),
              'overhead_ms', 2, 'duration_ms', 425, 'pack', null, 'gateway', json_build_object('instance_id', 'gw-1'))
       FROM (SELECT g, gen_random_uuid() AS id, timestamptz '2026-09-01T00:00:00Z' + g * interval '2 seconds' AS at,
                    (ARRAY['openai', 'azure', 'anthropic'])[1 + g % 3] AS p
               FROM generate_series(0, ${ROWS - 1}) AS g) AS rows`,
  );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await build?.remove();
});

describe('exporting a million events', () => {
  it('streams 1,000,000 CSV rows with the reporting process under 300 MB RSS at its peak, growing less than 96 MB over idle', async () => {
    // A small export first, so the growth measured is the big one's, not first-use code loading.
    await (
      await stack.get('/v1/events/export?format=csv&since=2026-09-01T00:00:00Z&until=2026-09-01T01:00:00Z')
    ).text();
    const idle = (await residentMemory(stack.reportingPid)).rss;
    let peakRss = idle;
    const sampler = setInterval(() => {
      residentMemory(stack.reportingPid).then(
        (m) => (peakRss = Math.max(peakRss, m.rss)),
        () => undefined,
      );
    }, 100);
    try {
      const res = await stack.get(
        '/v1/events/export?format=csv&since=2026-09-01T00:00:00Z&until=2026-10-01T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-kt-export-rows-estimate')).toBe(String(ROWS));
      // Count line ends as the body arrives; nothing is kept, so the test's own memory stays flat too.
      let lines = 0;
      let bytes = 0;
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        for (let i = 0; i < value.length; i += 1) if (value[i] === 10) lines += 1;
      }
      expect(lines - 1).toBe(ROWS);
      expect(bytes).toBeGreaterThan(ROWS * 100);
    } finally {
      clearInterval(sampler);
    }
    // VmHWM: the kernel's high-water mark over the process's whole life, so no spike between samples hides.
    const { peak } = await residentMemory(stack.reportingPid);
    const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
    console.info(
      `reporting RSS: idle ${mb(idle)} MB, peak sampled during the export ${mb(peakRss)} MB, VmHWM ${mb(peak)} MB`,
    );
    expect(peak).toBeLessThan(PEAK_LIMIT_BYTES);
    expect(peakRss - idle).toBeLessThan(GROWTH_LIMIT_BYTES);
  }, 600_000);
});
