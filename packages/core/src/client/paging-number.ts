/**
 * A paging number of a parsed body (`Pages`, `PagesIndex`, `RecordCount`): a whole number, or a
 * string of digits (a loose server's `"Pages": "2"`). Undefined otherwise.
 */
export function pagingNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
