import { MalformedResponseError } from '../errors/carbon-track-error.js';
import { MeasurementParseError } from '../measurements/measurement-parse-error.js';
import { parseMeasurements } from '../measurements/parse-measurements.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { readPageCount } from './read-page-count.js';

/** One parsed Measurement page: its records and how many pages its window has. */
export interface ParsedMeasurementPage {
  series: MeasurementSeries;
  pages: number;
}

/**
 * Reads one Measurement page. A page that does not parse (truncated, invalid JSON, not a page) is
 * a {@link MalformedResponseError}: the pipeline retries it. @internal
 */
export function readMeasurementPage(text: string): ParsedMeasurementPage {
  try {
    return { series: parseMeasurements(text), pages: readPageCount(text) ?? 1 };
  } catch (error) {
    if (error instanceof MeasurementParseError) throw new MalformedResponseError(error.message);
    throw error;
  }
}
