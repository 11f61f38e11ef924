import { MalformedResponseError } from '../errors/carbon-track-error.js';
import { MeasurementParseError } from '../measurements/measurement-parse-error.js';
import { parseMeasurementPage } from '../measurements/parse-measurements.js';
import type { ParseMeasurementsOptions } from '../measurements/parse-options.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { pagingNumber } from './paging-number.js';

/** One parsed Measurement page: its records and how many pages its window has. */
export interface ParsedMeasurementPage {
  series: MeasurementSeries;
  pages: number;
}

/** Reads the body (bytes) of the Measurement page asked for as `pageIndex`. @internal */
export type MeasurementPageReader = (body: ArrayBuffer, pageIndex: number) => ParsedMeasurementPage;

/**
 * The reader of Measurement pages with the client's parse options, straight from the response
 * bytes. A page that does not parse (truncated,
 * invalid JSON, not a page), or that says it is another page than the one asked for (its
 * `PagesIndex`), is a {@link MalformedResponseError}: the pipeline fetches it again. @internal
 */
export function measurementPageReader(options: ParseMeasurementsOptions): MeasurementPageReader {
  return (body, pageIndex) => {
    let parsed: ReturnType<typeof parseMeasurementPage>;
    try {
      parsed = parseMeasurementPage(body, options);
    } catch (error) {
      if (error instanceof MeasurementParseError) throw new MalformedResponseError(error.message);
      throw error;
    }
    const echoed = pagingNumber(parsed.page?.PagesIndex);
    if (echoed !== undefined && echoed !== pageIndex) {
      throw new MalformedResponseError(`the answer to page ${pageIndex} says it is page ${echoed} (PagesIndex)`);
    }
    return { series: parsed.series, pages: pagingNumber(parsed.page?.Pages) ?? 1 };
  };
}
