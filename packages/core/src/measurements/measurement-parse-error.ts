/**
 * Thrown by {@link parseMeasurements} when its input is not a measurement page at all (not JSON, or
 * JSON without a `Measurements` array). Bad individual values never throw; they become NaN and a
 * {@link ParseIssue}.
 */
export class MeasurementParseError extends Error {
  override readonly name = 'MeasurementParseError';

  /**
   * @param message What is wrong with the input.
   * @param options `cause`: the underlying error, e.g. the `SyntaxError` from `JSON.parse`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
