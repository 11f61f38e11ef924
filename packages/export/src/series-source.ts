import type { MeasurementSeries } from '@carbontrack/core';

/**
 * Measurements to write: one series, or any sequence of them, such as an array or the client's
 * `client.measurements(query)`, which yields a series a day as it pages (so a file is written while
 * later days are still being fetched).
 */
export type SeriesSource = MeasurementSeries | Iterable<MeasurementSeries> | AsyncIterable<MeasurementSeries>;

/** The series of `source` in order. @internal */
export async function* seriesOf(source: SeriesSource): AsyncGenerator<MeasurementSeries> {
  if (Symbol.asyncIterator in source) yield* source;
  else if (Symbol.iterator in source) yield* source;
  else yield source;
}
