import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { measurementField } from '@carbontrack/core';
import { formatLocalIso } from '@carbontrack/core/time-zone';
import { columnsOf, csvCell } from '../measurements/measurement-rows.js';

/** A query's result as a table: what the results view shows and exports, in full precision. */
export interface ResultTable {
  columns: string[];
  /** Per column, its unit ('' for none). */
  units: string[];
  /** One array a row, a value per column: numbers, strings or null (a missing value). */
  rows: (string | number | boolean | null)[][];
}

/** Objects as a table, the columns the union of their keys in first-seen order; objects and arrays as JSON text. */
export function objectsTable(items: readonly Record<string, unknown>[]): ResultTable {
  const columns = columnsOf(items);
  const cell = (value: unknown): string | number | boolean | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    return JSON.stringify(value);
  };
  return {
    columns,
    units: columns.map(() => ''),
    rows: items.map((item) => columns.map((column) => cell(item[column]))),
  };
}

/** Measurement series as a table: RecordDateTime (UTC), LocalTime (in `timeZone`), ID and the fields, with their units. */
export function seriesTable(
  series: readonly MeasurementSeries[],
  fields: readonly MeasurementField[],
  timeZone: string,
): ResultTable {
  const rows: ResultTable['rows'] = [];
  for (const part of series) {
    for (let row = 0; row < part.length; row++) {
      const t = part.time[row] as number;
      const valid = !Number.isNaN(t);
      const out: ResultTable['rows'][number] = [
        valid ? new Date(t).toISOString() : null,
        valid ? formatLocalIso(t, timeZone) : null,
        part.ids[row] ?? '',
      ];
      for (const field of fields) {
        const v = part.columns[field][row] as number;
        out.push(Number.isFinite(v) ? v : null);
      }
      rows.push(out);
    }
  }
  return {
    columns: ['RecordDateTime', 'LocalTime', 'ID', ...fields],
    units: ['', '', '', ...fields.map((field) => measurementField(field).unit)],
    rows,
  };
}

/** The table as CSV (full precision; units in the header, "PowerUsage (W)"). */
export function tableToCsv(table: ResultTable): string {
  const header = table.columns.map((c, i) => csvCell(table.units[i] ? `${c} (${table.units[i]})` : c)).join(',');
  const lines = table.rows.map((row) => row.map((v) => (v === null ? '' : csvCell(v))).join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

/** The table as a JSON array of objects (full precision). */
export function tableToJson(table: ResultTable): string {
  const objects = table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? null])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

/** The table as Markdown (pipes escaped), at most `maxRows` rows with a note of how many more. */
export function tableToMarkdown(table: ResultTable, maxRows = 10_000): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const header = table.columns.map((c, i) => (table.units[i] ? `${c} (${table.units[i]})` : c));
  const lines = [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${table.columns.map((_, i) => (typeof table.rows[0]?.[i] === 'number' ? '---:' : '---')).join(' | ')} |`,
    ...table.rows.slice(0, maxRows).map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  if (table.rows.length > maxRows) lines.push('', `(${table.rows.length - maxRows} more rows not copied)`);
  return `${lines.join('\n')}\n`;
}
