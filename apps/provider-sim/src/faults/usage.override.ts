import type { Answer } from '../http/vendor.dialect.js';
import type { Parsed } from './fault.parser.js';

/**
 * Fields merged into every `usage` object of a reply (the JSON body's, and each SSE event's that
 * carries one: OpenAI's final chunk, Anthropic's `message_start` and `message_delta`), so a test can
 * send the figures a broken or hostile upstream would — cached tokens above the prompt, 1e20,
 * `cache_creation.ephemeral_1h_input_tokens`. Values are numbers, or one level of objects of numbers.
 */
export type UsageOverride = Readonly<Record<string, number | Readonly<Record<string, number>>>>;

const MAX_KEYS = 16;

/** Validates `usageOverride` (null or absent = none); every error names the field. */
export function parseUsageOverride(value: unknown): Parsed<UsageOverride | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  const fail = (why: string): Parsed<UsageOverride | null> => ({
    ok: false,
    errors: [`usageOverride: ${why}`],
  });
  if (!isRecord(value)) return fail('expected an object of usage fields, or null');
  const entries = Object.entries(value);
  if (entries.length > MAX_KEYS) return fail(`at most ${MAX_KEYS} fields`);
  for (const [key, field] of entries) {
    if (typeof field === 'number') continue;
    if (!isRecord(field) || Object.keys(field).length > MAX_KEYS)
      return fail(`${key}: expected a number or an object of at most ${MAX_KEYS} numbers`);
    if (!Object.values(field).every((n) => typeof n === 'number'))
      return fail(`${key}: expected an object of numbers`);
  }
  return { ok: true, value: value as UsageOverride };
}

/** `answer` with `override` merged into its usage objects; unchanged without one. */
export function overrideUsage(answer: Answer, override: UsageOverride | null): Answer {
  if (override === null) return answer;
  if (answer.kind === 'json')
    return { kind: 'json', body: JSON.stringify(merged(JSON.parse(answer.body), override)) };
  return { kind: 'sse', events: answer.events.map((event) => overrideEvent(event, override)) };
}

function overrideEvent(event: string, override: UsageOverride): string {
  const match = /^((?:event: [^\n]*\n)?data: )(\{.*\})\n\n$/s.exec(event);
  if (match === null) return event;
  return `${match[1]}${JSON.stringify(merged(JSON.parse(match[2]!), override))}\n\n`;
}

/** Merges `override` into every object under a `usage` key of `node` (Anthropic nests it in `message`). */
function merged(node: unknown, override: UsageOverride): unknown {
  if (Array.isArray(node)) return node.map((item) => merged(item, override));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === 'usage' && isRecord(value) ? { ...value, ...override } : merged(value, override);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
