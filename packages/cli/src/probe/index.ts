/**
 * The conformance probe behind `ct probe`: what a partner runs first against the real carbonTRACK
 * API, to see where it differs from the OpenAPI description before trusting the toolkit with it.
 * @packageDocumentation
 */
export { formatProbeMarkdown } from './format-probe-markdown.js';
export type {
  CustomerPaging,
  CustomerSection,
  DevicePaging,
  DeviceSection,
  Distribution,
  DistributorSection,
  EndpointSection,
  Exchange,
  FieldShape,
  MeasurementPaging,
  MeasurementSection,
  NumberForm,
  NumberFormatSection,
  PagingSection,
  PowerSection,
  ProbeReport,
  RateLimitSection,
  SchemaCheck,
  SchemaIssue,
  SectionBase,
  SectionOutcome,
  TokenSection,
} from './probe-report.js';
export { DEFAULT_REQUEST_BUDGET, DEFAULT_REQUEST_TIMEOUT_MS, type ProbeOptions, runProbe } from './run-probe.js';
