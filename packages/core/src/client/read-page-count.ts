/**
 * Reads `Pages` from a Measurement page's JSON text without parsing the whole text again: the
 * records hold no free text, so the only `"Pages":` key is the page's own. Undefined when absent.
 */
export function readPageCount(text: string): number | undefined {
  const key = text.lastIndexOf('"Pages":');
  if (key < 0) return undefined;
  let value = 0;
  let digits = 0;
  for (let i = key + 8; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (!(digits === 0 && (c === 32 || c === 9 || c === 10 || c === 13))) {
      break;
    }
  }
  return digits > 0 ? value : undefined;
}
