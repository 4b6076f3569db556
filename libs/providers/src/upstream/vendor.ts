/** The upstream APIs kt can call; each has one adapter registered in `adapters.registry.ts`. */
export const VENDORS = ['openai', 'azure', 'anthropic', 'openai-compatible'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isVendor(value: string): value is Vendor {
  return (VENDORS as readonly string[]).includes(value);
}
