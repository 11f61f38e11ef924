/**
 * The rows a virtualised grid draws for a scroll position: the ones in view and `overscan` more on
 * each side, so a scroll of a few rows shows no blank band. Pure, so it is tested without a DOM.
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): { first: number; last: number } {
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.min(total - 1, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return { first: Math.min(top, total - 1), last: bottom };
}

/** A cell as shown: numbers rounded to 3 decimals in the locale (exports keep full precision). */
export function displayCell(value: string | number | boolean | null, format: Intl.NumberFormat): string {
  if (value === null) return '';
  if (typeof value === 'number') return format.format(value);
  return String(value);
}
