/**
 * `@carbontrack/core/live`: a framework-free cache of live carbonTRACK data for UIs (web
 * components, a VS Code webview): shared requests per key, polling at the smallest interval of the
 * visible subscribers, paused when none is visible. Browser-safe.
 * @packageDocumentation
 */

export {
  energyComparisonRange,
  energyComparisonResource,
  seriesComparisonResource,
} from './comparison-resources.js';
export {
  LiveDataHub,
  type LiveDataHubOptions,
  type LiveListener,
  type LiveResource,
  type LiveState,
  type LoadProgress,
  type SubscribeOptions,
} from './live-data-hub.js';
export {
  deviceResource,
  ENERGY_PERIODS,
  type EnergyPeriod,
  energyPeriodRange,
  energyPeriodResource,
  isRangePreset,
  type LatestReading,
  latestReadingResource,
  RANGE_PRESETS,
  type RangedSeries,
  type RangePreset,
  type RelativeRange,
  relativeRangeMs,
  seriesResource,
} from './resources.js';
