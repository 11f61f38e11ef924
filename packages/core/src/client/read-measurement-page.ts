import { MalformedResponseError } from '../errors/carbon-track-error.js';
import { MeasurementParseError } from '../measurements/measurement-parse-error.js';
import { parseMeasurements } from '../measurements/parse-measurements.js';
import type { ParseMeasurementsOptions } from '../measurements/parse-options.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { readPageCount, readPagingField } from './read-page-count.js';

/** One parsed Measurement page: its records and how many pages its window has. */
export interface ParsedMeasurementPage {
  series: MeasurementSeries;
  pages: number;
}

/** Reads the text of the Measurement page asked for as `pageIndex`. @internal */
export type MeasurementPageReader = (text: string, pageIndex: number) => ParsedMeasurementPage;

/**
 * The reader of Measurement pages with the client's parse options. A page that does not parse
 * (truncated, invalid JSON, not a page), or that says it is another page than the one asked for
 * (its `PagesIndex`), is a {@link MalformedResponseError}: the pipeline fetches it again. @internal
 */
export function measurementPageReader(options: ParseMeasurementsOptions): MeasurementPageReader {
  return (text, pageIndex) => {
    const echoed = readPagingField(text, 'PagesIndex');
    if (echoed !== undefined && echoed !== pageIndex) {
      throw new MalformedResponseError(`the answer to page ${pageIndex} says it is page ${echoed} (PagesIndex)`);
    }
    try {
      return { series: parseMeasurements(text, options), pages: readPageCount(text) ?? 1 };
    } catch (error) {
      if (error instanceof MeasurementParseError) throw new MalformedResponseError(error.message);
      throw error;
    }
  };
}
