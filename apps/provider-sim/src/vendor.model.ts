/** The upstream APIs the simulator imitates. */
export const VENDORS = ['openai', 'azure', 'anthropic'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isVendor(value: string): value is Vendor {
  return (VENDORS as readonly string[]).includes(value);
}
