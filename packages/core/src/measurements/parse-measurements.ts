import { parseMeasurementsFast } from './parse-measurements-fast.js';
import { parseMeasurementsReference } from './parse-measurements-reference.js';
import { type ParseMeasurementsOptions, resolveParseOptions } from './parse-options.js';
import type { MeasurementSeries } from './series.js';

/**
 * Parses a carbonTRACK measurement page (`GET /api/measurements` response) into a columnar
 * {@link MeasurementSeries}.
 *
 * `input` is the JSON text, the parsed page object `{ Measurements: [...], Count, ... }` or a bare
 * array of records. Text in the exact shape the API emits is read by a single-pass scanner straight
 * into typed arrays; anything else (whitespace, other key order, escapes, …) and object input take
 * the `JSON.parse` reference path. Both give identical results.
 *
 * Numbers are read in every form the documented .NET patterns produce (see `parseFormattedNumber`
 * of `@carbontrack/api`); `options` say what "" means and which unit power arrives in.
 *
 * Bad values never throw: they become NaN (or `''` for IDs) and are listed in `issues`.
 * @throws MeasurementParseError when the input is not a page at all (not JSON, no Measurements array).
 * @throws RangeError for options outside their documented values.
 */
export function parseMeasurements(input: string | object, options?: ParseMeasurementsOptions): MeasurementSeries {
  const resolved = resolveParseOptions(options);
  if (typeof input === 'string') {
    const fast = parseMeasurementsFast(input, resolved);
    if (fast !== null) return fast;
  }
  return parseMeasurementsReference(input, options);
}
