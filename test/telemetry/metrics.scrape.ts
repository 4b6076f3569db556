import { Readable } from 'node:stream';
import {
  getMetricsFromStream,
  type PromData,
  type PromHistogramData,
  type PromLabels,
  type PromMetric,
  type PromMetrics,
} from 'prom2javascript';

/** One `/metrics` answer, parsed by prom2javascript (which also rejects malformed histograms). */
export class Exposition {
  private constructor(
    readonly text: string,
    readonly contentType: string,
    readonly families: PromMetrics,
    /** Samples whose value is NaN (kept out of the parse, see `scrape`). */
    readonly nanSamples: readonly string[],
  ) {}

  static async scrape(baseUrl: string): Promise<Exposition> {
    const answer = await fetch(`${baseUrl}/metrics`);
    if (!answer.ok) throw new Error(`${baseUrl}/metrics answered ${answer.status}`);
    const text = await answer.text();
    // Prometheus reads NaN in any case (Go's ParseFloat) and prom-client writes "Nan" for an event-loop
    // gauge not yet measured; prom2javascript's number grammar has no NaN, so those lines are set aside.
    const lines = text.split('\n');
    const nan = lines.filter((line) => NAN_SAMPLE.test(line));
    const parseable = lines.filter((line) => !NAN_SAMPLE.test(line)).join('\n');
    return new Exposition(
      text,
      answer.headers.get('content-type') ?? '',
      await getMetricsFromStream(Readable.from([parseable])),
      nan,
    );
  }

  type(name: string): string | undefined {
    return this.families[name]?.type;
  }

  /** Sum of the samples of a counter or gauge whose labels include `labels`. */
  value(name: string, labels: PromLabels = {}): number {
    return this.samples(name, labels).reduce((sum, sample) => sum + sample.value, 0);
  }

  samples(name: string, labels: PromLabels = {}): PromData[] {
    const family = this.family(name);
    if (family.type !== 'counter' && family.type !== 'gauge') throw new Error(`${name} is a ${family.type}`);
    return (family.data as PromData[]).filter((sample) => matches(sample.labels, labels));
  }

  /** Observations of a histogram's series whose labels include `labels`. */
  histogramCount(name: string, labels: PromLabels = {}): number {
    const family = this.family(name);
    if (family.type !== 'histogram') throw new Error(`${name} is a ${family.type}`);
    return (family.data as PromHistogramData[])
      .filter((series) => matches(series.labels, labels))
      .reduce((sum, series) => sum + series.count, 0);
  }

  /** Every `kt_` family that breaks a Prometheus naming convention, with the reason. */
  conventionViolations(): string[] {
    const problems: string[] = [];
    for (const [name, family] of Object.entries(this.families)) {
      if (!name.startsWith('kt_')) {
        problems.push(`${name}: not under the kt_ prefix`);
        continue;
      }
      // prom-client names its default process series itself (e.g. the gauge nodejs_active_handles_total).
      if (PROM_CLIENT_DEFAULTS.test(name)) continue;
      problems.push(...familyViolations(name, family, this.text));
    }
    for (const line of this.nanSamples) {
      if (!PROM_CLIENT_DEFAULTS.test(line)) problems.push(`${line}: NaN in a kt series`);
    }
    return problems;
  }

  private family(name: string): PromMetric {
    const family = this.families[name];
    if (family === undefined)
      throw new Error(`no ${name} family in:\n${Object.keys(this.families).join('\n')}`);
    return family;
  }
}

const NAN_SAMPLE = /^[^#].*\s[Nn]a[Nn]$/;
const PROM_CLIENT_DEFAULTS = /^kt_(nodejs|process)_/;
const UNIT_SUFFIXES = /_(seconds|bytes|ratio|messages|records|total|info)$/;

function familyViolations(name: string, family: PromMetric, text: string): string[] {
  const problems: string[] = [];
  if (!/^kt_[a-z0-9_]+$/.test(name)) problems.push(`${name}: not snake_case ascii`);
  if (family.help.trim() === '') problems.push(`${name}: no HELP`);
  if (/_(ms|milliseconds|micros|minutes|hours|kb|mb)(_|$)/.test(name))
    problems.push(`${name}: not in base units`);
  if (family.type === 'counter' && !name.endsWith('_total')) problems.push(`${name}: counter without _total`);
  if (family.type !== 'counter' && name.endsWith('_total'))
    problems.push(`${name}: _total on a ${family.type}`);
  if (family.type === 'histogram') {
    if (!UNIT_SUFFIXES.test(name)) problems.push(`${name}: histogram without a unit suffix`);
    if (family.data.length > 0) {
      for (const suffix of ['_bucket{', '_sum', '_count'])
        if (!text.includes(`\n${name}${suffix}`)) problems.push(`${name}: no ${name}${suffix} samples`);
    }
  }
  if (!['counter', 'gauge', 'histogram', 'summary'].includes(family.type))
    problems.push(`${name}: untyped (${family.type})`);
  return problems;
}

function matches(labels: PromLabels, wanted: PromLabels): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}
