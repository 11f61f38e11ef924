/**
 * `@carbontrack/core`: the typed carbonTRACK API client and measurement parsing. Energy maths
 * and chart downsampling are in the `@carbontrack/core/energy` entry, so apps that only fetch
 * and parse do not carry them. Works in Node 20+ and browsers (no Node-only imports).
 * @packageDocumentation
 */

export type { components, operations, paths } from '@carbontrack/api';
export { EMPTY_NUMBER_DEFAULT, type EmptyNumber, parseFormattedNumber } from '@carbontrack/api';
export type {
  ApiErrorPayload,
  Customer,
  Device,
  Distributor,
  MeasurementPage,
  MeasurementRecord,
} from './api-types.js';
export type { CarbonTrackCredentials, SignInCooldown, SignInRefusal } from './auth/password-auth.js';
export type { CarbonTrackTokens } from './auth/tokens.js';
export {
  type CarbonTrackCalls,
  type CarbonTrackClient,
  createCarbonTrackCalls,
  createCarbonTrackClient,
} from './client/create-client.js';
export type { MeasurementIterable, MeasurementQuery } from './client/measurement-iterable.js';
export type { CallOptions, CarbonTrackClientOptions, CustomerQuery, DeviceQuery } from './client/options.js';
export type { PagedIterable } from './client/paged-iterable.js';
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
export { redact } from './errors/redact.js';
export { type FleetCursor, parseFleetCursor } from './fleet/fleet-cursor.js';
export type { FleetIterable } from './fleet/fleet-iterable.js';
export type { FleetChunk, FleetProgress, FleetQuery } from './fleet/fleet-query.js';
export type { FleetTarget } from './fleet/fleet-target.js';
export type { FetchLike } from './http/request-pipeline.js';
export { DEFAULT_RETRY_STATUSES, type RetryOptions } from './http/retry-policy.js';
export { concatSeries } from './measurements/concat-series.js';
export { type CreateSeriesInput, createSeries } from './measurements/create-series.js';
export { dedupeSeries } from './measurements/dedupe-series.js';
export {
  isMeasurementField,
  MEASUREMENT_FIELD_NAMES,
  MEASUREMENT_FIELDS,
  type MeasurementField,
  type MeasurementFieldInfo,
  type MeasurementKind,
  measurementField,
  type PowerUnit,
} from './measurements/fields.js';
export { MeasurementParseError } from './measurements/measurement-parse-error.js';
export { parseMeasurements } from './measurements/parse-measurements.js';
export { parseMeasurementsReference } from './measurements/parse-measurements-reference.js';
export type { ParseMeasurementsOptions } from './measurements/parse-options.js';
export { parseRecordDateTime } from './measurements/parse-record-date-time.js';
export { selectRows } from './measurements/select-rows.js';
export { emptySeries, type MeasurementSeries, type ParseIssue, type ParseIssueReason } from './measurements/series.js';
export type { DateInput } from './validation/validate-input.js';
