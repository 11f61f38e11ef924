import type { deviceTimeZone } from './device-time-zone.js';
import { canonicalTimeZone, runtimeTimeZone } from './time-zone.js';

/** Where a resolved time zone came from. */
export type TimeZoneSource = 'attribute' | 'provider' | 'device' | 'browser';

/** What {@link resolveTimeZone} chooses from, most specific first. */
export interface TimeZoneChoices {
  /** The view's own setting (a widget's `time-zone` attribute, an extension setting). */
  explicit?: string | null | undefined;
  /** A setting shared by several views (`<ct-provider time-zone>`). */
  shared?: string | null | undefined;
  /** The device's own zone (see {@link deviceTimeZone}), null when unknown. */
  deviceZone?: string | null | undefined;
}

/** A resolved zone and where it came from. */
export interface ResolvedTimeZone {
  /** Canonical IANA name. */
  timeZone: string;
  /** Which choice gave it. */
  source: TimeZoneSource;
}

/**
 * The one time-zone rule of the toolkit: the view's own setting, else the shared setting, else the
 * device's own zone from its coordinates, else the runtime's zone. Owners think in the device's
 * local time, so the browser's zone is the last resort, not the default.
 *
 * @throws RangeError when `explicit` or `shared` is set but is not an IANA zone (a typo must not
 * silently fall through to another zone).
 */
export function resolveTimeZone(choices: TimeZoneChoices): ResolvedTimeZone {
  for (const source of ['explicit', 'shared'] as const) {
    const value = choices[source];
    if (value === undefined || value === null || value === '') continue;
    const zone = canonicalTimeZone(value);
    if (!zone) throw new RangeError(`'${value}' is not an IANA time zone (for example Australia/Sydney)`);
    return { timeZone: zone, source: source === 'explicit' ? 'attribute' : 'provider' };
  }
  const fromDevice = choices.deviceZone ? canonicalTimeZone(choices.deviceZone) : null;
  if (fromDevice) return { timeZone: fromDevice, source: 'device' };
  return { timeZone: runtimeTimeZone(), source: 'browser' };
}
