// Integer micro-USD text → exact USD text with all six decimals ("1234567" → "1.234567"), for reports
// finance reconciles to the micro-dollar.
export function usdExact(micro: string): string {
  const negative = micro.startsWith('-');
  const digits = (negative ? micro.slice(1) : micro).padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${whole}.${digits.slice(-6)}`;
}
