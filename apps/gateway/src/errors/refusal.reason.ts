/** Why the gateway refused a request before routing it (the `reason` label: a small, fixed set). */
export type RefusalReason =
  'missing_key' | 'invalid_key' | 'invalid_request' | 'unreadable_body' | 'too_deep' | 'payload_too_large';
