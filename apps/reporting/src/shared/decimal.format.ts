const MICRO = 1_000_000n;

/** Integer micro-USD as a dollar amount with 6 decimals (`1234567` → `"1.234567"`). */
export function usdString(microUsd: bigint): string {
  const negative = microUsd < 0n;
  const abs = negative ? -microUsd : microUsd;
  const text = `${abs / MICRO}.${(abs % MICRO).toString().padStart(6, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * `part / whole` as a decimal string with `places` decimals, in integers so nothing is lost.
 * `round` rounds half up (shares), `floor` never overstates (a budget shows 1.0000 only when reached).
 */
export function ratioString(
  part: bigint,
  whole: bigint,
  places = 4,
  mode: 'round' | 'floor' = 'round',
): string {
  if (whole <= 0n || part <= 0n) return (0).toFixed(places);
  const scale = 10n ** BigInt(places);
  const scaled = mode === 'round' ? (part * scale * 2n + whole) / (whole * 2n) : (part * scale) / whole;
  const digits = (scaled % scale).toString().padStart(places, '0');
  return places === 0 ? `${scaled}` : `${scaled / scale}.${digits}`;
}
