import { usageError } from '../cli-error.js';

/** A whole-number flag value at least `min`, or a usage error naming the flag. */
export function intFlag(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(
      `${flag} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got '${raw}'`,
    );
  }
  return value;
}

/** A positive number flag value, or a usage error naming the flag. */
export function positiveFlag(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw usageError(`${flag} must be a number above 0, got '${raw}'`);
  }
  return value;
}
