import { randomUUID } from 'node:crypto';

/** A fresh random (v4) UUID for `event_id` and other ids the producer mints. */
export function createEventId(): string {
  return randomUUID();
}
