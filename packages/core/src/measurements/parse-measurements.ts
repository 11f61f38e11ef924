import { parseMeasurementsFast } from './parse-measurements-fast.js';
import { referencePage } from './parse-measurements-reference.js';
import { type ParseMeasurementsOptions, resolveParseOptions } from './parse-options.js';
import type { MeasurementSeries } from './series.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Parses a carbonTRACK measurement page (`POST /ctapi/Measurement` response) into a columnar
 * {@link MeasurementSeries}.
 *
 * `input` is the response body as bytes (what the client reads: no decode to a string first), the
 * JSON text, the parsed page object `{ Measurements: [...], Count, ... }` or a bare array of
 * records. A page in the exact shape the API emits is read by a single-pass scanner over its
 * bytes straight into typed arrays; anything else (whitespace, other key order, escapes, …) and
 * object input take the `JSON.parse` reference path. Both give identical results.
 *
 * Numbers are read in every form the documented .NET patterns produce (see `parseFormattedNumber`
 * of `@carbontrack/api`); `options` say what "" means and which unit power arrives in.
 *
 * Bad values never throw: they become NaN (or `''` for IDs) and are listed in `issues`.
 * @throws MeasurementParseError when the input is not a page at all (not JSON, no Measurements array).
 * @throws RangeError for options outside their documented values.
 */
export function parseMeasurements(
  input: string | object | Uint8Array | ArrayBuffer,
  options?: ParseMeasurementsOptions,
): MeasurementSeries {
  return parseMeasurementPage(input, options).series;
}

/** {@link parseMeasurements} with the page object around the records (Pages, PagesIndex …). @internal */
export function parseMeasurementPage(
  input: string | object | Uint8Array | ArrayBuffer,
  options?: ParseMeasurementsOptions,
): { series: MeasurementSeries; page: Record<string, unknown> | null } {
  const resolved = resolveParseOptions(options);
  if (typeof input === 'string') {
    return parseMeasurementsFast(encoder.encode(input), resolved) ?? referencePage(input, options);
  }
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    return parseMeasurementsFast(bytes, resolved) ?? referencePage(decoder.decode(bytes), options);
  }
  return referencePage(input, options);
}
