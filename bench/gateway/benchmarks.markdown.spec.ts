import { describe, expect, it } from 'vitest';
import {
  renderGatewaySection,
  replaceGatewaySection,
  SECTION_END,
  SECTION_START,
} from './benchmarks.markdown.js';
import { benchRun, measurement } from './measurement.fixture.js';

const runs = [
  measurement('direct', 'rate-1000', { p50: 0.05, p99: 0.8, max: 5 }),
  measurement('kt', 'rate-1000', { p50: 0.45, p99: 3.8, max: 20 }),
  measurement('portkey', 'rate-1000', { p50: 0.85, p99: 6.8, max: 30 }, { rps: 900 }),
  measurement('direct', 'max', { p50: 1, p99: 3, max: 10 }, { rps: 30_000 }),
  measurement('kt', 'max', { p50: 4, p99: 12, max: 25 }, { rps: 6_000 }),
  measurement('portkey', 'max', { p50: 20, p99: 50, max: 120 }, { rps: 1_500 }),
];

describe('renderGatewaySection', () => {
  const section = renderGatewaySection(
    benchRun(runs, { routeEvents: { answered: 21_001, inKafka: 21_020 } }),
  );

  it('is wrapped in the markers it is later found by', () => {
    expect(section.startsWith(`${SECTION_START}\n`)).toBe(true);
    expect(section.endsWith(`${SECTION_END}\n`)).toBe(true);
  });

  it('names the command, the machine and the Node version', () => {
    expect(section).toContain('`npm run bench:gateway` at revision `4ca9eee-dirty`');
    expect(section).toContain('AMD EPYC, 2 cores, 23.5 GiB, Linux 6.1, Node v20.20.2');
  });

  it('has one table per measured phase with direct, kt and Portkey columns', () => {
    expect(section).toContain('### 1000 RPS');
    expect(section).toContain('### Max throughput (no rate limit)');
    expect(section).toContain('| | direct | kt | Portkey | kt / Portkey |');
    expect(section).toContain('| added p50 | — | +0.40 ms | +0.80 ms | 0.50× |');
    expect(section).toContain('| RPS achieved | 30000 | 6000 | 1500 | 4.00× |');
  });

  it('marks a fixed-rate run that fell short of its rate', () => {
    expect(section).toContain('| RPS achieved | 1000 | 1000 | 900 (short) |');
  });

  it('lists the goals with whether they were met', () => {
    expect(section).toContain('| added latency p50 ≤ 1 ms at 1000 RPS | 0.40 ms | yes |');
  });

  it('shows that events were on', () => {
    expect(section).toContain('21020 route events reached Kafka for 21001 kt answers');
  });

  it('says how to reproduce', () => {
    expect(section).toContain('npm run bench:gateway -- --quick');
  });

  it('reports kt as not available, with the reason, instead of numbers', () => {
    const without = renderGatewaySection(
      benchRun(
        runs.filter((m) => m.target !== 'kt'),
        {
          availability: [
            { target: 'direct', available: true },
            { target: 'kt', available: false, reason: 'trial request answered 404: Not Found' },
          ],
        },
      ),
    );
    expect(without).toContain('kt **not available** (trial request answered 404: Not Found)');
    expect(without).toContain('| added latency p50 ≤ 1 ms at 1000 RPS | kt not available | — |');
    expect(without).toContain('| latency p50 | 0.05 ms | n/a | 0.85 ms |');
  });
});

describe('replaceGatewaySection', () => {
  const section = `${SECTION_START}\nnew\n${SECTION_END}\n`;

  it('starts a page with a title when there is none', () => {
    expect(replaceGatewaySection('', section)).toBe(`# Benchmarks\n\n${section}`);
  });

  it('appends the section to a page that does not have it yet', () => {
    expect(replaceGatewaySection('# Benchmarks\n\nLedger numbers.\n', section)).toBe(
      `# Benchmarks\n\nLedger numbers.\n\n${section}`,
    );
  });

  it('replaces only the old section and keeps what surrounds it', () => {
    const page = `# Benchmarks\n\nIntro.\n\n${SECTION_START}\nold\n${SECTION_END}\n\n## Ledger\n\nMore.\n`;
    expect(replaceGatewaySection(page, section)).toBe(
      `# Benchmarks\n\nIntro.\n\n${section}\n## Ledger\n\nMore.\n`,
    );
  });
});

describe('renderGatewaySection with kt of an earlier checkout (--before)', () => {
  const withBefore = [
    ...runs,
    measurement('kt-before', 'rate-1000', { p50: 0.9, p99: 7.6, max: 40 }),
    measurement('kt-before', 'max', { p50: 8, p99: 24, max: 50 }, { rps: 3_000 }),
  ];
  const section = renderGatewaySection(
    benchRun(withBefore, {
      settings: { ...benchRun([]).settings, before: { revision: '1603157' } },
      availability: [...benchRun([]).availability, { target: 'kt-before', available: true }],
    }),
  );

  it('puts kt before next to kt and adds a kt / before ratio column', () => {
    expect(section).toContain(
      '| | direct | kt | kt before (`1603157`) | Portkey | kt / Portkey | kt / before |',
    );
    expect(section).toContain('| --- | --- | --- | --- | --- | --- | --- |');
    expect(section).toContain('| RPS achieved | 30000 | 6000 | 3000 | 1500 | 4.00× | 2.00× |');
    expect(section).toContain('| added p50 | — | +0.40 ms | +0.85 ms | +0.80 ms | 0.50× | 0.47× |');
    expect(section).toContain('| latency max | 5.00 ms | 20.00 ms | 40.00 ms | 30.00 ms |  |  |');
  });

  it('says which two revisions ran side by side', () => {
    expect(section).toContain('kt at `4ca9eee-dirty` and kt before at `1603157`');
  });

  it('leaves the before column out of a run without one', () => {
    expect(renderGatewaySection(benchRun(runs))).not.toContain('kt before');
  });
});
