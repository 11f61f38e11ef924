/**
 * `@carbontrack/api`: the API's contract, shared by the client and the simulator. The types
 * generated from `openapi/carbontrack.yaml` (`paths`, `components`, `operations`), the wire
 * codecs (number strings both ways) and the zone-offset maths both sides compute dates with. No
 * runtime dependency; the schema validator is the separate `./validator` entry.
 * @packageDocumentation
 */

export type { components, operations, paths } from './generated/carbontrack.js';
export { assertTimeZone, type ZoneOffsetSpan, zoneOffsetMs, zoneOffsetSpan } from './time/zone-offset.js';
export {
  formatHundredths,
  formatHundredthsAs,
  formatNumber,
  type NumberFormat,
  type NumberPattern,
  parseHundredths,
  toHundredths,
} from './wire/format-number.js';
export {
  EMPTY_NUMBER_DEFAULT,
  type EmptyNumber,
  parseFormattedNumber,
  parseFormattedNumberAt,
  parseFormattedNumberBytes,
  scanFormattedNumber,
} from './wire/parse-number.js';
export { SUCCESS_FIELDS } from './wire/success-fields.js';
