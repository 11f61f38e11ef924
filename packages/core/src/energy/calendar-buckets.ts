import { zoneOffsetMs } from '@carbontrack/api';

/** Calendar unit of a resampling bucket. */
export type CalendarUnit = 'hour' | 'day' | 'month';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** First instant in (lo, hi] whose offset differs from the offset at lo (a DST transition). */
function transitionAfter(timeZone: string, lo: number, hi: number): number {
  const before = zoneOffsetMs(timeZone, lo);
  let low = lo;
  let high = hi;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zoneOffsetMs(timeZone, mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * The earliest instant whose local wall-clock time is `wall` (wall-clock time coded as UTC ms). When
 * `wall` does not exist (it falls in a DST gap) the answer is the transition, the first instant after it.
 */
function instantOfWall(timeZone: string, wall: number, hint: number): number {
  const offsets = [hint];
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < offsets.length && k < 4; k++) {
    const candidate = wall - (offsets[k] as number);
    const actual = zoneOffsetMs(timeZone, candidate);
    if (actual === offsets[k]) best = Math.min(best, candidate);
    else if (!offsets.includes(actual)) offsets.push(actual);
  }
  // Also try the neighbouring offsets so that a repeated wall time resolves to its first occurrence.
  for (const probe of [wall - hint - 3 * HOUR, wall - hint + 3 * HOUR]) {
    const o = zoneOffsetMs(timeZone, probe);
    if (!offsets.includes(o)) {
      offsets.push(o);
      if (zoneOffsetMs(timeZone, wall - o) === o) best = Math.min(best, wall - o);
    }
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  const earliest = wall - Math.max(...offsets);
  const latest = wall - Math.min(...offsets);
  return transitionAfter(timeZone, earliest, latest);
}

/**
 * The instant at which the clocks of `timeZone` show `wall` (a wall-clock time coded as UTC ms,
 * e.g. `Date.UTC(2026, 3, 5, 2, 30)` for 02:30 on 5 April): the first of two when the hour repeats
 * (DST ends), the transition when the time does not exist (DST starts).
 */
export function localTimeToInstant(wall: number, timeZone: string): number {
  return instantOfWall(timeZone, wall, zoneOffsetMs(timeZone, wall));
}

function wallUnitStart(wall: number, unit: CalendarUnit): number {
  if (unit === 'hour') return Math.floor(wall / HOUR) * HOUR;
  if (unit === 'day') return Math.floor(wall / DAY) * DAY;
  const date = new Date(wall);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function wallUnitNext(wallStart: number, unit: CalendarUnit): number {
  if (unit === 'hour') return wallStart + HOUR;
  if (unit === 'day') return wallStart + DAY;
  const date = new Date(wallStart);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Start of the bucket containing instant `t`. @internal */
export function bucketStart(t: number, unit: CalendarUnit, timeZone: string): number {
  const offset = zoneOffsetMs(timeZone, t);
  const start = instantOfWall(timeZone, wallUnitStart(t + offset, unit), offset);
  // A repeated local hour (DST ends) is two buckets: start no earlier than the transition.
  if (unit === 'hour' && zoneOffsetMs(timeZone, start) !== offset) return transitionAfter(timeZone, start, t);
  return start;
}

/** Start of the bucket after the one starting at `start`. @internal */
export function nextBucketStart(start: number, unit: CalendarUnit, timeZone: string): number {
  const offset = zoneOffsetMs(timeZone, start);
  const next = instantOfWall(timeZone, wallUnitNext(wallUnitStart(start + offset, unit), unit), offset);
  if (unit === 'hour' && zoneOffsetMs(timeZone, next - 1) !== offset) return transitionAfter(timeZone, start, next - 1);
  return next;
}

/**
 * Bucket boundaries covering [from, to]: `edges[k]` is the start of bucket k and `edges[k + 1]` its end,
 * so there are `edges.length - 1` buckets and the last one contains `to`. Days and months follow the
 * zone's calendar (23 h or 25 h days at DST changes); hours follow the wall clock, and a repeated hour
 * at the end of DST is two buckets. @internal
 */
export function bucketEdges(from: number, to: number, unit: CalendarUnit, timeZone: string): Float64Array {
  const edges: number[] = [bucketStart(from, unit, timeZone)];
  let current = edges[0] as number;
  while (current <= to) {
    const next = nextBucketStart(current, unit, timeZone);
    if (!(next > current)) throw new RangeError(`Could not find the ${unit} after ${new Date(current).toISOString()}`);
    edges.push(next);
    current = next;
  }
  return Float64Array.from(edges);
}
