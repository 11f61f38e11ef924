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
