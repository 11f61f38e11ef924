import type { MeasurementSeries } from '@carbontrack/core';

/**
 * What a format contributes to a {@link SeriesWriter}: bytes for rows, and the end of the file.
 * The writer checks arguments and state, so an encoder only encodes.
 * @internal
 */
export interface FormatEncoder {
  /** Encodes rows `[start, end)` of `series` (a valid, possibly empty range); returns the bytes ready now. */
  encode(series: MeasurementSeries, start: number, end: number): Uint8Array[];
  /** Encodes whatever is held back and the end of the file; returns the remaining bytes. */
  finish(): Uint8Array[];
}
