import {
  createSeries,
  MEASUREMENT_FIELD_NAMES,
  type MeasurementField,
  type MeasurementSeries,
} from '@carbontrack/core';
import type { SeriesMessage } from './panel-messages.js';

/** A series as posted to a webview: plain arrays (structured clone), null where a value is NaN. */
export function toSeriesMessage(series: MeasurementSeries): SeriesMessage {
  const plain = (values: Float64Array) => Array.from(values, (v) => (Number.isFinite(v) ? v : null));
  const columns: SeriesMessage['columns'] = {};
  for (const name of MEASUREMENT_FIELD_NAMES) columns[name] = plain(series.columns[name]);
  return { deviceId: series.deviceId, time: plain(series.time), ids: series.ids, columns };
}

/** JSON carries no NaN: the host sends null for values core could not parse. */
const numbers = (values: ArrayLike<number | null>) =>
  Float64Array.from(values as ArrayLike<number>, (v) => (v === null ? Number.NaN : v));

/** The posted series as core's MeasurementSeries (core builds it, with every field). */
export function seriesFromMessage(message: SeriesMessage): MeasurementSeries {
  const columns: Partial<Record<MeasurementField, Float64Array>> = {};
  for (const [name, values] of Object.entries(message.columns)) {
    if (values) columns[name as MeasurementField] = numbers(values);
  }
  return createSeries({ time: numbers(message.time), columns, ids: message.ids, deviceId: message.deviceId });
}
