import type { CliIo } from './cli-io.js';

/** A column of {@link printTable}: its heading and how to show a row's value. */
export interface Column<T> {
  readonly heading: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
  /** Right-aligned (numbers). */
  readonly right?: boolean;
}

/**
 * Prints rows as an aligned plain-text table on stdout, or as JSON with `json` (the rows as given,
 * for scripts). Text is printed as text: control characters are shown as `\uXXXX`, so an API
 * string cannot move the cursor or recolour the terminal.
 */
export function printTable<T>(io: CliIo, rows: readonly T[], columns: readonly Column<T>[], json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = columns.map((column, i) =>
    Math.max(column.heading.length, ...cells.map((r) => (r[i] as string).length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (columns[i]?.right ? value.padStart(widths[i] as number) : value.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  io.stdout.write(`${line(columns.map((c) => c.heading))}\n`);
  for (const row of cells) io.stdout.write(`${line(row)}\n`);
}

/** A value as table text: empty for null, control characters escaped. */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = '';
  for (const char of String(value)) {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    text += control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return text;
}
