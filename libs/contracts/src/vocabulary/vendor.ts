import { isOneOf } from './word.list.js';

/**
 * The upstream APIs kt can call: the pack's `provider` vendors, one adapter each in
 * `@kt/providers`, and (but for `openai-compatible`) one imitation each in the provider simulator.
 * Error messages quote this list, so its order is the order users read.
 */
export const VENDORS = ['openai', 'azure', 'anthropic', 'openai-compatible'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isVendor(value: string): value is Vendor {
  return isOneOf(VENDORS, value);
}
