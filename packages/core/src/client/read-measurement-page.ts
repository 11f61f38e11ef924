import { MalformedResponseError } from '../errors/carbon-track-error.js';
import { MeasurementParseError } from '../measurements/measurement-parse-error.js';
import { parseMeasurements } from '../measurements/parse-measurements.js';
import type { ParseMeasurementsOptions } from '../measurements/parse-options.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { readPageCount } from './read-page-count.js';

/** One parsed Measurement page: its records and how many pages its window has. */
export interface ParsedMeasurementPage {
  series: MeasurementSeries;
  pages: number;
}

/** Reads one Measurement page's text. @internal */
export type MeasurementPageReader = (text: string) => ParsedMeasurementPage;

/**
 * The reader of Measurement pages with the client's parse options. A page that does not parse
 * (truncated, invalid JSON, not a page) is a {@link MalformedResponseError}: the pipeline retries
 * it. @internal
 */
export function measurementPageReader(options: ParseMeasurementsOptions): MeasurementPageReader {
  return (text) => {
    try {
      return { series: parseMeasurements(text, options), pages: readPageCount(text) ?? 1 };
    } catch (error) {
      if (error instanceof MeasurementParseError) throw new MalformedResponseError(error.message);
      throw error;
    }
  };
}
