import { describe, expect, it } from 'vitest';
import { HOSTILE, ORDINARY } from './hostile.corpus.js';
import { withSection } from '../shared/doc.section.js';
import { END, SOAK_MARKERS, START, soakSection } from './soak.report.js';
import { soakPlan } from './soak.plan.js';
import { meets, SoakTally } from './soak.tally.js';

const credentials = { gatewayKey: 'g', reportingAdmin: 'a', reportingFinance: 'f' };

describe('hostile soak plan', () => {
  it('is reproducible, mixes both sides and covers every hostile probe', () => {
    const opts = { requests: 2_000, hostileShare: 0.5, seed: 7 };
    const plan = soakPlan(ORDINARY, HOSTILE, opts);
    expect(plan.map((p) => p.name)).toEqual(soakPlan(ORDINARY, HOSTILE, opts).map((p) => p.name));
    expect(plan).toHaveLength(2_000);
    for (const probe of HOSTILE) expect(plan).toContain(probe);
    const hostile = plan.filter((p) => HOSTILE.includes(p)).length;
    expect(hostile).toBeGreaterThan(850);
    expect(hostile).toBeLessThan(1_150);
  });

  it('refuses nonsense options', () => {
    expect(() => soakPlan(ORDINARY, HOSTILE, { requests: 0, hostileShare: 0.5, seed: 1 })).toThrow(
      /requests/,
    );
    expect(() => soakPlan(ORDINARY, HOSTILE, { requests: 5, hostileShare: 2, seed: 1 })).toThrow(
      /hostileShare/,
    );
  });

  it('builds every probe as a request to a known service', () => {
    for (const probe of [...ORDINARY, ...HOSTILE]) {
      const req = probe.build(credentials);
      expect(['gateway', 'ledger', 'reporting']).toContain(req.service);
      expect(req.path.startsWith('/')).toBe(true);
    }
  });
});

describe('hostile soak tally', () => {
  it('checks each expectation', () => {
    expect(meets('2xx', 200)).toBe(true);
    expect(meets('4xx', 413)).toBe(true);
    expect(meets('4xx', 500)).toBe(false);
    expect(meets('401', 403)).toBe(false);
    expect(meets('not-5xx', 0)).toBe(false);
    expect(meets('refused', 0, 'no answer: write EPIPE')).toBe(true);
    expect(meets('refused', 0, 'no answer: timeout')).toBe(false);
  });

  it('counts 5xx, violations and echoed secrets, masking the secret it keeps', () => {
    const tally = new SoakTally(['s3cret']);
    const [ordinary] = ORDINARY;
    const [hostile] = HOSTILE;
    tally.record(ordinary!, { status: 200, excerpt: '{}' });
    tally.record(hostile!, { status: 502, excerpt: 'upstream' });
    tally.record(hostile!, { status: 400, excerpt: 'unknown target "s3cret"' });
    expect(tally.sent).toBe(3);
    expect(tally.serverErrors).toBe(1);
    expect(tally.leaks).toBe(1);
    expect(tally.violationCount).toBe(2);
    expect(tally.violations.map((v) => v.excerpt).join()).not.toContain('s3cret');
  });
});

describe('hostile soak report', () => {
  it('replaces its own section and keeps the rest of the page', () => {
    const tally = new SoakTally([]);
    tally.record(ORDINARY[0]!, { status: 200, excerpt: '' });
    const section = soakSection({
      command: 'npm run soak:hostile',
      revision: 'abc',
      machine: 'm',
      startedAt: '2026-12-07T12:00:00Z',
      seconds: 2,
      concurrency: 4,
      tally,
      ready: ['gateway'],
      notReady: [],
      lagZeroAfterS: 0.5,
      verifyExit: 0,
      verifySummary: 'equal true',
      deadLettered: 3,
      passed: true,
    });
    expect(section).toContain('| ordinary | 1 | 1 | 0 | 0 | 0 |');
    expect(section).toContain('dead-lettered: 3');
    const once = withSection('# Reliability\n\nintro\n', section, SOAK_MARKERS);
    const twice = withSection(`${once}\nafter\n`, section, SOAK_MARKERS);
    expect(twice.split(START)).toHaveLength(2);
    expect(twice.split(END)).toHaveLength(2);
    expect(twice).toContain('intro');
    expect(twice).toContain('after');
  });
});
