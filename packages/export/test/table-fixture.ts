// The table a series should come back as, and the SQL that reads it back comparably.
import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import type { Row } from './duckdb-fixture.js';

/** Columns to select from a written file: time as epoch ms (a number), the strings, the fields. */
export function selectColumns(fields: readonly MeasurementField[]): string {
  return ['epoch_ms(time)::DOUBLE AS time', 'device_id', 'id', ...fields.map((f) => `"${f}"`)].join(', ');
}

/** The rows `series` should read back as: NaN → null, '' → null, nothing dropped, nothing invented. */
export function expectedRows(series: MeasurementSeries, fields: readonly MeasurementField[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < series.length; i++) {
    const time = series.time[i] as number;
    const row: Row = {
      time: Number.isNaN(time) ? null : time,
      device_id: series.deviceId || null,
      id: series.ids[i] || null,
    };
    for (const field of fields) {
      const value = series.columns[field][i] as number;
      row[field] = Number.isFinite(value) ? value : null;
    }
    rows.push(row);
  }
  return rows;
}
