import type { ConditionalPrice, ModelInfo } from '@pydantic/genai-prices';

const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SECONDS_PER_DAY = 86_400;

/**
 * The catalog price of `model` in force at `at`, as the dataset defines it: the last entry whose
 * constraint holds (a `start_date` reached, or a UTC time-of-day window containing `at`), else the
 * first entry. A replay passes the event's own time, so it finds the price that was booked.
 */
export function priceAt(model: ModelInfo, at: Date): ConditionalPrice['prices'] | undefined {
  if (!Array.isArray(model.prices)) return model.prices;
  if (Number.isNaN(at.getTime())) return undefined;
  for (let i = model.prices.length - 1; i >= 0; i--) {
    const entry = model.prices[i]!;
    if (holds(entry.constraint, at)) return entry.prices;
  }
  return model.prices[0]?.prices;
}

function holds(constraint: unknown, at: Date): boolean {
  if (constraint === undefined || constraint === null) return true;
  const c = constraint as { start_date?: unknown; start_time?: unknown; end_time?: unknown };
  if (typeof c.start_date === 'string') return at.getTime() >= Date.parse(`${c.start_date}T00:00:00Z`);
  if (typeof c.start_time === 'string' && typeof c.end_time === 'string') {
    const start = secondsOfDay(c.start_time);
    const end = secondsOfDay(c.end_time);
    if (start === undefined || end === undefined) return false;
    const now = (at.getTime() / 1000) % SECONDS_PER_DAY;
    return end < start ? now >= start || now < end : now >= start && now < end;
  }
  return false;
}

/** `HH:MM:SS[.fff](Z|±HH:MM)` → seconds after UTC midnight. */
export function secondsOfDay(text: string): number | undefined {
  const match = TIME_OF_DAY.exec(text);
  if (match === null) return undefined;
  const [, h, m, s, zone = 'Z'] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 59) return undefined;
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4)) * 60);
  return (
    (((Number(h) * 3600 + Number(m) * 60 + Number(s) - offset) % SECONDS_PER_DAY) + SECONDS_PER_DAY) %
    SECONDS_PER_DAY
  );
}
