/**
 * The pack's `fallback.triggers`: the kinds of target failure a group may fall back on. Routing's
 * failure classifier names the trigger each failed attempt matches.
 */
export const FALLBACK_TRIGGERS = [
  'rate_limit_exceeded',
  'timeout',
  'service_unavailable',
  'server_error',
  'connection_error',
] as const;
export type FallbackTrigger = (typeof FALLBACK_TRIGGERS)[number];
