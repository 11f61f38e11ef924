import {
  isMeasurementField,
  MEASUREMENT_FIELD_NAMES,
  type MeasurementField,
  measurementField,
} from '@carbontrack/core';
import { canonicalTimeZone } from '@carbontrack/core/time-zone';

/** What goes into an exported file, shared by every format. */
export interface ExportOptions {
  /** IANA zone of an extra `local_time` column (wall time with its offset); no such column without it. */
  timeZone?: string | undefined;
  /** Measurement fields to write, in this order (default: all 34, in API order). */
  fields?: readonly MeasurementField[] | undefined;
}

/** How a column is typed: Parquet stores it as this type, CSV and NDJSON as text or numbers. */
export type ExportColumnType = 'timestamp' | 'string' | 'double';

/** One column of an exported file. */
export interface ExportColumn {
  /** Column name: `time`, `local_time`, `device_id`, `id`, or a field's API name (`PowerUsage`). */
  readonly name: string;
  /** The column's type. */
  readonly type: ExportColumnType;
  /** Unit symbol of a field column ('' when dimensionless), from core's field table; null for the other columns. */
  readonly unit: string | null;
  /** The measurement field a column holds, null for the other columns. */
  readonly field: MeasurementField | null;
}

/** The columns of an export and the choices they follow from. */
export interface ExportLayout {
  /** Columns in file order: `time`, `local_time` (with a time zone), `device_id`, `id`, then the fields. */
  readonly columns: readonly ExportColumn[];
  /** The fields written, in file order. */
  readonly fields: readonly MeasurementField[];
  /** Canonical IANA zone of `local_time`, or null when there is no such column. */
  readonly timeZone: string | null;
}

/**
 * The column layout every writer follows, so Parquet, CSV and NDJSON files of the same data are the
 * same table: same column names, same order, null where a value is unusable.
 * @throws RangeError for an unknown time zone, an unknown field or a field given twice.
 */
export function exportLayout(options: ExportOptions = {}): ExportLayout {
  let timeZone: string | null = null;
  if (options.timeZone !== undefined) {
    timeZone = canonicalTimeZone(options.timeZone);
    if (timeZone === null) throw new RangeError(`Unknown time zone '${options.timeZone}'`);
  }
  const fields = options.fields === undefined ? MEASUREMENT_FIELD_NAMES : options.fields;
  const seen = new Set<string>();
  for (const name of fields) {
    // Field lists often come from command lines and config files, where the type system cannot help.
    if (!isMeasurementField(name)) throw new RangeError(`Unknown measurement field '${String(name)}'`);
    if (seen.has(name)) throw new RangeError(`Measurement field '${name}' is listed twice`);
    seen.add(name);
  }
  const columns: ExportColumn[] = [{ name: 'time', type: 'timestamp', unit: null, field: null }];
  if (timeZone !== null) columns.push({ name: 'local_time', type: 'string', unit: null, field: null });
  columns.push({ name: 'device_id', type: 'string', unit: null, field: null });
  columns.push({ name: 'id', type: 'string', unit: null, field: null });
  for (const field of fields) {
    columns.push({ name: field, type: 'double', unit: measurementField(field).unit, field });
  }
  return { columns, fields: [...fields], timeZone };
}

/** The unit of each field column of `layout`, by column name (`{ PowerUsage: 'W', PowerFactor1: '' }`). */
export function exportUnits(layout: ExportLayout): Record<string, string> {
  const units: Record<string, string> = {};
  for (const column of layout.columns) if (column.unit !== null) units[column.name] = column.unit;
  return units;
}
