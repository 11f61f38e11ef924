/**
 * `@carbontrack/core`: the typed carbonTRACK API client, measurement parsing and energy maths.
 * Works in Node 20+ and browsers (no Node-only imports).
 * @packageDocumentation
 */

export type {
  ApiErrorPayload,
  Customer,
  Device,
  Distributor,
  MeasurementPage,
  MeasurementRecord,
} from './api-types.js';
export type { CarbonTrackCredentials } from './auth/password-auth.js';
export type { CarbonTrackTokens } from './auth/tokens.js';
// The client: where data enters.
export { type CarbonTrackClient, createCarbonTrackClient } from './client/create-client.js';
export type { MeasurementIterable, MeasurementQuery } from './client/measurement-iterable.js';
export type {
  CallOptions,
  CarbonTrackClientOptions,
  CustomerQuery,
  DeviceQuery,
} from './client/options.js';
export type { PagedIterable } from './client/paged-iterable.js';
export type { CalendarUnit } from './energy/calendar-buckets.js';
export { DEFAULT_EMISSION_FACTOR } from './energy/emission-factor.js';
// Energy maths.
export { DEFAULT_MAX_GAP_MINUTES, type IntegrationMethod } from './energy/energy-validation.js';
export { type IntegrateEnergyOptions, integrateEnergy } from './energy/integrate-energy.js';
export {
  type ResampleAggregate,
  type ResampledSeries,
  type ResampleOptions,
  resample,
} from './energy/resample.js';
export { type EnergySummary, type SummarizeOptions, summarize } from './energy/summarize.js';
export {
  AuthenticationError,
  CarbonTrackError,
  type CarbonTrackErrorDetails,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors/carbon-track-error.js';
// The API's own types, generated from openapi/carbontrack.yaml.
export type { components, operations, paths } from './generated/carbontrack.js';
export { DEFAULT_RETRY_STATUSES, type RetryOptions } from './http/retry-policy.js';
export type { FetchLike } from './http/transport.js';
export { concatSeries } from './measurements/concat-series.js';
export { type CreateSeriesInput, createSeries } from './measurements/create-series.js';
export { dedupeSeries } from './measurements/dedupe-series.js';
export { type DownsampledPoints, type DownsampleM4Options, downsampleM4 } from './measurements/downsample-m4.js';
// Measurements: where data is transformed.
export {
  isMeasurementField,
  MEASUREMENT_FIELD_NAMES,
  MEASUREMENT_FIELDS,
  type MeasurementField,
  type MeasurementFieldInfo,
  type MeasurementKind,
  measurementField,
} from './measurements/fields.js';
export { MeasurementParseError } from './measurements/measurement-parse-error.js';
export { parseMeasurements } from './measurements/parse-measurements.js';
export { parseMeasurementsReference } from './measurements/parse-measurements-reference.js';
export { parseFormattedNumber } from './measurements/parse-number.js';
export { selectRows } from './measurements/select-rows.js';
export { emptySeries, type MeasurementSeries, type ParseIssue, type ParseIssueReason } from './measurements/series.js';
export type { DateInput } from './validation/validate-input.js';
