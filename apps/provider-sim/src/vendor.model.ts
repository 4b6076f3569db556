import { isOneOf, VENDORS as KT_VENDORS, type Vendor as KtVendor } from '@kt/contracts';

/**
 * The upstream APIs the simulator imitates: every vendor kt calls but `openai-compatible`, which is
 * the OpenAI dialect at an address of the operator's choosing (point it at the OpenAI port).
 */
export type Vendor = Exclude<KtVendor, 'openai-compatible'>;

export const VENDORS: readonly Vendor[] = KT_VENDORS.filter(
  (vendor): vendor is Vendor => vendor !== 'openai-compatible',
);

export function isVendor(value: string): value is Vendor {
  return isOneOf(VENDORS, value);
}
