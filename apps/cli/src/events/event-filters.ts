// The route-event filters `kt events tail` and `kt events export` pass to reporting as query params.
import type { Command } from 'commander';

export const EVENT_FILTERS = [
  ['provider', 'provider'],
  ['target', 'target'],
  ['group', 'model group'],
  ['model', 'model (the upstream model that served, or the requested one when none did)'],
  ['team', 'caller team'],
  ['key', 'caller key id'],
  ['status', 'status: an HTTP status (429), a class (4xx), ok or error'],
  ['request-id', "request id (kt's own)"],
  ['client-request-id', 'caller request id (the x-request-id the caller sent)'],
] as const;

export type EventFilterFlags = Readonly<Partial<Record<string, string>>>;

export function withEventFilters(command: Command): Command {
  for (const [flag, what] of EVENT_FILTERS)
    command.option(`--${flag} <value>`, `only events of this ${what}`);
  return command;
}

/** Commander's camelCase option names → the API's snake_case query params. */
export function eventFilterQuery(flags: EventFilterFlags): Record<string, string | undefined> {
  return Object.fromEntries(
    EVENT_FILTERS.map(([flag]) => {
      const camel = flag.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
      return [flag.replaceAll('-', '_'), flags[camel]];
    }),
  );
}
