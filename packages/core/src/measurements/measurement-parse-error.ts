import { CarbonTrackError } from '../errors/carbon-track-error.js';

/**
 * Thrown by {@link parseMeasurements} when its input is not a measurement page at all (not JSON, or
 * JSON without a `Measurements` array). Bad individual values never throw; they become NaN and a
 * {@link ParseIssue}. A {@link CarbonTrackError}, so one `instanceof` catches every library error.
 */
export class MeasurementParseError extends CarbonTrackError {
  /**
   * @param message What is wrong with the input.
   * @param options `cause`: the underlying error, e.g. the `SyntaxError` from `JSON.parse`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
  }
}
