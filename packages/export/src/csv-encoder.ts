import type { ExportLayout } from './export-layout.js';
import { localTimeFormatter, utcTimeText } from './export-time.js';
import type { FormatEncoder } from './format-encoder.js';

/**
 * CSV as RFC 4180 reads it: a header of plain column names (the Parquet names, so both files are the
 * same table; units are in the README and the Parquet metadata, not in the header), `\n` line ends,
 * an empty cell for null, numbers in JavaScript's shortest round-trip form, times as ISO 8601.
 * Each call encodes its rows as one chunk: a year is written a slice at a time, never as one string.
 * @internal
 */
export function createCsvEncoder(layout: ExportLayout): FormatEncoder {
  const encoder = new TextEncoder();
  const localTime = layout.timeZone === null ? null : localTimeFormatter(layout.timeZone);
  const header = `${layout.columns.map((column) => column.name).join(',')}\n`;
  let headerWritten = false;
  const takeHeader = () => {
    if (headerWritten) return '';
    headerWritten = true;
    return header;
  };
  return {
    encode(series, start, end) {
      let text = takeHeader();
      const deviceCell = csvCell(series.deviceId);
      const columns = layout.fields.map((field) => series.columns[field]);
      for (let i = start; i < end; i++) {
        const t = series.time[i] as number;
        let line = utcTimeText(t) ?? '';
        if (localTime !== null) line += `,${localTime(t) ?? ''}`;
        line += `,${deviceCell},${csvCell(series.ids[i] as string)}`;
        for (const column of columns) {
          const value = column[i] as number;
          line += Number.isFinite(value) ? `,${value}` : ',';
        }
        text += `${line}\n`;
      }
      return text === '' ? [] : [encoder.encode(text)];
    },
    finish() {
      const text = takeHeader();
      return text === '' ? [] : [encoder.encode(text)];
    },
  };
}

/** A string cell: empty for null and for '' (a missing ID is null, as in Parquet), quoted only when it must be. */
function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
