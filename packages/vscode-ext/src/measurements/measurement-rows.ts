import {
  MEASUREMENT_FIELD_NAMES,
  type MeasurementField,
  type MeasurementSeries,
  measurementField,
} from '@carbontrack/core';
import { formatLocalIso } from '@carbontrack/core/time-zone';

/** Output formats of exports and queries. */
export type RowFormat = 'csv' | 'json';

/** Options of {@link MeasurementRowWriter}. */
export interface RowWriterOptions {
  /**
   * Adds LocalTime (ISO 8601 with this zone's offset) after RecordDateTime, and, in CSV, the unit
   * of each field in its header ("PowerUsage (W)").
   */
  timeZone?: string;
}

/**
 * Writes series as CSV or JSON rows, one series (one API window) at a time, so a long range is
 * never held in memory. Columns: RecordDateTime (ISO 8601, UTC), LocalTime (with `timeZone`), ID,
 * then the chosen fields in the units of core's `MEASUREMENT_FIELDS`; a value core could not parse
 * is an empty cell (CSV) or null (JSON).
 */
export class MeasurementRowWriter {
  private rows = 0;
  private readonly timeZone: string | undefined;

  constructor(
    readonly format: RowFormat,
    readonly fields: readonly MeasurementField[] = MEASUREMENT_FIELD_NAMES,
    options: RowWriterOptions = {},
  ) {
    this.timeZone = options.timeZone || undefined;
  }

  get rowCount(): number {
    return this.rows;
  }

  start(): string {
    if (this.format !== 'csv') return '[';
    if (!this.timeZone) return `${['RecordDateTime', 'ID', ...this.fields].join(',')}\n`;
    const withUnits = this.fields.map((field) => {
      const unit = measurementField(field).unit;
      return csvCell(unit ? `${field} (${unit})` : field);
    });
    return `${['RecordDateTime', 'LocalTime', 'ID', ...withUnits].join(',')}\n`;
  }

  write(series: MeasurementSeries): string {
    let out = '';
    for (let row = 0; row < series.length; row++) {
      const time = series.time[row] as number;
      const iso = Number.isNaN(time) ? '' : new Date(time).toISOString();
      const id = series.ids[row] ?? '';
      const local = this.timeZone && iso ? formatLocalIso(time, this.timeZone) : '';
      if (this.format === 'csv') {
        let line = this.timeZone ? `${iso},${local},${csvCell(id)}` : `${iso},${csvCell(id)}`;
        for (const field of this.fields) line += `,${formatNumber(series.columns[field][row] as number)}`;
        out += `${line}\n`;
      } else {
        const record: Record<string, string | number | null> = this.timeZone
          ? { RecordDateTime: iso || null, LocalTime: local || null, ID: id }
          : { RecordDateTime: iso || null, ID: id };
        for (const field of this.fields) {
          const value = series.columns[field][row] as number;
          record[field] = Number.isFinite(value) ? value : null;
        }
        out += `${this.rows === 0 ? '\n' : ',\n'}  ${JSON.stringify(record)}`;
      }
      this.rows++;
    }
    return out;
  }

  end(): string {
    return this.format === 'csv' ? '' : this.rows === 0 ? ']\n' : '\n]\n';
  }
}

/** All rows of some series in one string (for small results such as query output and tests). */
export function formatSeries(
  series: Iterable<MeasurementSeries>,
  format: RowFormat,
  fields?: readonly MeasurementField[],
  options: RowWriterOptions = {},
): string {
  const writer = new MeasurementRowWriter(format, fields, options);
  let out = writer.start();
  for (const part of series) out += writer.write(part);
  return out + writer.end();
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The union of the objects' keys, in first-seen order: the columns of a listing's table. */
export function columnsOf(items: readonly Record<string, unknown>[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** Objects as CSV, the columns being the union of their keys in first-seen order. */
export function objectsToCsv(items: readonly Record<string, unknown>[]): string {
  const columns = columnsOf(items);
  const cell = (value: unknown) => csvCell(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  return `${[columns.join(','), ...items.map((item) => columns.map((c) => cell(item[c])).join(','))].join('\n')}\n`;
}
