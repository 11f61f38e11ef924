/**
 * Reads a whole-number paging field (`Pages`, `PagesIndex`) from a page's JSON text without
 * parsing the whole text again: the records hold no free text, so the last `"Key":` is the
 * page's own. A number sent as a string ("2"), as a loose server may, reads the same. Undefined
 * when absent or not a whole number.
 */
export function readPagingField(text: string, key: 'Pages' | 'PagesIndex'): number | undefined {
  const at = text.lastIndexOf(`"${key}":`);
  if (at < 0) return undefined;
  let i = at + key.length + 3;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const quoted = text.charCodeAt(i) === 34;
  if (quoted) i++;
  let value = 0;
  let digits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || digits > 15) return undefined;
  if (quoted && text.charCodeAt(i) !== 34) return undefined;
  return value;
}

/** `Pages` of a Measurement page (see {@link readPagingField}). */
export function readPageCount(text: string): number | undefined {
  return readPagingField(text, 'Pages');
}

/**
 * A paging number of a parsed body: a whole number, or a string of digits (a loose server's
 * `"Pages": "2"`). Undefined otherwise.
 */
export function pagingNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
