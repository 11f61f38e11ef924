import { ValidationError } from '../errors/carbon-track-error.js';
import type { FleetTarget } from './fleet-target.js';

/**
 * Where a fleet read resumes: plain JSON, safe to write to a file. It names the read it belongs to
 * (target and range) and the next device-day by device ID and day, not by position, so a device
 * added to a distributor meanwhile does not shift what counts as done.
 */
export interface FleetCursor {
  readonly version: 1;
  readonly target: FleetTarget;
  /** The range, ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  /** The device of the next chunk; null when every chunk is done. */
  readonly device: string | null;
  /** Index of the next chunk's day within the range (0 = the day of `from`). */
  readonly day: number;
  /** Device-days done so far, for progress. */
  readonly done: number;
}

/**
 * Checks that `value` (typically parsed from a file) is a {@link FleetCursor}; a
 * {@link ValidationError} naming the first bad field otherwise.
 */
export function parseFleetCursor(value: unknown): FleetCursor {
  const bad = (field: string) => new ValidationError(`fleet cursor: ${field} is missing or invalid`);
  if (typeof value !== 'object' || value === null) throw bad('the cursor');
  const cursor = value as Record<string, unknown>;
  if (cursor.version !== 1) throw bad('version');
  const target = cursor.target as Record<string, unknown> | null;
  const validTarget =
    typeof target === 'object' &&
    target !== null &&
    (typeof target.distributorId === 'string' ||
      (Array.isArray(target.deviceIds) && target.deviceIds.every((id) => typeof id === 'string')));
  if (!validTarget) throw bad('target');
  for (const field of ['from', 'to'] as const) {
    if (typeof cursor[field] !== 'string' || Number.isNaN(Date.parse(cursor[field] as string))) throw bad(field);
  }
  if (cursor.device !== null && typeof cursor.device !== 'string') throw bad('device');
  for (const field of ['day', 'done'] as const) {
    if (!Number.isSafeInteger(cursor[field]) || (cursor[field] as number) < 0) throw bad(field);
  }
  return value as FleetCursor;
}

/** Whether a cursor was made by a read of this target and range. @internal */
export function cursorMatches(cursor: FleetCursor, target: FleetTarget, from: string, to: string): boolean {
  if (cursor.from !== from || cursor.to !== to) return false;
  if ('distributorId' in target) {
    return (
      'distributorId' in cursor.target &&
      cursor.target.distributorId.toLowerCase() === target.distributorId.toLowerCase()
    );
  }
  return (
    'deviceIds' in cursor.target &&
    cursor.target.deviceIds.length === target.deviceIds.length &&
    cursor.target.deviceIds.every((id, i) => id === target.deviceIds[i])
  );
}
