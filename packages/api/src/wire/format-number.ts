/**
 * Formats integer hundredths as the API's number strings: two decimals, comma thousands
 * separators, e.g. `123456` → `"1,234.56"`, `-50` → `"-0.50"`. Zero is always `"0.00"`, never
 * `"-0.00"`. Working in integer hundredths keeps sums such as Power1..4 = PowerUsage exact.
 */
export function formatHundredths(hundredths: number): string {
  const value = Math.round(hundredths);
  if (value === 0) return '0.00';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${groupThousands(whole)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Formats a number with two decimals (rounded half away from zero on hundredths). */
export function formatNumber(value: number): string {
  return formatHundredths(toHundredths(value));
}

/** Rounds a number to integer hundredths (`12.345` → `1235`). */
export function toHundredths(value: number): number {
  const scaled = Math.round(Math.abs(value) * 100);
  return value < 0 ? -scaled : scaled;
}

/** Parses an API number string (`"1,234.56"`) back into integer hundredths. */
export function parseHundredths(text: string): number {
  const value = Number(text.replaceAll(',', ''));
  if (!Number.isFinite(value)) throw new Error(`not a formatted number: ${text}`);
  return toHundredths(value);
}

function groupThousands(whole: number): string {
  const digits = String(whole);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/**
 * How the simulator writes numbers: `'docs'` as the documentation's examples show them (two
 * decimals, thousands separators: "0.00", "1,000.00"), or `'dotnet'` as the documented .NET
 * custom patterns print them: "" for zero, ".5", "-.75", "12", with separators only under
 * `#,###.##` ("1,000") and none under `#.##` ("1000").
 */
export type NumberFormat = 'docs' | 'dotnet';

/** The two patterns the documentation gives: `#.##` for most fields, `#,###.##` for SignalStrength. */
export type NumberPattern = '#.##' | '#,###.##';

/** Formats integer hundredths in `format`, for a field documented with `pattern`. */
export function formatHundredthsAs(hundredths: number, format: NumberFormat, pattern: NumberPattern): string {
  if (format === 'docs') return formatHundredths(hundredths);
  const value = Math.round(hundredths);
  if (value === 0) return '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  // '#' digits print nothing when zero: no integer zero, no trailing fraction zeros.
  const integer = whole === 0 ? '' : pattern === '#,###.##' ? groupThousands(whole) : String(whole);
  const fraction = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${cents < 10 ? '0' : ''}${cents}`;
  return `${value < 0 ? '-' : ''}${integer}${fraction}`;
}
