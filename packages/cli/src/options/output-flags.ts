import { isMeasurementField, type MeasurementField } from '@carbontrack/core';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from '@carbontrack/export';
import { usageError } from '../cli-error.js';

/** `--format`: one of parquet, csv, ndjson. */
export function formatFlag(raw: string): OutputFormat {
  if (!isOutputFormat(raw)) throw usageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${raw}'`);
  return raw;
}

/** `--fields`: measurement field names, comma-separated, as the API spells them. */
export function fieldsFlag(raw: string | undefined): MeasurementField[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isMeasurementField(name));
  if (names.length === 0 || unknown.length > 0) {
    throw usageError(
      `--fields: ${unknown.length > 0 ? `unknown field ${unknown.map((n) => `'${n}'`).join(', ')}` : 'no field given'}`,
      'Fields are spelled as the API does: PowerUsage,Generating,PowerExported,Power1,…',
    );
  }
  return [...new Set(names)] as MeasurementField[];
}

/** `--devices A,B,…`: 16-digit device IDs. */
export function deviceListFlag(raw: string): string[] {
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !/^\d{16}$/.test(id));
  if (ids.length === 0 || bad.length > 0) {
    throw usageError(`--devices: ${bad.length > 0 ? `'${bad[0]}' is not a 16-digit device ID` : 'no device given'}`);
  }
  return ids;
}
