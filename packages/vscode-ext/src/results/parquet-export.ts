// Measurement results as Parquet, with the CLI's writer (@carbontrack/export): its own bundle
// (dist/parquet-export.cjs), loaded on first use, as the fleet export is, so hyparquet-writer does
// not weigh on every activation.
import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { writeSeriesFile } from '@carbontrack/export';

/** Writes the records as Parquet (UTC `time`, `local_time` in `timeZone`, the fields with their units); returns the rows written. */
export async function writeResultParquet(
  path: string,
  series: MeasurementSeries,
  options: { timeZone?: string; fields?: readonly MeasurementField[] },
): Promise<number> {
  const result = await writeSeriesFile(path, series, {
    format: 'parquet',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.fields && options.fields.length > 0 ? { fields: options.fields } : {}),
  });
  return result.records;
}
