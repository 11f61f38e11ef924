import type { ComparisonKind } from '../energy/compare-periods.js';
import { comparisonPeriod, shiftLocalTime } from '../energy/compare-periods.js';
import { assertDeviceId, toEpochMs } from '../validation/validate-input.js';
import type { LiveResource } from './live-data-hub.js';
import {
  type EnergyPeriod,
  energyPeriodRange,
  fetchRange,
  type RangedSeries,
  type RelativeRange,
  relativeRangeMs,
} from './resources.js';

/**
 * The period an energy period is compared with, at `now`. `'year'`: the same local wall times a
 * year earlier. `'previous'`: for `today`, yesterday up to the same time of day; for `month`,
 * last month up to the same day and time; for the rolling periods (`7d`, `30d`, `1y`) the same
 * length just before.
 */
export function energyComparisonRange(
  period: EnergyPeriod,
  kind: ComparisonKind,
  timeZone: string,
  now: number,
): { from: number; to: number } {
  const range = energyPeriodRange(period, timeZone, now);
  if (kind === 'previous' && (period === 'today' || period === 'month')) {
    const by = period === 'today' ? { days: -1 } : { months: -1 };
    return { from: shiftLocalTime(range.from, by, timeZone), to: shiftLocalTime(range.to, by, timeZone) };
  }
  return comparisonPeriod(range, kind, timeZone);
}

/**
 * The measurements of the period an energy period is compared with (see
 * {@link energyComparisonRange}), worked out when fetched: one key per device, period, kind and
 * zone, however the clock moves.
 */
export function energyComparisonResource(
  deviceId: string,
  period: EnergyPeriod,
  kind: ComparisonKind,
  timeZone: string,
  { now = Date.now }: { now?: () => number } = {},
): LiveResource<RangedSeries> {
  assertDeviceId(deviceId);
  energyComparisonRange(period, kind, timeZone, now());
  return {
    key: `energy-compare:${deviceId}:${period}:${kind}:${timeZone}`,
    fetch: (client, signal, progress) => {
      const { from, to } = energyComparisonRange(period, kind, timeZone, now());
      return fetchRange(client, deviceId, from, to, signal, progress);
    },
  };
}

/**
 * The measurements of the period a chart's range is compared with: the same length just before
 * (`'previous'`) or the same local times a year earlier (`'year'`), of the last `range` (worked
 * out when fetched) or of a fixed `from`/`to`.
 */
export function seriesComparisonResource(
  deviceId: string,
  range: { range: RelativeRange | string } | { from: Date | number | string; to: Date | number | string },
  kind: ComparisonKind,
  timeZone: string,
  { now = Date.now }: { now?: () => number } = {},
): LiveResource<RangedSeries> {
  assertDeviceId(deviceId);
  const fixed = 'range' in range ? null : { from: toEpochMs(range.from, 'from'), to: toEpochMs(range.to, 'to') };
  const spanMs = 'range' in range ? relativeRangeMs(range.range) : 0;
  const current = () => fixed ?? { from: now() - spanMs, to: now() };
  comparisonPeriod(current(), kind, timeZone);
  const which = fixed ? `${fixed.from}:${fixed.to}` : `last:${(range as { range: string }).range}`;
  return {
    key: `series-compare:${deviceId}:${which}:${kind}:${timeZone}`,
    fetch: (client, signal, progress) => {
      const { from, to } = comparisonPeriod(current(), kind, timeZone);
      return fetchRange(client, deviceId, from, to, signal, progress);
    },
  };
}
